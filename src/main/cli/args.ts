// Argument parsing for `kimibar`: node's own parseArgs per command, with every mistake turned
// into a one-line usage error (exit 2) that names the command's usage line. What people type
// may be a secret (a key pasted after the wrong flag, or as a command name), so a usage error
// never quotes what was typed unless it is a short plain word (see `echoIfPlain`), and never
// quotes an option's value.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KimiError } from '../core/errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed<O extends OptionSpec> {
  readonly values: { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };
  readonly positionals: string[];
}

export function parseCommandArgs<O extends OptionSpec>(argv: readonly string[], options: O, usage: string, maxPositionals = 0): Parsed<O> {
  let parsed;
  try {
    // Not strict: node's strict errors quote the offending argument (and so a pasted key);
    // the checks below say the same without it.
    parsed = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  } catch {
    throw usageError('bad arguments', usage);
  }
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (spec === undefined) throw usageError(`unknown option${echoOption(token.rawName)}`, usage);
    if (spec.type === 'boolean' && token.value !== undefined) throw usageError(`${token.rawName} takes no value`, usage);
    // As strict parsing does: `--api-key --stdin` is a forgotten value, not the value "--stdin".
    if (spec.type === 'string' && (token.value === undefined || (!token.inlineValue && token.value.startsWith('-')))) {
      throw usageError(`${token.rawName} needs a value`, usage);
    }
  }
  if (parsed.positionals.length > maxPositionals) {
    throw usageError(`unexpected argument${echoIfPlain(parsed.positionals[maxPositionals])}`, usage);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** A usage error (exit 2) on one line: what is wrong, then the usage line when there is one. */
export function usageError(problem: string, usage?: string): KimiError {
  return new KimiError('usage', { detail: usage === undefined ? problem : `${problem} (usage: ${usage})` });
}

/**
 * ` 'word'` for a short lowercase word such as a mistyped command name, else nothing: anything
 * else typed on a command line might be a key or a token, and must not land on screen or in
 * a terminal log. Kimi keys and tokens hold digits, capitals or dots, so they never pass.
 */
export function echoIfPlain(typed: string | undefined): string {
  return typed !== undefined && PLAIN_WORD.test(typed) && !typed.startsWith('sk-') ? ` '${typed}'` : '';
}

const PLAIN_WORD = /^[a-z][a-z-]{0,23}$/;

/** ` --name` / ` -x` for an unknown option that looks like one; never its value. */
export function echoOption(rawName: string): string {
  if (/^-[a-zA-Z]$/.test(rawName)) return ` ${rawName}`;
  const name = /^--(.*)$/.exec(rawName)?.[1];
  return name !== undefined && echoIfPlain(name) !== '' ? ` --${name}` : '';
}

/** Checks a value against a fixed set of choices, naming them in the error. */
export function oneOf<T extends string>(flag: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw usageError(`${flag} must be one of ${choices.join(', ')}`);
}

export function wholeNumber(flag: string, value: string | undefined, { min, max }: { min: number; max: number }): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) throw usageError(`${flag} takes a whole number from ${min} to ${max}`);
  return number;
}
