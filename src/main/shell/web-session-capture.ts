// What the kimi.com sign-in window keeps once the user is signed in: the kimi-auth cookie if
// the site set one, else the access token the site keeps in its local storage; with the refresh
// token from local storage when there is one, so the session renews (docs/kimi-api.md: the
// token's forms under "Web usage", the renewal under "Web session refresh").
// Pure: the window hands in what it read, and what it read comes from a web page, so every
// value is checked here before it can become a stored secret.
import * as z from '../../shared/zod.js';
import { jwtExpiry, looksLikeJwt } from '../core/jwt.js';
import { KIMI_COOKIE_NAME, SITE_ACCESS_TOKEN_KEY, SITE_REFRESH_TOKEN_KEY, SiteTokenTextSchema } from '../core/cookies/site-storage.js';
import type { CapturedWebSession } from '../core/service/shell-ports.js';

/** The cookie the web API reads; browser import looks for the same one. */
export const WEB_AUTH_COOKIE = KIMI_COOKIE_NAME;

/**
 * Runs in the sign-in page: returns only the two local-storage values KimiBar needs, never
 * the rest of the page's storage. A fixed string built from KimiBar's own constants, so nothing
 * from outside is ever evaluated.
 */
export const STORAGE_TOKENS_SCRIPT = `(() => {
  try {
    const s = window.localStorage;
    return { accessToken: s.getItem(${JSON.stringify(SITE_ACCESS_TOKEN_KEY)}), refreshToken: s.getItem(${JSON.stringify(SITE_REFRESH_TOKEN_KEY)}) };
  } catch {
    return null;
  }
})()`;

/** Without an expiry in the token, assume the site's usual short access-token life. */
const FALLBACK_LIFETIME_MS = 15 * 60_000;

const StorageTokensSchema = z.object({
  accessToken: z.catch(z.nullable(SiteTokenTextSchema), null),
  refreshToken: z.catch(z.nullable(SiteTokenTextSchema), null),
});

export interface SignInReadings {
  /** The kimi-auth cookie's value in the sign-in session, if any. */
  readonly cookie: string | null;
  /** What STORAGE_TOKENS_SCRIPT returned: anything at all, as it comes from the page. */
  readonly storage: unknown;
  readonly now: number;
}

/** The session to keep, or null while the user is not (yet) signed in. */
export function captureWebSession({ cookie, storage, now }: SignInReadings): CapturedWebSession | null {
  const stored = StorageTokensSchema.safeParse(storage ?? {});
  const fromStorage = stored.success ? stored.data : { accessToken: null, refreshToken: null };
  const cookieToken = SiteTokenTextSchema.safeParse(cookie ?? '');
  const candidates = [cookieToken.success ? cookieToken.data : null, fromStorage.accessToken];
  const refreshToken = fromStorage.refreshToken;

  for (const accessToken of candidates) {
    if (accessToken === null || !looksLikeJwt(accessToken)) continue;
    const expiry = jwtExpiry(accessToken);
    // An expired access token is still worth keeping when a refresh token can renew it.
    if (expiry !== null && expiry.getTime() <= now && refreshToken === null) continue;
    return { accessToken, refreshToken, expiresAt: expiry?.getTime() ?? now + FALLBACK_LIFETIME_MS };
  }
  return null;
}

/**
 * The sign-in window's user agent: Electron's default without the "Electron/…" and app
 * tokens, so kimi.com sees the Chrome it runs on and serves its normal sign-in page.
 */
export function browserUserAgent(electronUserAgent: string): string {
  return electronUserAgent
    .split(' ')
    .filter((token) => !/^(Electron|KimiBar|kimibar)\//.test(token))
    .join(' ');
}
