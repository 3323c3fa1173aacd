// The browser-import port: what Auto and Web mode ask of the cookie importer, and what
// `kimibar cookies` and the settings screen show. A report never carries the cookie value.
import { z } from 'zod';
import type { Region } from '../../../shared/settings.js';

export const BrowserIdSchema = z.enum([
  'arc',
  'chrome',
  'safari',
  'edge',
  'brave',
  'chromium',
  'vivaldi',
  'firefox',
  'kimi-desktop',
]);
export type BrowserId = z.infer<typeof BrowserIdSchema>;

export const ImportStatusSchema = z.enum([
  'found',
  'not-found',
  'needs-full-disk-access',
  'keychain-denied',
  'cannot-decrypt',
  'unreadable-store',
]);
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

/** One line per browser profile (or per browser, where the failure is browser-wide). */
export const ImportReportSchema = z.object({
  browser: BrowserIdSchema,
  /** Display name, e.g. "Chrome". */
  browserName: z.string(),
  /** Profile display name ("Profile 1", "Work"), null for browser-wide lines. */
  profile: z.string().nullable(),
  status: ImportStatusSchema,
  /** Cookie expiry (ISO) when found; null for session cookies or other statuses. */
  expiresAt: z.iso.datetime({ offset: true }).nullable(),
  /** A short, safe explanation ("v20 app-bound encryption", "SQLITE_NOTADB"). */
  detail: z.string().nullable(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export interface FoundCookie {
  /** The kimi-auth value: a secret. Never logged, never put in a report. */
  readonly token: string;
  readonly browser: BrowserId;
  readonly browserName: string;
  readonly profile: string | null;
  readonly expiresAt: Date | null;
}

export interface CookieImportResult {
  /** The cookie to use (the seed's browser order; newest unexpired within a browser). */
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
