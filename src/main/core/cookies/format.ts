// The text `kimibar cookies` prints: one line per browser profile, aligned, optionally coloured.
// Pure: the CLI decides whether colour is wanted (a TTY, NO_COLOR).
import type { ImportReport, ImportStatus } from './types.js';
import { stripControlChars } from './text.js';

const STATUS_TEXT: Record<ImportStatus, string> = {
  found: 'found',
  'not-found': 'not found',
  'needs-full-disk-access': 'needs Full Disk Access',
  'keychain-denied': 'Keychain access denied',
  'cannot-decrypt': 'cannot decrypt',
  'unreadable-store': 'unreadable store',
  'store-too-large': 'store too large',
};

const STATUS_COLOR: Record<ImportStatus, string> = {
  found: '\u001b[32m',
  'not-found': '\u001b[2m',
  'needs-full-disk-access': '\u001b[33m',
  'keychain-denied': '\u001b[33m',
  'cannot-decrypt': '\u001b[31m',
  'unreadable-store': '\u001b[31m',
  'store-too-large': '\u001b[31m',
};
const RESET = '\u001b[0m';

export interface FormatOptions {
  readonly color: boolean;
}

export function formatImportReports(reports: readonly ImportReport[], { color }: FormatOptions): string {
  if (reports.length === 0) return 'No supported browser is installed.\n';
  const rows = reports.map((report) => ({
    browser: stripControlChars(report.browserName),
    profile: report.profile === null ? '—' : stripControlChars(report.profile),
    status: statusText(report),
    color: STATUS_COLOR[report.status],
  }));
  const browserWidth = Math.max(...rows.map((row) => row.browser.length));
  const profileWidth = Math.max(...rows.map((row) => row.profile.length));
  const lines = rows.map((row) => {
    const status = color ? `${row.color}${row.status}${RESET}` : row.status;
    return `${row.browser.padEnd(browserWidth)}  ${row.profile.padEnd(profileWidth)}  ${status}`;
  });
  return `${lines.join('\n')}\n`;
}

function statusText(report: ImportReport): string {
  const base = STATUS_TEXT[report.status];
  if (report.status === 'found') {
    const when = report.expiresAt ? `expires ${report.expiresAt}` : 'session cookie';
    return report.detail ? `${base} (${when}; ${stripControlChars(report.detail)})` : `${base} (${when})`;
  }
  return report.detail ? `${base}: ${stripControlChars(report.detail)}` : base;
}
