// The shape of a response, for a support bundle: its keys and the types of its values, never
// the values. Kimi changes its answers under us, and "which fields came back, as what" is what
// a bug report about wrong numbers needs — without a token, a user id or a count in it.
//
// A hostile or enormous body must not turn into an enormous description, so depth, keys per
// object and array items looked at are all bounded. Keys are the server's words, but a key can
// be anything: one that looks like a credential is replaced too.
import { redactSecrets } from '../errors.js';

/** "string", "number", …; an object maps keys to shapes; an array shows its items' shapes. */
export type Shape = string | { readonly [key: string]: Shape } | { readonly array: readonly Shape[]; readonly length: number };

const MAX_DEPTH = 8;
const MAX_KEYS = 64;
/** Arrays are described by their first items; differing shapes among them are kept apart. */
const MAX_ITEMS = 4;
const MAX_KEY_LENGTH = 64;

export function describeShape(value: unknown, depth = 0): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return 'array';
    const items: Shape[] = [];
    const seen = new Set<string>();
    for (const item of value.slice(0, MAX_ITEMS)) {
      const shape = describeShape(item, depth + 1);
      const key = JSON.stringify(shape);
      if (!seen.has(key)) {
        seen.add(key);
        items.push(shape);
      }
    }
    return { array: items, length: value.length };
  }
  if (typeof value === 'object') {
    if (depth >= MAX_DEPTH) return 'object';
    const entries = Object.entries(value as Record<string, unknown>);
    const shape: Record<string, Shape> = {};
    for (const [key, item] of entries.slice(0, MAX_KEYS)) shape[safeKey(key)] = describeShape(item, depth + 1);
    if (entries.length > MAX_KEYS) shape['…'] = `${entries.length - MAX_KEYS} more keys`;
    return shape;
  }
  if (typeof value === 'string') return numericText(value) ? 'numeric string' : 'string';
  return typeof value;
}

/** Kimi sends counts as strings ("2048"): worth telling apart from text without showing them. */
function numericText(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

function safeKey(key: string): string {
  const clipped = key.length > MAX_KEY_LENGTH ? `${key.slice(0, MAX_KEY_LENGTH)}…` : key;
  return redactSecrets(clipped) === clipped ? clipped : '[redacted key]';
}
