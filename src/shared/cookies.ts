// What browser import reports, as it travels to the settings screen and `kimibar cookies
// --json`: which browser and profile, what was found, and when the cookie (or the site's
// token) expires — never the value.
import * as z from './zod.js';

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
  /** A store or its journal is far larger than any real one: refused before it is copied. */
  'store-too-large',
]);
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

/** One line per browser profile (or per browser, where the failure is browser-wide). */
export const ImportReportSchema = z.object({
  browser: BrowserIdSchema,
  /** Display name, e.g. "Chrome". */
  browserName: z.string(),
  /** Profile display name ("Profile 1", "Work"), null for browser-wide lines. */
  profile: z.nullable(z.string()),
  status: ImportStatusSchema,
  /** Expiry (ISO) of the cookie or site token found; null for session cookies or other statuses. */
  expiresAt: z.nullable(z.iso.datetime({ offset: true })),
  /**
   * A short, safe explanation ("v20 app-bound encryption", "SQLITE_NOTADB"); on a found line,
   * where the token came from when it is not the kimi-auth cookie (the site's local storage).
   */
  detail: z.nullable(z.string()),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;
