// An error in two or three words, for a place that has no room for the full sentence: an
// account's compact row in the popover ("Key rejected"). The full text (errorText) is still
// what the expanded account's banner, the CLI and the notifications say.
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { ErrorView } from '../usage.js';

type ShortError = 'key-rejected' | 'sign-in' | 'denied' | 'not-set-up' | 'offline' | 'failed';

/** What the user has to do differs by these groups, so each has its words; anything else is
 *  "Refresh failed", and the account's own page says more. */
const SHORT_BY_CODE: Readonly<Record<string, ShortError>> = {
  'api-key-invalid': 'key-rejected',
  'auth-invalid': 'sign-in',
  'signed-out': 'sign-in',
  'device-login-expired': 'sign-in',
  'device-login-denied': 'sign-in',
  'permission-denied': 'denied',
  'api-key-missing': 'not-set-up',
  'auth-missing': 'not-set-up',
  'no-cookies': 'not-set-up',
  'not-signed-in': 'not-set-up',
  'not-configured': 'not-set-up',
  'cli-credential-missing': 'not-set-up',
  network: 'offline',
};

/** "Key rejected", "Sign in again", "Kimi unreachable", … in the reader's language. */
export function shortErrorText(locale: Locale, error: ErrorView): string {
  return t(locale, `accounts.error.${SHORT_BY_CODE[error.code] ?? 'failed'}`);
}
