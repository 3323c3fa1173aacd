// The browser-import port: what Auto and Web mode ask of the cookie importer, and what
// `kimibar cookies` and the settings screen show. A report never carries the cookie value.
import type { Region } from '../../../shared/settings.js';

export {
  BrowserIdSchema,
  ImportReportSchema,
  ImportStatusSchema,
  type BrowserId,
  type ImportReport,
  type ImportStatus,
} from '../../../shared/cookies.js';
import type { BrowserId, ImportReport } from '../../../shared/cookies.js';

/**
 * Where a browser's web token was found: its kimi-auth cookie, or the access token the signed-in
 * site keeps in its local storage (new sign-ins get no cookie).
 */
export type TokenSource = 'cookie' | 'local-storage';

export interface FoundCookie {
  /** The kimi-auth value or the site's access token: a secret. Never logged, never put in a report. */
  readonly token: string;
  readonly source: TokenSource;
  readonly browser: BrowserId;
  readonly browserName: string;
  readonly profile: string | null;
  /** Null only for a Chromium session cookie. */
  readonly expiresAt: Date | null;
}

export interface CookieImportResult {
  /** The token to use (the browser order of catalog.ts; newest unexpired within a browser). */
  readonly found: FoundCookie | null;
  readonly reports: readonly ImportReport[];
}

export interface CookieImportOptions {
  readonly region: Region;
  /** Re-import even if a result is cached (the cached token failed, or the user asked). */
  readonly force?: boolean;
  /**
   * Read every installed browser, even after a cookie is found (`kimibar cookies`, the settings
   * screen). Auto and Web mode stop at the first browser with a cookie, which avoids prompts.
   */
  readonly scanAll?: boolean;
}

export interface CookieImporter {
  importKimiAuth(options: CookieImportOptions): Promise<CookieImportResult>;
}
