// The site token in a Chromium profile's local storage: the byte layout, and the importer's
// rules for it (used only without a usable cookie; a sendable JWT with an expiry; never an
// expired one; a damaged or oversized folder is a clear per-profile line, never a crash).
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCookieImporter } from '../../../src/main/core/cookies/index.js';
import type { ImportReport } from '../../../src/main/core/cookies/index.js';
import { decodeLocalStorageValue, localStorageKeys, readLocalStorageValue } from '../../../src/main/core/cookies/local-storage-chromium.js';
import { MAX_FOLDER_FILES, MAX_STORE_BYTES } from '../../../src/main/core/cookies/private-copy.js';
import { SITE_STORAGE_DETAIL } from '../../../src/main/core/cookies/site-storage.js';
import { fakeJwt } from '../../fake-kimi/index.js';
import { chromiumTime, writeChromiumStore } from '../../fixtures/cookies/chromium.js';
import { fixedClock, makeTempHome, memoryDenialStore, writeLocalState } from '../../fixtures/cookies/home.js';
import type { TempHome } from '../../fixtures/cookies/home.js';
import { encodeText, storageKey, writeChromiumLocalStorage } from '../../fixtures/cookies/local-storage.js';
import type { StoredItem } from '../../fixtures/cookies/local-storage.js';

const NOW = new Date('2026-09-01T12:00:00Z');
const MINUTE = 60_000;
const KIMI = 'https://www.kimi.com';
const seconds = (date: Date): number => Math.floor(date.getTime() / 1000);
const at = (ms: number): Date => new Date(NOW.getTime() + ms);
/** A site access token like the real one: a JWT with iat and exp, 15 minutes long. */
const siteToken = (issued: Date, sub = 'user'): string => fakeJwt({ sub, iat: seconds(issued), exp: seconds(issued) + 15 * 60 });

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => home.remove());

function importer() {
  const clock = fixedClock(NOW);
  const instance = createCookieImporter({
    platform: 'linux',
    home: home.home,
    env: {},
    secretTool: { lookup: async () => null },
    denialStore: memoryDenialStore(),
    clock,
    tmpDir: home.tmp,
  });
  return { importer: instance, clock };
}

/** `<root>/<profile>/Local Storage/leveldb` for a Linux browser config folder. */
const storageOf = (browserDir: string, profile = 'Default'): string => home.path('.config', browserDir, profile, 'Local Storage', 'leveldb');
const accessToken = (value: string, origin = KIMI): StoredItem => ({ origin, key: 'access_token', value });
const lines = (reports: readonly ImportReport[]) => reports.map((r) => [r.browser, r.profile, r.status, r.expiresAt, r.detail]);

describe("Chromium's local storage layout", () => {
  it('looks a key up under the two forms Chromium writes (bytes as Chromium 156 wrote them)', () => {
    const [latin1, utf16] = localStorageKeys(KIMI, 'access_token');
    expect(latin1?.toString('latin1')).toBe('_https://www.kimi.com\x00\x01access_token');
    expect(utf16?.equals(Buffer.from('_https://www.kimi.com\x00\x00a\x00c\x00c\x00e\x00s\x00s\x00_\x00t\x00o\x00k\x00e\x00n\x00', 'latin1'))).toBe(true);
    // A key with a character beyond Latin-1 only ever exists in UTF-16 ("k中" as the browser stored it).
    expect(localStorageKeys(KIMI, 'k\u4e2d').map((key) => key.toString('latin1'))).toEqual(['_https://www.kimi.com\x00\x00k\x00\x2d\x4e']);
  });

  it('decodes Latin-1 and UTF-16LE values and refuses anything else', () => {
    expect(decodeLocalStorageValue(Buffer.from('\x01eyJ.a.b', 'latin1'))).toBe('eyJ.a.b');
    expect(decodeLocalStorageValue(Buffer.from('\x01caf\xe9', 'latin1'))).toBe('caf\u00e9');
    // "rt-é-中" as the real browser stored it: 0x00, then UTF-16LE.
    expect(decodeLocalStorageValue(Buffer.from('\x00r\x00t\x00-\x00\xe9\x00-\x00\x2d\x4e', 'latin1'))).toBe('rt-\u00e9-\u4e2d');
    expect(decodeLocalStorageValue(Buffer.from('\x00abc', 'latin1'))).toBeNull();
    expect(decodeLocalStorageValue(Buffer.from('\x02eyJ', 'latin1'))).toBeNull();
    expect(decodeLocalStorageValue(new Uint8Array())).toBeNull();
    // A view into a larger buffer decodes only its own bytes.
    const big = Buffer.from('xx\x01eyJ.view\x01zz', 'latin1');
    expect(decodeLocalStorageValue(big.subarray(2, 11))).toBe('eyJ.view');
  });

  it('reads only the asked origin, in either key form, and nothing when the folder holds no database', async () => {
    const folder = storageOf('chromium');
    await writeChromiumLocalStorage(folder, [
      accessToken('eyJ.com'),
      accessToken('eyJ.ai', 'https://www.kimi.ai'),
      accessToken('eyJ.bare', 'https://kimi.com'),
      { origin: 'https://www.kimi.cn', key: 'access_token', value: 'eyJ.utf16', keyForm: 'utf16', valueForm: 'utf16' },
    ]);
    expect(await readLocalStorageValue(folder, KIMI, 'access_token', home.tmp)).toEqual({ value: 'eyJ.com' });
    expect(await readLocalStorageValue(folder, 'https://www.kimi.ai', 'access_token', home.tmp)).toEqual({ value: 'eyJ.ai' });
    expect(await readLocalStorageValue(folder, 'https://www.kimi.cn', 'access_token', home.tmp)).toEqual({ value: 'eyJ.utf16' });
    expect(await readLocalStorageValue(folder, 'https://example.com', 'access_token', home.tmp)).toEqual({ value: null });
    const empty = storageOf('chromium', 'Profile 1');
    mkdirSync(empty, { recursive: true });
    expect(await readLocalStorageValue(empty, KIMI, 'access_token', home.tmp)).toEqual({ value: null });
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it('never writes to the browser folder: LevelDB opens a private copy, without the LOCK', async () => {
    const folder = storageOf('chromium');
    await writeChromiumLocalStorage(folder, [accessToken('eyJ.x')]);
    writeFileSync(join(folder, 'LOCK'), '');
    const before = readdirSync(folder).map((name) => [name, statSync(join(folder, name)).mtimeMs, statSync(join(folder, name)).size]);
    expect(await readLocalStorageValue(folder, KIMI, 'access_token', home.tmp)).toEqual({ value: 'eyJ.x' });
    expect(readdirSync(folder).map((name) => [name, statSync(join(folder, name)).mtimeMs, statSync(join(folder, name)).size])).toEqual(before);
    expect(readdirSync(home.tmp)).toEqual([]);
  });
});

describe('the site token in browser import', () => {
  it('is found when a profile has no cookie, named by browser and profile, with its expiry', async () => {
    const token = siteToken(at(-5 * MINUTE));
    writeLocalState(home.path('.config/google-chrome'), { Default: 'Personal', 'Profile 1': 'Work' });
    await writeChromiumLocalStorage(storageOf('google-chrome', 'Profile 1'), [accessToken(token), { origin: KIMI, key: 'refresh_token', value: 'never-read' }]);
    const result = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toEqual({ token, source: 'local-storage', browser: 'chrome', browserName: 'Chrome', profile: 'Work', expiresAt: at(10 * MINUTE) });
    expect(result.reports).toEqual([
      { browser: 'chrome', browserName: 'Chrome', profile: 'Work', status: 'found', expiresAt: at(10 * MINUTE).toISOString(), detail: SITE_STORAGE_DETAIL },
    ]);
    expect(JSON.stringify(result.reports)).not.toContain(token);
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it('is used only without a usable cookie in the same profile', async () => {
    const store = home.path('.config/chromium/Default/Cookies');
    writeChromiumStore(store, 24, [{ hostKey: '.kimi.com', value: 'eyJ.cookie', expiresUtc: chromiumTime(at(30 * 86_400_000)), creationUtc: chromiumTime(at(-86_400_000)) }]);
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(siteToken(NOW))]);
    const withCookie = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(withCookie.found).toMatchObject({ token: 'eyJ.cookie', source: 'cookie' });
    expect(withCookie.reports[0]?.detail).toBeNull();

    rmSync(store);
    writeChromiumStore(store, 24, [{ hostKey: '.kimi.com', value: 'eyJ.old', expiresUtc: chromiumTime(at(-MINUTE)), creationUtc: chromiumTime(at(-86_400_000)) }]);
    const expiredCookie = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(expiredCookie.found).toMatchObject({ token: siteToken(NOW), source: 'local-storage', browser: 'chromium', profile: 'Default' });
  });

  it('reads the kimi.ai origin for the global region, and only it', async () => {
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(siteToken(NOW, 'com'))]);
    const { importer: instance } = importer();
    expect((await instance.importKimiAuth({ region: 'kimi.ai' })).found).toBeNull();
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(siteToken(NOW, 'ai'), 'https://www.kimi.ai')]);
    expect((await instance.importKimiAuth({ region: 'kimi.ai', force: true })).found?.token).toBe(siteToken(NOW, 'ai'));
  });

  it('skips an expired token, and one about to expire, as not found', async () => {
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(siteToken(at(-16 * MINUTE)))]);
    await writeChromiumLocalStorage(storageOf('chromium', 'Profile 1'), [accessToken(siteToken(at(-14.5 * MINUTE)))]);
    const result = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toBeNull();
    expect(lines(result.reports)).toEqual([
      ['chromium', 'Default', 'not-found', null, 'site token expired'],
      ['chromium', 'Profile 1', 'not-found', null, 'site token expired'],
    ]);
  });

  it('says not found when the site holds no token, and names the missing cookie store', async () => {
    await writeChromiumLocalStorage(storageOf('chromium'), [{ origin: KIMI, key: 'theme', value: 'dark' }, { origin: KIMI, key: 'access_token', value: '  ' }]);
    writeChromiumStore(home.path('.config/chromium/Profile 1/Cookies'), 24, []);
    await writeChromiumLocalStorage(storageOf('chromium', 'Profile 1'), [accessToken(siteToken(NOW), 'https://evil.example')]);
    const result = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(lines(result.reports)).toEqual([
      ['chromium', 'Default', 'not-found', null, 'no cookie store'],
      ['chromium', 'Profile 1', 'not-found', null, null],
    ]);
  });

  it('accepts a JSON-quoted token and one stored as UTF-16', async () => {
    const token = siteToken(NOW);
    await writeChromiumLocalStorage(storageOf('chromium'), [{ origin: KIMI, key: 'access_token', value: `"${token}"`, valueForm: 'utf16' }]);
    expect((await importer().importer.importKimiAuth({ region: 'kimi.com' })).found?.token).toBe(token);
  });

  it('skips a token the transport cannot send, or one that is no JWT with an expiry, and goes on', async () => {
    const good = siteToken(NOW, 'good');
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(`${siteToken(NOW, 'bad')};evil=1`)]);
    await writeChromiumLocalStorage(storageOf('chromium', 'Profile 1'), [accessToken(`${siteToken(NOW, 'bad')}\u00e9`)]);
    await writeChromiumLocalStorage(storageOf('chromium', 'Profile 2'), [accessToken(fakeJwt({ sub: 'no-exp' }))]);
    await writeChromiumLocalStorage(storageOf('chromium', 'Profile 3'), [accessToken('not-a-jwt')]);
    await writeChromiumLocalStorage(storageOf('vivaldi'), [accessToken(good)]);
    const result = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toMatchObject({ token: good, browser: 'vivaldi' });
    expect(lines(result.reports)).toEqual([
      ['chromium', 'Default', 'unreadable-store', null, 'site token cannot be sent in a request'],
      ['chromium', 'Profile 1', 'unreadable-store', null, 'site token cannot be sent in a request'],
      ['chromium', 'Profile 2', 'unreadable-store', null, 'site token is not a JWT with an expiry'],
      ['chromium', 'Profile 3', 'unreadable-store', null, 'site token is not a JWT with an expiry'],
      ['vivaldi', 'Default', 'found', at(15 * MINUTE).toISOString(), SITE_STORAGE_DETAIL],
    ]);
  });

  it('picks the most recently issued token among profiles', async () => {
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(siteToken(at(-10 * MINUTE), 'older'))]);
    await writeChromiumLocalStorage(storageOf('chromium', 'Profile 1'), [accessToken(siteToken(at(-MINUTE), 'newer'))]);
    expect((await importer().importer.importKimiAuth({ region: 'kimi.com' })).found?.token).toBe(siteToken(at(-MINUTE), 'newer'));
  });
});

describe('the import cache and site tokens', () => {
  it('keeps a site token only while it is usable, then reads the renewed one', async () => {
    const first = siteToken(NOW, 'first');
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(first)]);
    const { importer: instance, clock } = importer();
    expect((await instance.importKimiAuth({ region: 'kimi.com' })).found?.token).toBe(first);

    // The open site renews its token; the cached one is still good for a while.
    const renewed = siteToken(at(10 * MINUTE), 'renewed');
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(renewed)]);
    clock.advance(13 * MINUTE);
    expect((await instance.importKimiAuth({ region: 'kimi.com' })).found?.token).toBe(first);
    // Within a minute of its end the cached token is dropped and the storage read again.
    clock.advance(MINUTE + 1);
    expect((await instance.importKimiAuth({ region: 'kimi.com' })).found?.token).toBe(renewed);
  });

  it('never hands out an expired token from the cache, even when the browser has no newer one', async () => {
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(siteToken(NOW))]);
    const { importer: instance, clock } = importer();
    expect((await instance.importKimiAuth({ region: 'kimi.com' })).found).not.toBeNull();
    clock.advance(15 * MINUTE);
    const later = await instance.importKimiAuth({ region: 'kimi.com' });
    expect(later.found).toBeNull();
    expect(lines(later.reports)).toEqual([['chromium', 'Default', 'not-found', null, 'site token expired']]);
  });
});

describe('damaged or oversized local storage', () => {
  async function goodVivaldi(): Promise<string> {
    const token = siteToken(NOW, 'vivaldi');
    await writeChromiumLocalStorage(storageOf('vivaldi'), [accessToken(token)]);
    return token;
  }

  it('refuses a folder over 64 MiB before copying it, and goes on to the next browser', async () => {
    const folder = storageOf('chromium');
    await writeChromiumLocalStorage(folder, [accessToken(siteToken(NOW))]);
    const big = join(folder, '000099.ldb');
    closeSync(openSync(big, 'w'));
    truncateSync(big, MAX_STORE_BYTES);
    const token = await goodVivaldi();
    const result = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found?.token).toBe(token);
    expect(lines(result.reports)[0]).toEqual(['chromium', 'Default', 'store-too-large', null, 'Local Storage is over 64 MiB']);
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it('refuses a folder of more files than any LevelDB holds, before copying', async () => {
    const folder = storageOf('chromium');
    await writeChromiumLocalStorage(folder, [accessToken(siteToken(NOW))]);
    for (let i = 0; i < MAX_FOLDER_FILES; i += 1) closeSync(openSync(join(folder, `${100000 + i}.ldb`), 'w'));
    const result = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(lines(result.reports)).toEqual([['chromium', 'Default', 'store-too-large', null, `Local Storage holds over ${MAX_FOLDER_FILES} files`]]);
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it.each([
    ['a garbage table', (folder: string) => damageFile(folder, '.ldb')],
    ['a garbage manifest', (folder: string) => damageFile(folder, 'MANIFEST-')],
    ['a missing table', (folder: string) => rmSync(join(folder, readdirSync(folder).find((name) => name.endsWith('.ldb')) ?? 'none'))],
    ['a CURRENT naming no manifest', (folder: string) => writeFileSync(join(folder, 'CURRENT'), 'MANIFEST-999999\n')],
  ])('reports %s as an unreadable store, without a crash, and goes on', async (_name, damage) => {
    const folder = storageOf('chromium');
    // Enough data that LevelDB keeps it in a compressed table, as a long-used profile does.
    await writeChromiumLocalStorage(folder, [accessToken(siteToken(NOW)), ...fillers(300)]);
    await reopenToCompact(folder);
    damage(folder);
    const token = await goodVivaldi();
    const result = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found?.token).toBe(token);
    const [line] = lines(result.reports);
    expect(line?.slice(0, 4)).toEqual(['chromium', 'Default', 'unreadable-store', null]);
    expect(line?.[4]).toMatch(/^local storage LEVEL_[A-Z_]+$/);
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it('refuses an unknown schema version and a value in an unknown encoding', async () => {
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(siteToken(NOW))], { version: '2' });
    await writeChromiumLocalStorage(storageOf('chromium', 'Profile 1'), [{ ...accessToken(''), rawValue: Buffer.from('\x07eyJ', 'latin1') }]);
    const result = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(lines(result.reports)).toEqual([
      ['chromium', 'Default', 'unreadable-store', null, 'unknown local storage version'],
      ['chromium', 'Profile 1', 'unreadable-store', null, 'local storage value in an unknown encoding'],
    ]);
  });

  it('refuses a FIFO in place of a log file instead of hanging on it', async () => {
    const folder = storageOf('chromium');
    await writeChromiumLocalStorage(folder, [accessToken(siteToken(NOW))]);
    execFileSync('mkfifo', [join(folder, '000777.log')]);
    const result = await importer().importer.importKimiAuth({ region: 'kimi.com' });
    expect(lines(result.reports)).toEqual([['chromium', 'Default', 'unreadable-store', null, '000777.log is not a regular file']]);
  });

  it('keeps a damaged cookie store and a readable site token apart: the token wins', async () => {
    mkdirSync(home.path('.config/chromium/Default'), { recursive: true });
    writeFileSync(home.path('.config/chromium/Default/Cookies'), 'not sqlite'.repeat(100));
    const token = siteToken(NOW);
    await writeChromiumLocalStorage(storageOf('chromium'), [accessToken(token)]);
    expect((await importer().importer.importKimiAuth({ region: 'kimi.com' })).found).toMatchObject({ token, source: 'local-storage' });
  });
});

function fillers(count: number): StoredItem[] {
  // Incompressible-ish values, so the table is several blocks long.
  return Array.from({ length: count }, (_, i) => ({ origin: 'https://example.com', key: `filler${i}`, value: Buffer.from(Array.from({ length: 600 }, (_, j) => (i * 7919 + j * 104729) % 251)).toString('base64') }));
}

/** Reopening makes LevelDB turn its log into a table, as the browser does over time. */
async function reopenToCompact(folder: string): Promise<void> {
  const { ClassicLevel } = await import('classic-level');
  const db = new ClassicLevel(folder);
  await db.open();
  await db.close();
  if (!readdirSync(folder).some((name) => name.endsWith('.ldb'))) throw new Error('LevelDB wrote no table');
}

function damageFile(folder: string, prefixOrSuffix: string): void {
  const name = readdirSync(folder).find((file) => file.startsWith(prefixOrSuffix) || file.endsWith(prefixOrSuffix));
  if (!name) throw new Error(`no ${prefixOrSuffix} file`);
  const path = join(folder, name);
  const size = statSync(path).size;
  writeFileSync(path, Buffer.alloc(size, 0x41));
}

// Keep the fixture helpers honest: the writer produces what the decoder expects.
describe('the local storage fixture', () => {
  it('writes keys and values in the layout the reader looks up', () => {
    expect(storageKey(KIMI, 'access_token').equals(localStorageKeys(KIMI, 'access_token')[0] ?? Buffer.alloc(0))).toBe(true);
    expect(decodeLocalStorageValue(encodeText('x\u4e2d', 'utf16'))).toBe('x\u4e2d');
  });
});
