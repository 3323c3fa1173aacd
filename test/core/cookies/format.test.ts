import { describe, expect, it } from 'vitest';
import { formatImportReports } from '../../../src/main/core/cookies/format.js';
import type { ImportReport } from '../../../src/main/core/cookies/types.js';

const reports: ImportReport[] = [
  { browser: 'chrome', browserName: 'Chrome', profile: 'Work', status: 'found', expiresAt: '2026-06-01T00:00:00.000Z', detail: null },
  { browser: 'chrome', browserName: 'Chrome', profile: 'Default', status: 'not-found', expiresAt: null, detail: 'cookie expired' },
  { browser: 'safari', browserName: 'Safari', profile: null, status: 'needs-full-disk-access', expiresAt: null, detail: 'grant KimiBar Full Disk Access to read Safari cookies' },
  { browser: 'edge', browserName: 'Edge', profile: 'Default', status: 'keychain-denied', expiresAt: null, detail: null },
  { browser: 'brave', browserName: 'Brave', profile: 'Default', status: 'cannot-decrypt', expiresAt: null, detail: 'v20 app-bound encryption' },
  { browser: 'kimi-desktop', browserName: 'Kimi desktop app', profile: null, status: 'found', expiresAt: null, detail: null },
  { browser: 'firefox', browserName: 'Firefox', profile: 'evil\u001b[31mname', status: 'unreadable-store', expiresAt: null, detail: 'SQLITE_NOTADB\u0007' },
];

describe('formatImportReports', () => {
  it('prints one aligned line per report without colour', () => {
    expect(formatImportReports(reports, { color: false })).toBe(
      [
        'Chrome            Work          found (expires 2026-06-01T00:00:00.000Z)',
        'Chrome            Default       not found: cookie expired',
        'Safari            —             needs Full Disk Access: grant KimiBar Full Disk Access to read Safari cookies',
        'Edge              Default       Keychain access denied',
        'Brave             Default       cannot decrypt: v20 app-bound encryption',
        'Kimi desktop app  —             found (session cookie)',
        'Firefox           evil[31mname  unreadable store: SQLITE_NOTADB',
        '',
      ].join('\n'),
    );
  });

  it('colours only the status, and never lets escape sequences from files through', () => {
    const text = formatImportReports(reports, { color: true });
    expect(text).toContain('\u001b[32mfound (expires 2026-06-01T00:00:00.000Z)\u001b[0m');
    expect(text).toContain('\u001b[31mcannot decrypt: v20 app-bound encryption\u001b[0m');
    expect(text).not.toContain('\u001b[31mname');
    expect(text).not.toContain('\u0007');
  });

  it('says when no browser is installed', () => {
    expect(formatImportReports([], { color: false })).toBe('No supported browser is installed.\n');
  });
});

describe('formatImportReports for a refused store', () => {
  it('names a store refused for its size', () => {
    const tooLarge: ImportReport = { browser: 'chrome', browserName: 'Chrome', profile: 'Default', status: 'store-too-large', expiresAt: null, detail: 'Cookies-wal is over 64 MiB' };
    expect(formatImportReports([tooLarge], { color: false })).toBe('Chrome  Default  store too large: Cookies-wal is over 64 MiB\n');
    expect(formatImportReports([tooLarge], { color: true })).toContain('\u001b[31mstore too large: Cookies-wal is over 64 MiB\u001b[0m');
  });
});

describe('formatImportReports for a site token', () => {
  it('says a token came from the site storage, not a cookie', () => {
    const site: ImportReport = { browser: 'chrome', browserName: 'Chrome', profile: 'Work', status: 'found', expiresAt: '2026-09-01T12:15:00.000Z', detail: "from the site's local storage, not a cookie" };
    expect(formatImportReports([site], { color: false })).toBe("Chrome  Work  found (expires 2026-09-01T12:15:00.000Z; from the site's local storage, not a cookie)\n");
  });
});
