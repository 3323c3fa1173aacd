// What a well-formed Kimi Code API key is, decided once for every way one comes in: the
// settings window (checked again at the IPC boundary), `kimibar config set-api-key`, and the
// handler that saves it. A key is sent as an HTTP Authorization header and kept in the OS
// keychain, so it must be a token the transport will send (sendable-token.ts): a control
// character would be cut or refused there (a NUL ends a C string, and the keychain stored a
// shorter key than the one confirmed), and nothing else is a key anyway. Surrounding white
// space (a trailing newline from a paste or `echo`) is trimmed first.
import * as z from './zod.js';
import { SENDABLE_TOKEN } from './sendable-token.js';

/** Far above any real key; a bound for what is read and stored. */
export const MAX_API_KEY_LENGTH = 4096;

/** Said to people when a key is refused (never with the key itself). */
export const API_KEY_RULE = `printable ASCII without spaces, quotes, commas, semicolons or backslashes, at most ${MAX_API_KEY_LENGTH} characters`;

/** Trims, then accepts a non-empty sendable token of at most MAX_API_KEY_LENGTH characters. */
export const ApiKeySchema = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_API_KEY_LENGTH), z.regex(SENDABLE_TOKEN));

export type ApiKeyCheck = { readonly ok: true; readonly key: string } | { readonly ok: false; readonly problem: 'empty' | 'malformed' };

export function checkApiKey(raw: string): ApiKeyCheck {
  const parsed = ApiKeySchema.safeParse(raw);
  if (parsed.success) return { ok: true, key: parsed.data };
  return { ok: false, problem: raw.trim() === '' ? 'empty' : 'malformed' };
}

/** The prefix every Kimi Code key starts with: public, so a masked key may show it. */
const KEY_PREFIX = 'sk-kimi-';
/** Below this length the last four characters would give away too much of the key. */
const MIN_LENGTH_TO_SHOW_ENDING = 16;

/**
 * How a saved key is named to people — "sk-kimi-…1234" — so they can tell which key is in
 * the keychain without the key ever reaching a window: the main side masks, the renderer
 * only shows the result.
 */
export function maskApiKey(key: string): string {
  const prefix = key.startsWith(KEY_PREFIX) ? KEY_PREFIX : '';
  const ending = key.length >= MIN_LENGTH_TO_SHOW_ENDING ? key.slice(-4) : '';
  return `${prefix}…${ending}`;
}

/** What a masked key may look like at the IPC boundary: the prefix, an ellipsis, four characters. */
export const MaskedApiKeySchema = z.string().check(z.regex(/^(sk-kimi-)?\u2026[\x21-\x7e]{0,4}$/));
