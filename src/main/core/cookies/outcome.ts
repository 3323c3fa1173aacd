// What reading one profile (or one browser-wide store) ends in, before it becomes a report
// line. Only `found` carries the value, and it never reaches an ImportReport.
import { jwtExpiry, jwtIssuedAt, looksLikeJwt } from '../jwt.js';
import { isSendableToken } from '../kimi/header-value.js';
import { SITE_TOKEN_MIN_LIFE_MS, SiteTokenTextSchema } from './site-storage.js';
import type { ImportStatus, TokenSource } from './types.js';

export type ProfileOutcome =
  | {
      readonly status: 'found';
      readonly token: string;
      readonly expiresAt: Date | null;
      /** Creation time in microseconds since the Unix epoch: the newest cookie wins. */
      readonly createdMicros: bigint;
      readonly source: TokenSource;
    }
  | { readonly status: Exclude<ImportStatus, 'found'>; readonly detail: string | null };

export interface ProfileResult {
  /** Null for a browser-wide line (Safari, the Kimi desktop app, a failure before profiles). */
  readonly profile: string | null;
  readonly outcome: ProfileOutcome;
}

export type Failure = Exclude<ProfileOutcome, { status: 'found' }>;

/** What a person can act on comes first: a denied prompt, then a missing key, then damage. */
const FAILURE_RANK: Record<Failure['status'], number> = {
  'needs-full-disk-access': 0,
  'keychain-denied': 1,
  'cannot-decrypt': 2,
  'store-too-large': 3,
  'unreadable-store': 4,
  'not-found': 5,
};

/** The one outcome to show for several attempts: the newest find, else the most actionable failure. */
export function combineOutcomes(outcomes: readonly ProfileOutcome[]): ProfileOutcome {
  let best: ProfileOutcome = { status: 'not-found', detail: null };
  for (const outcome of outcomes) {
    if (outcome.status === 'found') {
      if (best.status !== 'found' || outcome.createdMicros > best.createdMicros) best = outcome;
    } else if (best.status !== 'found' && FAILURE_RANK[outcome.status] < FAILURE_RANK[best.status]) {
      best = outcome;
    } else if (best.status === 'not-found' && outcome.status === 'not-found' && best.detail === null) {
      best = outcome;
    }
  }
  return best;
}

export function notFound(detail: string | null = null): Failure {
  return { status: 'not-found', detail };
}

/**
 * A cookie's expiry as its store holds it: a time, `session` (only Chromium keeps session
 * cookies on disk, marked by has_expires = 0), or `invalid` when the stored value is missing,
 * zero or beyond what a Date holds.
 */
export type StoredExpiry = Date | 'session' | 'invalid';

/**
 * The one rule for accepting a stored kimi-auth cookie, for every browser. A cookie is used only
 * when it has a real expiry that is still ahead (or is a Chromium session cookie) and a value
 * the transport can send (the token rule of kimi/header-value); anything else is a failure of
 * this profile, and Auto goes on to the next profile or browser.
 */
export function cookieOutcome(value: string, expiry: StoredExpiry, createdMicros: bigint, now: number): ProfileOutcome {
  const failure = expiryFailure(expiry, now);
  if (failure) return failure;
  if (!isSendableToken(value)) return { status: 'unreadable-store', detail: 'cookie value cannot be sent in a request' };
  return { status: 'found', token: value, expiresAt: expiry instanceof Date ? expiry : null, createdMicros, source: 'cookie' };
}

/**
 * The one rule for accepting the access token the site keeps in a browser's local storage (null:
 * there is none). It must be a sendable JWT with an expiry, and live for more than
 * SITE_TOKEN_MIN_LIFE_MS: the import cache keeps a token only that long, so an expired one is
 * never used and the browser's renewed one is read instead.
 */
export function siteTokenOutcome(stored: string | null, now: number): ProfileOutcome {
  if (stored === null || stored.trim() === '') return notFound();
  const text = SiteTokenTextSchema.safeParse(stored);
  const token = text.success ? text.data : stored;
  if (!isSendableToken(token)) return { status: 'unreadable-store', detail: 'site token cannot be sent in a request' };
  const expiresAt = looksLikeJwt(token) ? jwtExpiry(token) : null;
  if (expiresAt === null) return { status: 'unreadable-store', detail: 'site token is not a JWT with an expiry' };
  if (expiresAt.getTime() - SITE_TOKEN_MIN_LIFE_MS <= now) return notFound('site token expired');
  const issuedAt = jwtIssuedAt(token);
  const createdMicros = issuedAt === null ? 0n : BigInt(issuedAt.getTime()) * 1000n;
  return { status: 'found', token, expiresAt, createdMicros, source: 'local-storage' };
}

/** The expiry half of cookieOutcome, for a value not read yet (Chromium decrypts only live rows). */
export function expiryFailure(expiry: StoredExpiry, now: number): Failure | null {
  // Safari and Firefox write only cookies that have an expiry to disk (session cookies stay in
  // memory), and Chromium marks its session cookies, so a missing, zero or out-of-range expiry
  // is damage, never "does not expire". It is reported as unreadable, not expired: "expired"
  // would send the user to sign in again when the store is at fault.
  if (expiry === 'invalid') return { status: 'unreadable-store', detail: 'cookie has no valid expiry' };
  if (expiry !== 'session' && expiry.getTime() <= now) return notFound('cookie expired');
  return null;
}

/** The latest time a Date can hold, in milliseconds since the Unix epoch. */
const MAX_DATE_MS = 8_640_000_000_000_000;

/** An expiry in Unix milliseconds, or `invalid` when it is not after 1970 or not a Date. */
export function expiryFromUnixMs(ms: number): Date | 'invalid' {
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_DATE_MS ? new Date(ms) : 'invalid';
}
