// Argument parsing for `kimibar`: node's own parseArgs per command, with every mistake
// turned into a usage error (exit 2) that names the command's usage line.
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
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageError(`${(error as Error).message.split('\n')[0] ?? 'bad arguments'}\nusage: ${usage}`);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw usageError(`unexpected argument '${parsed.positionals[maxPositionals]}'\nusage: ${usage}`);
  }
  return parsed as unknown as Parsed<O>;
}

export function usageError(detail: string): KimiError {
  return new KimiError('usage', { detail });
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
