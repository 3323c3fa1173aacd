// Keeps a short-lived access token usable — the device login's or the web session's, both about
// 15 minutes long (docs/kimi-api.md) — renewing it through the given refresh call when under
// five minutes remain, storing the result only through the SecretStore, and running one renewal
// at a time: refresh tokens rotate and are single use, so two renewals in parallel would spend
// the same one twice and sign the user out.
import * as z from '../../../shared/zod.js';
import { KimiError } from '../errors.js';
import { systemClock, type Clock, type SecretAccount, type SecretStore } from '../ports.js';

export const OAuthTokensSchema = z.object({
  accessToken: z.string().check(z.minLength(1)),
  /** Null where the session came without one (it then ends when the access token does). */
  refreshToken: z.nullable(z.string().check(z.minLength(1))),
  /** Milliseconds since the epoch. */
  expiresAt: z.number(),
});
export type OAuthTokens = z.infer<typeof OAuthTokensSchema>;

/**
 * Renews with a refresh token; throws KimiError('signed-out') when the server refuses it.
 * A reply without a refresh token (null) means "keep the one you have".
 */
export type RefreshTokens = (refreshToken: string) => Promise<OAuthTokens>;

export interface OAuthTokenManager {
  /**
   * A usable access token, renewed first if needed; null when not signed in. Throws
   * `signed-out` when the server refuses the renewal.
   */
  getAccessToken(signal?: AbortSignal): Promise<string | null>;
  /** The stored tokens, for status lines ("signed in, expires …"); null when none or unreadable. */
  load(): Promise<OAuthTokens | null>;
  save(tokens: OAuthTokens): Promise<void>;
  clear(): Promise<void>;
}

export interface OAuthTokenManagerOptions {
  readonly secrets: SecretStore;
  readonly account: Extract<SecretAccount, 'device-login' | 'web-session'>;
  readonly refresh: RefreshTokens;
  readonly clock?: Clock;
  readonly refreshMarginMs?: number;
}

export const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A refused renewal surfaces as `signed-out` and leaves the stored tokens in place: nothing is
 * deleted behind the user's back. Signing in again replaces them; signing out deletes them.
 */
export function createOAuthTokenManager({
  secrets,
  account,
  refresh,
  clock = systemClock,
  refreshMarginMs = REFRESH_MARGIN_MS,
}: OAuthTokenManagerOptions): OAuthTokenManager {
  let inFlight: Promise<string | null> | null = null;

  const isFresh = (tokens: OAuthTokens): boolean => tokens.expiresAt - clock.now() > refreshMarginMs;

  async function load(): Promise<OAuthTokens | null> {
    const raw = await secrets.get(account);
    if (raw === null) return null;
    try {
      const parsed = OAuthTokensSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async function save(tokens: OAuthTokens): Promise<void> {
    await secrets.set(account, JSON.stringify(OAuthTokensSchema.parse(tokens)));
  }

  async function renew(): Promise<string | null> {
    // Read again inside the queue: another process sharing the keychain (the CLI beside the
    // app) may have renewed already, and its rotated refresh token is the only valid one.
    const current = await load();
    if (current === null) return null;
    if (isFresh(current)) return current.accessToken;
    if (current.refreshToken === null) throw new KimiError('signed-out', { detail: 'the session has ended' });
    let renewed: OAuthTokens;
    try {
      renewed = await refresh(current.refreshToken);
    } catch (error) {
      // A passing failure (network, 5xx) inside the margin: the old token still works a while.
      const refused = error instanceof KimiError && error.code === 'signed-out';
      if (!refused && current.expiresAt > clock.now()) return current.accessToken;
      throw error;
    }
    await save({ ...renewed, refreshToken: renewed.refreshToken ?? current.refreshToken });
    return renewed.accessToken;
  }

  async function getAccessToken(signal?: AbortSignal): Promise<string | null> {
    const stored = await load();
    if (stored === null) return null;
    if (isFresh(stored)) return stored.accessToken;
    inFlight ??= renew().finally(() => {
      inFlight = null;
    });
    // The renewal itself is shared, so one caller's cancellation only stops its own wait.
    return untilAborted(inFlight, signal);
  }

  return { getAccessToken, load, save, clear: () => secrets.delete(account) };
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) return Promise.reject(new KimiError('cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new KimiError('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
