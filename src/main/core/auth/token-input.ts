// Turns whatever a user pastes into the "Auth token" field — or puts in KIMI_AUTH_TOKEN —
// into the kimi-auth token: a bare JWT, `kimi-auth=…`, a whole `Cookie:` header, or a cURL
// command copied from the browser's network panel (`-H 'Cookie: …'`, `-b '…'`, `--cookie '…'`).
// Every place a web token comes from text goes through here, so nothing but the token itself
// ever reaches a request header.
import { KimiError } from '../errors.js';
import { jwtExpiry, looksLikeJwt } from '../jwt.js';

/** Pasted text beyond this is not a token or a cURL command anyone copied by hand. */
const MAX_INPUT_LENGTH = 256 * 1024;
const COOKIE_NAME = 'kimi-auth';

export interface ParsedTokenInput {
  readonly token: string;
  readonly expiresAt: Date | null;
}

/**
 * Extracts the kimi-auth token. Empty input → "Kimi auth token is missing"; text that holds
 * no recognisable token → "Kimi auth token is invalid or expired" with a short reason that
 * names where the text came from (`from`) and never quotes it.
 */
export function parseTokenInput(input: string, from = 'the pasted text'): ParsedTokenInput {
  if (input.length > MAX_INPUT_LENGTH) {
    throw new KimiError('auth-invalid', { detail: `${from} is too long to be a token` });
  }
  const text = stripQuotes(input.trim());
  if (text === '') throw new KimiError('auth-missing');

  const token = findToken(text);
  if (token === null) {
    throw new KimiError('auth-invalid', { detail: `no kimi-auth token found in ${from}` });
  }
  return { token, expiresAt: jwtExpiry(token) };
}

function findToken(text: string): string | null {
  if (looksLikeJwt(text)) return text;
  for (const header of cookieHeaders(text)) {
    const value = cookieValue(header, COOKIE_NAME);
    if (value !== null && value !== '') return value;
  }
  return null;
}

/** Candidate cookie strings: the text itself, a `Cookie:` header, or cURL cookie arguments. */
function cookieHeaders(text: string): string[] {
  const candidates: string[] = [];
  const curlArgument = /(?:-H|--header)\s+(['"])\s*cookie\s*:\s*(.*?)\1|(?:-b|--cookie)\s+(['"])(.*?)\3/gis;
  for (const match of text.matchAll(curlArgument)) {
    candidates.push(match[2] ?? match[4] ?? '');
  }
  const headerLine = /^\s*cookie\s*:\s*(.*)$/im.exec(text);
  if (headerLine?.[1] !== undefined) candidates.push(headerLine[1]);
  candidates.push(text);
  return candidates;
}

function cookieValue(header: string, name: string): string | null {
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim().toLowerCase() === name) {
      return stripQuotes(pair.slice(eq + 1).trim());
    }
  }
  return null;
}

function stripQuotes(text: string): string {
  const quoted = /^(['"])(.*)\1$/s.exec(text);
  return quoted ? (quoted[2] ?? '').trim() : text;
}

export interface TokenExpiryAdvice {
  readonly expiresAt: Date | null;
  /** Lapses within 15 minutes (or already has). */
  readonly expiringSoon: boolean;
  readonly expired: boolean;
  /** Lasts under an hour from when it was pasted: suggest the API key or signing in. */
  readonly shortLived: boolean;
}

/** What the settings screen and `kimibar config` say about a pasted token's lifetime. */
export function adviseTokenExpiry(expiresAt: Date | null, now: Date): TokenExpiryAdvice {
  if (expiresAt === null) return { expiresAt, expiringSoon: false, expired: false, shortLived: false };
  const remainingMs = expiresAt.getTime() - now.getTime();
  return {
    expiresAt,
    expired: remainingMs <= 0,
    expiringSoon: remainingMs <= 15 * 60_000,
    shortLived: remainingMs < 60 * 60_000,
  };
}
