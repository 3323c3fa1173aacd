// Keys in config.json that this KimiBar does not know — written by a newer KimiBar, by the
// user, or by electron-store/conf for their own bookkeeping — are not ours to drop: a save
// writes them back as they were found. Only keys of the file's objects are kept this way; a
// map such as state.keychainDeniedAt is data KimiBar owns whole, and a key removed from it by
// KimiBar must stay removed. The account list is matched by id: an account keeps the fields a
// newer KimiBar gave it, while an account KimiBar removed stays removed. Values KimiBar knows always come from the validated settings, so
// nothing the schema refuses (a secret put into the draft by mistake) is ever written.
import * as z from '../../../shared/zod.js';
import { SettingsSchema, type Settings } from '../../../shared/settings.js';
import { unwrap } from './settings-keys.js';

/** The document to write: `next`, plus the keys of `found` (the file as read) the schema does not know. */
export function withUnknownKeys(next: Settings, found: Record<string, unknown> | null): Record<string, unknown> {
  return merge(SettingsSchema, next, found) as Record<string, unknown>;
}

function merge(schema: z.ZodMiniType, next: unknown, found: unknown): unknown {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodMiniArray && Array.isArray(next) && Array.isArray(found) && isObjectWithId(inner.def.element as z.ZodMiniType)) {
    const before = new Map(found.filter(isPlainObject).map((entry) => [entry.id, entry] as const));
    return next.map((entry: unknown) => (isPlainObject(entry) ? merge(inner.def.element as z.ZodMiniType, entry, before.get(entry.id)) : entry));
  }
  if (!(inner instanceof z.ZodMiniObject) || !isPlainObject(next) || !isPlainObject(found)) return next;
  const shape = inner.shape as Record<string, z.ZodMiniType>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    define(out, key, field ? merge(field, value, Object.hasOwn(found, key) ? found[key] : undefined) : value);
  }
  for (const [key, value] of Object.entries(found)) {
    if (!Object.hasOwn(shape, key)) define(out, key, value);
  }
  return out;
}

/** A list of records KimiBar tells apart by their `id` (the accounts). */
function isObjectWithId(schema: z.ZodMiniType): boolean {
  const { inner } = unwrap(schema);
  return inner instanceof z.ZodMiniObject && Object.hasOwn(inner.shape, 'id');
}

/** Plain assignment would turn a "__proto__" key from the file into a prototype change. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
