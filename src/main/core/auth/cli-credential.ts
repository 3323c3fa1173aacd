// The Kimi Code CLI's own login, reused read-only. The CLI owns this file and rotates its
// refresh token: refreshing or rewriting it here would sign the CLI out, so KimiBar only
// reads the access token and uses it while it has more than a minute left — and only with
// the server that login belongs to (cli-login.ts finds both).
import * as z from '../../../shared/zod.js';
import type { Region } from '../../../shared/settings.js';
import { kimiServiceBaseUrl } from '../kimi/endpoints.js';
import type { Environment } from '../ports.js';
import { regionCliLogin, resolveCliLogin, type CliLoginPlace } from './cli-login.js';
import { readSmallFile } from '../small-file.js';

const MAX_FILE_BYTES = 64 * 1024;
/** A token that lapses within this margin could expire mid-request. */
const MIN_REMAINING_MS = 60_000;

const CliCredentialFileSchema = z.object({
  // Empty in a revoked login's tombstone (see below).
  access_token: z.string().check(z.maxLength(16 * 1024)),
  /** Seconds since the epoch; the TypeScript CLI writes an integer, older files a float. */
  expires_at: z.optional(z.union([z.number(), z.pipe(z.string().check(z.trim(), z.regex(/^\d+(\.\d+)?$/)), z.transform(Number))])),
});

export interface CliCredential {
  readonly token: string;
  readonly expiresAt: Date;
  readonly path: string;
  /** The Code API base this login belongs to; its token goes nowhere else. */
  readonly baseUrl: string;
}

export type CliCredentialLookup =
  | { readonly status: 'found'; readonly credential: CliCredential }
  | { readonly status: 'expired'; readonly path: string; readonly baseUrl: string; readonly expiresAt: Date }
  /** The CLI's refresh was refused and it kept a tombstone: the user must sign in again. */
  | { readonly status: 'revoked'; readonly path: string; readonly baseUrl: string }
  /** A login for a server that is not Kimi's own: its token is never sent. */
  | { readonly status: 'refused'; readonly path: string; readonly baseUrl: string }
  | { readonly status: 'unreadable'; readonly path: string; readonly reason: string }
  /** `path`: the file the CLI would read for this login. */
  | { readonly status: 'missing'; readonly path: string };

/**
 * The login the CLI would use — or, given a region, the CLI's login for that region
 * (`regionCliLogin`) — read; the first existing file decides (older layout last).
 */
export async function findCliCredential(env: Environment, home: string, now: Date, region: Region | null = null): Promise<CliCredentialLookup> {
  const resolved = region === null ? resolveCliLogin(env, home) : regionCliLogin(env, home, region);
  if (resolved.kind === 'unreadable') return { status: 'unreadable', path: resolved.path, reason: resolved.reason };
  for (const place of [resolved.place, resolved.fallback]) {
    if (place === null) continue;
    const text = readSmallFile(place.path, MAX_FILE_BYTES, 'too large to be a credential file');
    if (text === null) continue;
    if (text instanceof Error) return { status: 'unreadable', path: place.path, reason: text.message };
    return interpret(place, text, now);
  }
  return { status: 'missing', path: resolved.place.path };
}

function interpret({ path, baseUrl }: CliLoginPlace, text: string, now: Date): CliCredentialLookup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 'unreadable', path, reason: 'not valid JSON' };
  }
  const parsed = CliCredentialFileSchema.safeParse(json);
  if (!parsed.success) return { status: 'unreadable', path, reason: 'no access_token / expires_at' };
  // The CLI's tombstone after a refused refresh: `access_token` and `refresh_token` "",
  // `expires_at` 0. Not a damaged file — a login that ended.
  if (parsed.data.access_token === '') return { status: 'revoked', path, baseUrl };
  if (parsed.data.expires_at === undefined) return { status: 'unreadable', path, reason: 'no access_token / expires_at' };
  const expiresMs = parsed.data.expires_at * 1000;
  if (!Number.isFinite(expiresMs) || Math.abs(expiresMs) > 8.64e15) {
    return { status: 'unreadable', path, reason: 'expires_at is not a time' };
  }
  if (kimiServiceBaseUrl(baseUrl) === null) return { status: 'refused', path, baseUrl };
  const expiresAt = new Date(expiresMs);
  if (expiresMs - now.getTime() <= MIN_REMAINING_MS) return { status: 'expired', path, baseUrl, expiresAt };
  return { status: 'found', credential: { token: parsed.data.access_token, expiresAt, path, baseUrl } };
}
