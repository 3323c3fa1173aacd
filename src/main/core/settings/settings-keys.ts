// The dotted keys `kimibar config set KEY VALUE` accepts, derived from the settings schema so a
// new setting is settable the day it is added. A value typed on the command line is a string;
// it is read here according to its field's type, and the whole document is then validated by
// the schema, which owns the ranges.
import * as z from '../../../shared/zod.js';
import { AccountSettingsSchema, SettingsSchema } from '../../../shared/settings.js';
import { KimiError } from '../errors.js';

export type SettingValueKind =
  | { readonly type: 'boolean' }
  | { readonly type: 'number' }
  | { readonly type: 'number-list' }
  | { readonly type: 'string' }
  | { readonly type: 'enum'; readonly values: readonly string[] };

export interface SettingKey {
  /** e.g. "general.refreshCadence", "kimi.region" */
  readonly key: string;
  /** 'account': a field of one account (`kimi.*`, the account `--account` names, else the selected
   *  one), its path inside that account; 'general': its path from the document's root. */
  readonly scope: 'general' | 'account';
  readonly path: readonly string[];
  readonly kind: SettingValueKind;
  /** `null` is accepted and restores "not set". */
  readonly nullable: boolean;
}

// App state and the schema version are written by KimiBar itself, not by people; the account
// list, ids, names and the selection have their own commands (`kimibar accounts`).
const NOT_SETTABLE = new Set(['version', 'state', 'accounts', 'selectedAccount']);
const NOT_SETTABLE_PER_ACCOUNT = new Set(['id', 'name', 'lastAutoSource']);

/** An account's fields go by `kimi.*`, the names they had when KimiBar knew one account. */
const ACCOUNT_PREFIX = 'kimi';

export const SETTABLE_KEYS: readonly SettingKey[] = [
  ...collectKeys(SettingsSchema, [], NOT_SETTABLE).map((key) => ({ ...key, scope: 'general' as const })),
  ...collectKeys(AccountSettingsSchema, [], NOT_SETTABLE_PER_ACCOUNT).map((key) => ({ ...key, key: `${ACCOUNT_PREFIX}.${key.key}`, scope: 'account' as const })),
];

function collectKeys(schema: z.ZodMiniType, path: readonly string[], skip: ReadonlySet<string>): Array<Omit<SettingKey, 'scope'>> {
  if (skip.has(path.join('.'))) return [];
  const { inner, nullable } = unwrap(schema);
  if (inner instanceof z.ZodMiniObject) {
    return Object.entries(inner.shape as Record<string, z.ZodMiniType>).flatMap(([name, field]) =>
      collectKeys(field, [...path, name], skip),
    );
  }
  const kind = valueKind(inner);
  return kind ? [{ key: path.join('.'), path, kind, nullable }] : [];
}

/** A field's schema without its default and null wrappers, and whether null is allowed. */
export function unwrap(schema: z.ZodMiniType): { inner: z.ZodMiniType; nullable: boolean } {
  let inner = schema;
  let nullable = false;
  for (;;) {
    if (inner instanceof z.ZodMiniDefault || inner instanceof z.ZodMiniPrefault) inner = inner.def.innerType as z.ZodMiniType;
    else if (inner instanceof z.ZodMiniNullable) {
      nullable = true;
      inner = inner.def.innerType as z.ZodMiniType;
    } else return { inner, nullable };
  }
}

function valueKind(schema: z.ZodMiniType): SettingValueKind | null {
  if (schema instanceof z.ZodMiniBoolean) return { type: 'boolean' };
  if (schema instanceof z.ZodMiniNumber) return { type: 'number' };
  if (schema instanceof z.ZodMiniString) return { type: 'string' };
  if (schema instanceof z.ZodMiniEnum) return { type: 'enum', values: schema.options.map(String) };
  if (schema instanceof z.ZodMiniArray && schema.def.element instanceof z.ZodMiniNumber) return { type: 'number-list' };
  return null;
}

export function findSettingKey(key: string): SettingKey {
  const found = SETTABLE_KEYS.find((candidate) => candidate.key === key);
  if (!found) {
    // What was typed is not repeated: it may be a key pasted in the wrong place.
    throw new KimiError('usage', { detail: `unknown setting. Settable keys: ${SETTABLE_KEYS.map((k) => k.key).join(', ')}` });
  }
  return found;
}

/** What a key accepts, for help text and error messages: "true|false", "one of: a, b". */
export function describeAccepted(setting: SettingKey): string {
  const base = ((): string => {
    switch (setting.kind.type) {
      case 'boolean':
        return 'true or false';
      case 'number':
        return 'a number';
      case 'number-list':
        return 'comma-separated numbers (e.g. 50,20), or "none"';
      case 'string':
        return 'text';
      case 'enum':
        return `one of: ${setting.kind.values.join(', ')}`;
    }
  })();
  return setting.nullable ? `${base}, or null` : base;
}

const TRUE_WORDS = new Set(['true', 'on', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'off', 'no', '0']);

/** Reads a command-line value for `setting`; range checks are left to the schema. */
export function parseSettingValue(setting: SettingKey, raw: string): unknown {
  const text = raw.trim();
  if (setting.nullable && text === 'null') return null;
  const value = parseByKind(setting.kind, text);
  if (value === undefined) {
    throw new KimiError('usage', { detail: `invalid value for ${setting.key}: expected ${describeAccepted(setting)}` });
  }
  return value;
}

function parseByKind(kind: SettingValueKind, text: string): unknown {
  switch (kind.type) {
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return undefined;
    }
    case 'number':
      return parseNumber(text);
    case 'number-list': {
      if (text === '' || text.toLowerCase() === 'none') return [];
      const numbers = text.split(',').map((part) => parseNumber(part.trim()));
      return numbers.every((n) => n !== undefined) ? numbers : undefined;
    }
    case 'string':
      return text;
    case 'enum':
      return kind.values.includes(text) ? text : undefined;
  }
}

function parseNumber(text: string): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
