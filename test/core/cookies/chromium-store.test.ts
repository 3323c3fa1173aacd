import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dateFromChromiumTime, readChromiumStore } from '../../../src/main/core/cookies/chromium-store.js';
import { CookieStoreError } from '../../../src/main/core/cookies/store-error.js';
import { chromiumTime, insertCookies, writeChromiumStore } from '../../fixtures/cookies/chromium.js';
import { makeTempHome } from '../../fixtures/cookies/home.js';

const HOSTS = ['kimi.com', '.kimi.com', 'www.kimi.com', '.www.kimi.com'];
const home = makeTempHome();
afterAll(() => home.remove());

async function storeError(path: string): Promise<CookieStoreError> {
  try {
    await readChromiumStore(path, HOSTS, 'kimi-auth', home.tmp);
  } catch (error) {
    if (error instanceof CookieStoreError) return error;
    throw error;
  }
  throw new Error('read without error');
}

describe('readChromiumStore', () => {
  const created = chromiumTime(new Date('2026-01-01T00:00:00Z'));

  it('reads only the kimi-auth rows of the Kimi hosts, with 64-bit times exact', async () => {
    const path = home.path('exact', 'Cookies');
    // 2^53 + 1 microseconds cannot be held by a double: it must come back unchanged.
    const beyondDouble = 13_440_100_608_054_411n;
    expect(Number(beyondDouble) === Number(beyondDouble + 1n)).toBe(true);
    writeChromiumStore(path, 24, [
      { hostKey: '.kimi.com', value: 'eyJ.a', expiresUtc: beyondDouble, creationUtc: created },
      { hostKey: 'www.kimi.com', value: 'eyJ.b', expiresUtc: 0n, hasExpires: false, creationUtc: created + 1n },
      { hostKey: '.kimi.com', name: 'other', value: 'x', expiresUtc: beyondDouble, creationUtc: created },
      { hostKey: '.notkimi.com', value: 'eyJ.c', expiresUtc: beyondDouble, creationUtc: created },
      { hostKey: 'kimi.com.evil.example', value: 'eyJ.d', expiresUtc: beyondDouble, creationUtc: created },
    ]);
    const read = await readChromiumStore(path, HOSTS, 'kimi-auth', home.tmp);
    expect(read.metaVersion).toBe(24);
    expect(read.rows.map((r) => [r.hostKey, r.value, r.expiresUtc, r.creationUtc])).toEqual([
      ['.kimi.com', 'eyJ.a', beyondDouble, created],
      ['www.kimi.com', 'eyJ.b', null, created + 1n],
    ]);
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it('converts Chromium times to dates', () => {
    expect(dateFromChromiumTime(chromiumTime(new Date('2026-05-01T12:34:56.789Z')))?.toISOString()).toBe('2026-05-01T12:34:56.789Z');
    expect(dateFromChromiumTime(2n ** 63n - 1n)).toBeNull();
  });

  it('reads a store held open and locked by another connection, through its copy', async () => {
    const path = home.path('locked', 'Cookies');
    writeChromiumStore(path, 23, [{ hostKey: '.kimi.com', value: 'eyJ.committed', expiresUtc: 0n, hasExpires: false, creationUtc: created }]);
    const browser = new Database(path);
    try {
      // Chromium keeps its store in exclusive locking mode; a write takes the lock and keeps it.
      browser.pragma('locking_mode = EXCLUSIVE');
      insertCookies(browser, [{ hostKey: 'example.org', value: 'x', expiresUtc: 0n, hasExpires: false, creationUtc: created }]);
      expect(() => new Database(path, { readonly: true, timeout: 0 }).prepare('SELECT count(*) FROM cookies').get()).toThrow(/locked/);
      const read = await readChromiumStore(path, HOSTS, 'kimi-auth', home.tmp);
      expect(read.rows.map((r) => r.value)).toEqual(['eyJ.committed']);
    } finally {
      browser.close();
    }
  });

  it('reads a store in WAL mode with its -wal sidecar', async () => {
    const path = home.path('wal', 'Cookies');
    writeChromiumStore(path, 24, []);
    const browser = new Database(path);
    try {
      browser.pragma('journal_mode = WAL');
      browser.pragma('wal_autocheckpoint = 0');
      insertCookies(browser, [{ hostKey: '.kimi.com', value: 'eyJ.in-wal', expiresUtc: 0n, hasExpires: false, creationUtc: created }]);
      const read = await readChromiumStore(path, HOSTS, 'kimi-auth', home.tmp);
      expect(read.rows.map((r) => r.value)).toEqual(['eyJ.in-wal']);
    } finally {
      browser.close();
    }
  });

  it.each([
    ['garbage', Buffer.from('this is not a database at all, just text'.repeat(200)), 'SQLITE_NOTADB'],
    ['an empty file', Buffer.alloc(0), 'SQLITE_ERROR'],
  ])('reports %s as unreadable', async (_label, bytes, detail) => {
    const path = home.path('bad', `${detail}-Cookies`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    const error = await storeError(path);
    expect(error.kind).toBe('unreadable-store');
    expect(error.detail).toBe(detail);
  });

  it('reports a truncated store as unreadable', async () => {
    const path = home.path('trunc', 'Cookies');
    writeChromiumStore(path, 24, Array.from({ length: 200 }, (_, i) => ({ hostKey: `h${i}.example`, value: 'v'.repeat(200), expiresUtc: 0n, hasExpires: false, creationUtc: created })));
    writeFileSync(path, readFileSync(path).subarray(0, Math.floor(statSync(path).size / 3)));
    expect((await storeError(path)).kind).toBe('unreadable-store');
  });

  it('reports a store without a version as unreadable', async () => {
    const path = home.path('nometa', 'Cookies');
    writeChromiumStore(path, 24, []);
    const db = new Database(path);
    db.exec(`DELETE FROM meta WHERE key = 'version'`);
    db.close();
    expect((await storeError(path)).detail).toBe('no valid store version');
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it('counts rows with the wrong column types as malformed instead of using them', async () => {
    const path = home.path('types', 'Cookies');
    writeChromiumStore(path, 24, []);
    const db = new Database(path);
    db.prepare(`INSERT INTO cookies VALUES (1, '.kimi.com', '', 'kimi-auth', X'00ff', X'', '/', 'soon', 1, 1, 1, 1, 1, 1, 1, 2, 443, 1, 0, 0)`).run();
    db.close();
    const read = await readChromiumStore(path, HOSTS, 'kimi-auth', home.tmp);
    expect(read.rows).toEqual([]);
    expect(read.malformedRows).toBe(1);
  });
});
