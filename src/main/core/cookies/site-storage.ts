// What the signed-in kimi.com site keeps for its session, known once: browser import reads the
// kimi-auth cookie or the access token in the site's local storage, and KimiBar's own sign-in
// window reads the same from the page (shell/web-session-capture, the one module outside this
// folder that may import this one). The site stopped setting the kimi-auth cookie for new
// sign-ins in 2026; see docs/kimi-api.md ("The token").
import * as z from '../../../shared/zod.js';
import type { Region } from '../../../shared/settings.js';
import { regionHosts } from '../kimi/endpoints.js';

/** The cookie the site set before 2026 (older sign-ins may still hold it); the web API reads it. */
export const KIMI_COOKIE_NAME = 'kimi-auth';

/** The site's short-lived (about 15 minutes) web token, a JWT. */
export const SITE_ACCESS_TOKEN_KEY = 'access_token';

/**
 * The site's refresh token. Only KimiBar's own sign-in window keeps it: browser import never
 * reads it, because refresh tokens rotate and using a browser's would sign that browser out.
 */
export const SITE_REFRESH_TOKEN_KEY = 'refresh_token';

/** The origin whose local storage holds the tokens: the region's web host. */
export function kimiSiteOrigin(region: Region): string {
  return `https://${regionHosts(region).www}`;
}

/** A real token is well under this; a longer value is not one and is never copied around. */
export const MAX_SITE_TOKEN_CHARS = 16 * 1024;

/**
 * A token as the site stores it: printable ASCII without spaces, trimmed, and unwrapped when
 * stored JSON-quoted (some sites keep `"eyJ…"`). Whether it is a usable JWT is the caller's rule.
 */
export const SiteTokenTextSchema = z.pipe(
  z.pipe(
    z.string().check(z.maxLength(MAX_SITE_TOKEN_CHARS + 2)),
    z.transform((text: string) => text.trim().replace(/^"(.*)"$/, '$1')),
  ),
  z.string().check(z.minLength(1), z.maxLength(MAX_SITE_TOKEN_CHARS), z.regex(/^[\x21-\x7e]+$/)),
);

/**
 * How long a site token must still live to be used. The site renews it every quarter hour while
 * it is open, so a token this close to its end would fail its first request; the next read of the
 * browser's storage finds the renewed one.
 */
export const SITE_TOKEN_MIN_LIFE_MS = 60_000;

/** Shown beside a token found this way, so nobody looks for a cookie that is not there. */
export const SITE_STORAGE_DETAIL = "from the site's local storage, not a cookie";
