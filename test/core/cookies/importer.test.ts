import Database from 'better-sqlite3';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCookieImporter, KEYCHAIN_QUIET_MS } from '../../../src/main/core/cookies/index.js';
import type { FileAccess, KeychainAnswer, KeychainReader, SecretToolReader } from '../../../src/main/core/cookies/index.js';
import { chromiumTime, encryptCookie, LINUX_ITERATIONS, MAC_ITERATIONS, writeChromiumStore } from '../../fixtures/cookies/chromium.js';
import { writeFirefoxStore, writeProfilesIni } from '../../fixtures/cookies/firefox.js';
import { fixedClock, makeTempHome, memoryDenialStore, writeLocalState } from '../../fixtures/cookies/home.js';
import type { TempHome } from '../../fixtures/cookies/home.js';
import { pageStart, writeBinaryCookies } from '../../fixtures/cookies/safari.js';
import type { SafariCookieSpec } from '../../fixtures/cookies/safari.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const LATER = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const ago = (ms: number): bigint => chromiumTime(new Date(NOW.getTime() - ms));

let home: TempHome;
beforeEach(() => {
  home = makeTempHome();
});
afterEach(() => home.remove());

/** The Linux Secret Service port, answering like a keyring that holds Chrome's v11 password. */
const secretTool = (passwords: Record<string, string>): SecretToolReader & { asked: string[] } => {
  const asked: string[] = [];
  return { asked, lookup: async (application) => (asked.push(application), passwords[application] ?? null) };
};

function linuxImporter(extra: { secretTool?: SecretToolReader } = {}) {
  const clock = fixedClock(NOW);
  const importer = createCookieImporter({
    platform: 'linux',
    home: home.home,
    env: {},
    secretTool: extra.secretTool ?? secretTool({ chrome: 'chrome-v11-password' }),
    denialStore: memoryDenialStore(),
    clock,
    tmpDir: home.tmp,
  });
  return { importer, clock };
}

function buildLinuxHome(): void {
  const chrome = home.path('.config/google-chrome');
  writeLocalState(chrome, { Default: 'Personal', 'Profile 1': 'Work', 'Profile 3': 'Old laptop', '../escape': 'Evil' });
  writeChromiumStore(join(chrome, 'Default/Network/Cookies'), 24, [
    {
      hostKey: '.kimi.com',
      encryptedValue: encryptCookie('eyJ.personal.older', { password: 'peanuts', iterations: LINUX_ITERATIONS, prefix: 'v10', metaVersion: 24, hostKey: '.kimi.com' }),
      expiresUtc: chromiumTime(LATER),
      creationUtc: ago(5 * DAY),
    },
  ]);
  writeChromiumStore(join(chrome, 'Profile 1/Cookies'), 23, [
    {
      hostKey: 'www.kimi.com',
      encryptedValue: encryptCookie('eyJ.work.newest', { password: 'chrome-v11-password', iterations: LINUX_ITERATIONS, prefix: 'v11', metaVersion: 23, hostKey: 'www.kimi.com' }),
      expiresUtc: chromiumTime(LATER),
      creationUtc: ago(1 * DAY),
    },
  ]);
  writeChromiumStore(join(chrome, 'Profile 3/Network/Cookies'), 24, [
    { hostKey: '.kimi.com', value: 'eyJ.expired', expiresUtc: ago(DAY), creationUtc: ago(30 * DAY) },
  ]);

  const tampered = encryptCookie('eyJ.brave', { password: 'peanuts', iterations: 1, prefix: 'v10', metaVersion: 24, hostKey: '.kimi.com' });
  tampered[4] = (tampered[4] ?? 0) ^ 0x80;
  writeChromiumStore(home.path('.config/BraveSoftware/Brave-Browser/Default/Network/Cookies'), 24, [
    { hostKey: '.kimi.com', encryptedValue: tampered, expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
  ]);
  writeChromiumStore(home.path('.config/chromium/Default/Cookies'), 24, [
    { hostKey: '.kimi.com', encryptedValue: Buffer.concat([Buffer.from('v20'), Buffer.alloc(48, 1)]), expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
  ]);
  mkdirSync(home.path('.config/microsoft-edge/Default'), { recursive: true });
  writeFileSync(home.path('.config/microsoft-edge/Default/Cookies'), 'SQLite format 2? no, garbage'.repeat(100));

  const firefox = home.path('.mozilla/firefox');
  writeProfilesIni(firefox, [
    { name: 'default-release', path: 'abcd.default-release' },
    { name: 'legacy', path: 'efgh.legacy' },
  ]);
  writeFirefoxStore(join(firefox, 'abcd.default-release/cookies.sqlite'), 16, [
    { host: '.kimi.com', value: 'eyJ.firefox.ms', expiry: LATER.getTime(), creationTime: BigInt(NOW.getTime() - DAY) * 1000n },
  ]);
  writeFirefoxStore(join(firefox, 'efgh.legacy/cookies.sqlite'), 15, [
    { host: 'www.kimi.com', value: 'eyJ.firefox.s', expiry: LATER.getTime() / 1000, creationTime: BigInt(NOW.getTime() - DAY) * 1000n },
  ]);
  writeChromiumStore(home.path('.config/kimi-desktop/Cookies'), 24, [
    { hostKey: '.kimi.com', value: 'eyJ.desktop', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
  ]);
}

describe('createCookieImporter on Linux', () => {
  it('reads every installed browser and profile in order and picks the newest cookie of the first browser', async () => {
    buildLinuxHome();
    const tool = secretTool({ chrome: 'chrome-v11-password' });
    const { importer } = linuxImporter({ secretTool: tool });
    const result = await importer.importKimiAuth({ region: 'kimi.com', scanAll: true });

    expect(result.found).toEqual({ token: 'eyJ.work.newest', source: 'cookie', browser: 'chrome', browserName: 'Chrome', profile: 'Work', expiresAt: LATER });
    expect(result.reports.map((r) => [r.browser, r.profile, r.status, r.expiresAt, r.detail])).toEqual([
      ['chrome', 'Personal', 'found', LATER.toISOString(), null],
      ['chrome', 'Work', 'found', LATER.toISOString(), null],
      ['chrome', 'Old laptop', 'not-found', null, 'cookie expired'],
      ['edge', 'Default', 'unreadable-store', null, 'SQLITE_NOTADB'],
      ['brave', 'Default', 'unreadable-store', null, 'cookie failed its integrity check'],
      ['chromium', 'Default', 'cannot-decrypt', null, 'v20 app-bound encryption'],
      ['firefox', 'default-release', 'found', LATER.toISOString(), null],
      ['firefox', 'legacy', 'found', LATER.toISOString(), null],
      ['kimi-desktop', null, 'found', LATER.toISOString(), null],
    ]);
    expect(tool.asked).toEqual(['chrome']);
    expect(JSON.stringify(result.reports)).not.toMatch(/eyJ/);
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it('stops at the first browser with a cookie unless asked to scan all', async () => {
    buildLinuxHome();
    const result = await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found?.browser).toBe('chrome');
    expect(new Set(result.reports.map((r) => r.browser))).toEqual(new Set(['chrome']));
  });

  it('finds the desktop app store when no browser has a cookie, and names nothing in kimi.ai', async () => {
    writeChromiumStore(home.path('.config/kimi-desktop/Network/Cookies'), 24, [
      { hostKey: 'www.kimi.com', value: 'eyJ.desktop', expiresUtc: 0n, hasExpires: false, creationUtc: ago(DAY) },
    ]);
    const { importer } = linuxImporter();
    const result = await importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toMatchObject({ token: 'eyJ.desktop', browser: 'kimi-desktop', profile: null, expiresAt: null });
    const ai = await importer.importKimiAuth({ region: 'kimi.ai' });
    expect(ai.found).toBeNull();
    expect(ai.reports).toEqual([{ browser: 'kimi-desktop', browserName: 'Kimi desktop app', profile: null, status: 'not-found', expiresAt: null, detail: null }]);
  });

  it('tries the empty password for v11 when the Secret Service has none, and says so when that fails too', async () => {
    const root = home.path('.config/chromium');
    writeChromiumStore(join(root, 'Default/Cookies'), 24, [
      { hostKey: '.kimi.com', encryptedValue: encryptCookie('eyJ.empty', { password: '', iterations: 1, prefix: 'v11', metaVersion: 24, hostKey: '.kimi.com' }), expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
    ]);
    writeChromiumStore(join(root, 'Profile 2/Cookies'), 24, [
      { hostKey: '.kimi.com', encryptedValue: encryptCookie('eyJ.keyring', { password: 'gone', iterations: 1, prefix: 'v11', metaVersion: 24, hostKey: '.kimi.com' }), expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
    ]);
    const result = await linuxImporter({ secretTool: secretTool({}) }).importer.importKimiAuth({ region: 'kimi.com', scanAll: true });
    expect(result.found?.token).toBe('eyJ.empty');
    expect(result.reports.map((r) => [r.profile, r.status, r.detail])).toEqual([
      ['Default', 'found', null],
      ['Profile 2', 'cannot-decrypt', 'no Secret Service password found'],
    ]);
  });

  it('reads snap and flatpak installs under XDG_CONFIG_HOME-independent paths and labels them', async () => {
    writeChromiumStore(home.path('snap/chromium/common/chromium/Default/Cookies'), 24, [
      { hostKey: '.kimi.com', value: 'eyJ.snap', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
    ]);
    writeChromiumStore(home.path('.var/app/com.google.Chrome/config/google-chrome/Profile 1/Cookies'), 24, []);
    const xdg = home.path('elsewhere');
    writeChromiumStore(join(xdg, 'vivaldi/Default/Cookies'), 24, []);
    const importer = createCookieImporter({ platform: 'linux', home: home.home, env: { XDG_CONFIG_HOME: xdg }, secretTool: secretTool({}), denialStore: memoryDenialStore(), clock: fixedClock(NOW), tmpDir: home.tmp });
    const result = await importer.importKimiAuth({ region: 'kimi.com', scanAll: true });
    expect(result.reports.map((r) => [r.browser, r.profile, r.status])).toEqual([
      ['chrome', 'Profile 1 (flatpak)', 'not-found'],
      ['chromium', 'Default (snap)', 'found'],
      ['vivaldi', 'Default', 'not-found'],
    ]);
  });

  it('reports an installed browser without cookie stores once, browser-wide', async () => {
    mkdirSync(home.path('.config/google-chrome/Default'), { recursive: true });
    const result = await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.reports).toEqual([{ browser: 'chrome', browserName: 'Chrome', profile: null, status: 'not-found', expiresAt: null, detail: 'no cookie store' }]);
  });
});

describe('caching', () => {
  it('keeps a found cookie for the session and re-imports on force', async () => {
    const store = home.path('.config/chromium/Default/Cookies');
    writeChromiumStore(store, 24, [{ hostKey: '.kimi.com', value: 'eyJ.first', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) }]);
    const { importer } = linuxImporter();
    const first = await importer.importKimiAuth({ region: 'kimi.com' });
    rmSync(store);
    writeChromiumStore(store, 24, [{ hostKey: '.kimi.com', value: 'eyJ.second', expiresUtc: chromiumTime(LATER), creationUtc: ago(0) }]);
    expect(await importer.importKimiAuth({ region: 'kimi.com' })).toBe(first);
    expect((await importer.importKimiAuth({ region: 'kimi.com', force: true })).found?.token).toBe('eyJ.second');
  });

  it('re-reads after a minute when nothing was found, and when a scan of all browsers is asked for', async () => {
    const { importer, clock } = linuxImporter();
    const empty = await importer.importKimiAuth({ region: 'kimi.com' });
    expect(empty.found).toBeNull();
    writeChromiumStore(home.path('.config/chromium/Default/Cookies'), 24, [{ hostKey: '.kimi.com', value: 'eyJ.new', expiresUtc: chromiumTime(LATER), creationUtc: ago(0) }]);
    expect(await importer.importKimiAuth({ region: 'kimi.com' })).toBe(empty);
    clock.advance(61_000);
    expect((await importer.importKimiAuth({ region: 'kimi.com' })).found?.token).toBe('eyJ.new');
  });

  it('shares one import between concurrent callers', async () => {
    writeChromiumStore(home.path('.config/google-chrome/Default/Cookies'), 24, [
      { hostKey: '.kimi.com', encryptedValue: encryptCookie('eyJ.v11', { password: 'pw', iterations: 1, prefix: 'v11', metaVersion: 24, hostKey: '.kimi.com' }), expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
    ]);
    const tool = secretTool({ chrome: 'pw' });
    const { importer } = linuxImporter({ secretTool: tool });
    const [a, b] = await Promise.all([importer.importKimiAuth({ region: 'kimi.com' }), importer.importKimiAuth({ region: 'kimi.com' })]);
    expect(a).toBe(b);
    expect(tool.asked).toEqual(['chrome']);
  });
});

/** The macOS Keychain port: what the user answers to each prompt, and who was asked. */
function keychain(answers: Record<string, KeychainAnswer>): KeychainReader & { asked: string[] } {
  const asked: string[] = [];
  return { asked, readPassword: async (service) => (asked.push(service), answers[service] ?? { kind: 'missing' }) };
}

const APP_SUPPORT = 'Library/Application Support';

function macStore(root: string, profile: string, token: string, password: string): void {
  writeChromiumStore(home.path(APP_SUPPORT, root, profile, 'Cookies'), 24, [
    { hostKey: '.kimi.com', encryptedValue: encryptCookie(token, { password, iterations: MAC_ITERATIONS, prefix: 'v10', metaVersion: 24, hostKey: '.kimi.com' }), expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
  ]);
}

describe('createCookieImporter on macOS', () => {
  function macImporter(reader: KeychainReader, files?: FileAccess) {
    const clock = fixedClock(NOW);
    const denialStore = memoryDenialStore();
    const importer = createCookieImporter({ platform: 'darwin', home: home.home, env: {}, keychain: reader, denialStore, clock, tmpDir: home.tmp, files });
    return { importer, clock, denialStore };
  }

  it('decrypts with the Keychain password of each browser, in catalog order (Arc before Chrome)', async () => {
    macStore('Arc/User Data', 'Default', 'eyJ.arc', 'arc-pw');
    macStore('Google/Chrome', 'Profile 1', 'eyJ.chrome', 'chrome-pw');
    const reader = keychain({ 'Arc Safe Storage': { kind: 'password', password: 'arc-pw' }, 'Chrome Safe Storage': { kind: 'password', password: 'chrome-pw' } });
    const result = await macImporter(reader).importer.importKimiAuth({ region: 'kimi.com', scanAll: true });
    expect(result.found).toMatchObject({ token: 'eyJ.arc', browser: 'arc', profile: 'Default' });
    expect(result.reports.map((r) => [r.browser, r.status])).toEqual([
      ['arc', 'found'],
      ['chrome', 'found'],
      ['safari', 'not-found'],
    ]);
    expect(reader.asked).toEqual(['Arc Safe Storage', 'Chrome Safe Storage']);
  });

  it('never prompts for a store without a Kimi cookie', async () => {
    writeChromiumStore(home.path(APP_SUPPORT, 'Google/Chrome/Default/Cookies'), 24, [
      { hostKey: '.example.com', encryptedValue: Buffer.from('v10xxxxxxxxxxxxxxxx'), expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
    ]);
    const reader = keychain({});
    await macImporter(reader).importer.importKimiAuth({ region: 'kimi.com' });
    expect(reader.asked).toEqual([]);
  });

  it('after a denial, asks no Chromium browser for 6 hours, remembers it, and asks again on "Try again"', async () => {
    macStore('Arc/User Data', 'Default', 'eyJ.arc', 'arc-pw');
    macStore('Microsoft Edge', 'Default', 'eyJ.edge', 'edge-pw');
    const reader = keychain({ 'Arc Safe Storage': { kind: 'denied' }, 'Microsoft Edge Safe Storage': { kind: 'password', password: 'edge-pw' } });
    const { importer, clock, denialStore } = macImporter(reader);

    const denied = await importer.importKimiAuth({ region: 'kimi.com', scanAll: true });
    expect(denied.found).toBeNull();
    expect(denied.reports.map((r) => [r.browser, r.status])).toEqual([
      ['arc', 'keychain-denied'],
      ['safari', 'not-found'],
      ['edge', 'keychain-denied'],
    ]);
    expect(reader.asked).toEqual(['Arc Safe Storage']);
    expect(denialStore.saved.get('arc')).toEqual(NOW);
    expect(importer.keychainQuietUntil()).toEqual(new Date(NOW.getTime() + KEYCHAIN_QUIET_MS));
    expect(denied.reports[2]?.detail).toContain(new Date(NOW.getTime() + KEYCHAIN_QUIET_MS).toISOString());

    // A new session (restart) with the same persisted denial stays quiet.
    const restarted = createCookieImporter({ platform: 'darwin', home: home.home, env: {}, keychain: reader, denialStore, clock, tmpDir: home.tmp });
    await restarted.importKimiAuth({ region: 'kimi.com', force: true });
    expect(reader.asked).toEqual(['Arc Safe Storage']);

    clock.advance(KEYCHAIN_QUIET_MS + 1000);
    expect(importer.keychainQuietUntil()).toBeNull();
    await importer.importKimiAuth({ region: 'kimi.com', force: true });
    expect(reader.asked).toEqual(['Arc Safe Storage', 'Arc Safe Storage']);

    importer.tryKeychainAgain();
    expect(denialStore.saved.size).toBe(0);
    const retried = await importer.importKimiAuth({ region: 'kimi.com' });
    expect(reader.asked).toHaveLength(3);
    expect(retried.reports[0]?.status).toBe('keychain-denied');
  });

  it('never shows two Keychain prompts at once, even for imports running side by side', async () => {
    macStore('Arc/User Data', 'Default', 'eyJ.arc', 'arc-pw');
    writeChromiumStore(home.path(APP_SUPPORT, 'Google/Chrome/Default/Cookies'), 24, [
      { hostKey: '.kimi.ai', encryptedValue: encryptCookie('eyJ.ai', { password: 'chrome-pw', iterations: MAC_ITERATIONS, prefix: 'v10', metaVersion: 24, hostKey: '.kimi.ai' }), expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
    ]);
    let open = 0;
    let most = 0;
    const passwords: Record<string, string> = { 'Arc Safe Storage': 'arc-pw', 'Chrome Safe Storage': 'chrome-pw' };
    const slow: KeychainReader = {
      async readPassword(service) {
        open += 1;
        most = Math.max(most, open);
        await new Promise((resolve) => setTimeout(resolve, 300));
        open -= 1;
        const password = passwords[service];
        return password ? { kind: 'password', password } : { kind: 'missing' };
      },
    };
    const { importer } = macImporter(slow);
    const [com, ai] = await Promise.all([importer.importKimiAuth({ region: 'kimi.com' }), importer.importKimiAuth({ region: 'kimi.ai' })]);
    expect(com.found?.token).toBe('eyJ.arc');
    expect(ai.found?.token).toBe('eyJ.ai');
    expect(most).toBe(1);
  });

  it('turns a failing Keychain port or denial store into report lines, never a rejected import', async () => {
    macStore('Arc/User Data', 'Default', 'eyJ.arc', 'arc-pw');
    macStore('Google/Chrome', 'Default', 'eyJ.chrome', 'chrome-pw');
    const throwing: KeychainReader = {
      readPassword: async () => {
        throw new Error('keychain exploded');
      },
    };
    const broken = createCookieImporter({
      platform: 'darwin',
      home: home.home,
      env: {},
      keychain: throwing,
      denialStore: { getDeniedAt: () => null, setDeniedAt: () => undefined },
      clock: fixedClock(NOW),
      tmpDir: home.tmp,
    });
    const result = await broken.importKimiAuth({ region: 'kimi.com', scanAll: true });
    expect(result.reports.filter((r) => r.browser !== 'safari').map((r) => [r.browser, r.status])).toEqual([
      ['arc', 'cannot-decrypt'],
      ['chrome', 'cannot-decrypt'],
    ]);
    const badStore = createCookieImporter({
      platform: 'darwin',
      home: home.home,
      env: {},
      keychain: keychain({}),
      denialStore: {
        getDeniedAt: () => {
          throw new Error('settings unreadable');
        },
        setDeniedAt: () => undefined,
      },
      clock: fixedClock(NOW),
      tmpDir: home.tmp,
    });
    const failed = await badStore.importKimiAuth({ region: 'kimi.com' });
    expect(failed.reports[0]).toEqual({ browser: 'arc', browserName: 'Arc', profile: null, status: 'unreadable-store', expiresAt: null, detail: 'unreadable' });
  });

  it('says "cannot decrypt" when the Keychain has no Safe Storage item', async () => {
    macStore('BraveSoftware/Brave-Browser', 'Default', 'eyJ.brave', 'pw');
    const result = await macImporter(keychain({})).importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.reports.find((r) => r.browser === 'brave')).toMatchObject({ status: 'cannot-decrypt', detail: 'no "Brave Safe Storage" item in the Keychain' });
  });

  it('reads Safari from its container, newest of both locations', async () => {
    const created = new Date(NOW.getTime() - DAY);
    const container = home.path('Library/Containers/com.apple.Safari/Data/Library/Cookies');
    mkdirSync(container, { recursive: true });
    writeFileSync(join(container, 'Cookies.binarycookies'), writeBinaryCookies([[{ domain: '.kimi.com', name: 'kimi-auth', value: 'eyJ.safari.new', flags: 5, expiresAt: LATER, createdAt: created }]]));
    mkdirSync(home.path('Library/Cookies'), { recursive: true });
    writeFileSync(home.path('Library/Cookies/Cookies.binarycookies'), writeBinaryCookies([[{ domain: 'kimi.com', name: 'kimi-auth', value: 'eyJ.safari.old', expiresAt: LATER, createdAt: new Date(created.getTime() - DAY) }]]));
    const result = await macImporter(keychain({})).importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toEqual({ token: 'eyJ.safari.new', source: 'cookie', browser: 'safari', browserName: 'Safari', profile: null, expiresAt: LATER });
  });

  it('asks for Full Disk Access when the file exists but opening it is not permitted', async () => {
    const blocked: FileAccess = {
      stat: async () => ({ size: 1024, isFile: () => true }),
      readFile: async () => {
        throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
      },
    };
    const result = await macImporter(keychain({}), blocked).importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.reports).toEqual([
      { browser: 'safari', browserName: 'Safari', profile: null, status: 'needs-full-disk-access', expiresAt: null, detail: 'grant KimiBar Full Disk Access to read Safari cookies' },
    ]);
  });

  it('reports a damaged Safari file as unreadable and skips expired Safari cookies', async () => {
    const container = home.path('Library/Containers/com.apple.Safari/Data/Library/Cookies');
    mkdirSync(container, { recursive: true });
    writeFileSync(join(container, 'Cookies.binarycookies'), writeBinaryCookies([[{ domain: '.kimi.com', name: 'kimi-auth', value: 'eyJ.x', expiresAt: LATER, createdAt: NOW }]]).subarray(0, 60));
    mkdirSync(home.path('Library/Cookies'), { recursive: true });
    writeFileSync(home.path('Library/Cookies/Cookies.binarycookies'), writeBinaryCookies([[{ domain: '.kimi.com', name: 'kimi-auth', value: 'eyJ.old', expiresAt: new Date(NOW.getTime() - 1), createdAt: NOW }]]));
    const result = await macImporter(keychain({})).importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.reports).toEqual([{ browser: 'safari', browserName: 'Safari', profile: null, status: 'unreadable-store', expiresAt: null, detail: 'truncated page' }]);
  });

  it('reads the Kimi desktop app and Firefox from Application Support', async () => {
    writeChromiumStore(home.path(APP_SUPPORT, 'kimi-desktop/Cookies'), 24, [{ hostKey: '.kimi.com', value: 'eyJ.desk', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) }]);
    writeFirefoxStore(home.path(APP_SUPPORT, 'Firefox/Profiles/x.default/cookies.sqlite'), 17, [
      { host: '.kimi.com', value: 'eyJ.fx', expiry: LATER.getTime(), creationTime: 1n },
    ]);
    const result = await macImporter(keychain({})).importer.importKimiAuth({ region: 'kimi.com', scanAll: true });
    expect(result.reports.map((r) => [r.browser, r.profile, r.status])).toEqual([
      ['safari', null, 'not-found'],
      ['firefox', 'x.default', 'found'],
      ['kimi-desktop', null, 'found'],
    ]);
    expect(result.found?.browser).toBe('firefox');
  });
});

/** Grows a file to `bytes` without writing them: a sparse file costs no disk. */
function makeSparse(path: string, bytes: number): void {
  closeSync(openSync(path, 'a'));
  truncateSync(path, bytes);
}

const MAX_STORE_BYTES = 64 * 1024 * 1024;
const reportLines = (reports: readonly { browser: string; profile: string | null; status: string; detail: string | null }[]) =>
  reports.map((r) => [r.browser, r.profile, r.status, r.detail]);

describe('oversized stores', () => {
  function goodChromium(): void {
    writeChromiumStore(home.path('.config/chromium/Default/Cookies'), 24, [{ hostKey: '.kimi.com', value: 'eyJ.chromium', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) }]);
  }

  it('refuses a Chromium store over 64 MiB before copying it, and goes on to the next browser', async () => {
    const store = home.path('.config/google-chrome/Default/Cookies');
    writeChromiumStore(store, 24, [{ hostKey: '.kimi.com', value: 'eyJ.huge', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) }]);
    makeSparse(store, MAX_STORE_BYTES + 1);
    goodChromium();
    const result = await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toMatchObject({ token: 'eyJ.chromium', browser: 'chromium' });
    expect(reportLines(result.reports)).toEqual([
      ['chrome', 'Default', 'store-too-large', 'Cookies is over 64 MiB'],
      ['chromium', 'Default', 'found', null],
    ]);
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it.each(['-wal', '-journal'])('refuses a store whose %s sidecar is over 64 MiB', async (suffix) => {
    const store = home.path('.config/google-chrome/Default/Cookies');
    writeChromiumStore(store, 24, [{ hostKey: '.kimi.com', value: 'eyJ.sidecar', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) }]);
    makeSparse(`${store}${suffix}`, MAX_STORE_BYTES + 1);
    const result = await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toBeNull();
    expect(reportLines(result.reports)).toEqual([['chrome', 'Default', 'store-too-large', `Cookies${suffix} is over 64 MiB`]]);
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it('refuses a Firefox store over 64 MiB', async () => {
    const firefox = home.path('.mozilla/firefox');
    writeProfilesIni(firefox, [{ name: 'default-release', path: 'abcd.default-release' }]);
    const store = join(firefox, 'abcd.default-release/cookies.sqlite');
    writeFirefoxStore(store, 16, [{ host: '.kimi.com', value: 'eyJ.fx', expiry: LATER.getTime(), creationTime: 1n }]);
    makeSparse(store, MAX_STORE_BYTES + 1);
    const result = await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' });
    expect(reportLines(result.reports)).toEqual([['firefox', 'default-release', 'store-too-large', 'cookies.sqlite is over 64 MiB']]);
    expect(readdirSync(home.tmp)).toEqual([]);
  });

  it('refuses a Safari file over 32 MiB as too large', async () => {
    const files: FileAccess = {
      stat: async () => ({ size: 32 * 1024 * 1024 + 1, isFile: () => true }),
      readFile: async () => {
        throw new Error('a file refused for its size must not be read');
      },
    };
    const importer = createCookieImporter({ platform: 'darwin', home: home.home, env: {}, keychain: keychain({}), denialStore: memoryDenialStore(), clock: fixedClock(NOW), tmpDir: home.tmp, files });
    const result = await importer.importKimiAuth({ region: 'kimi.com' });
    expect(reportLines(result.reports)).toEqual([['safari', null, 'store-too-large', 'over 32 MiB']]);
  });
});

describe('cookie values the transport cannot send', () => {
  function laterGoodCookie(): void {
    writeChromiumStore(home.path('.config/chromium/Default/Cookies'), 24, [{ hostKey: '.kimi.com', value: 'eyJ.good', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) }]);
  }

  it.each([
    ['a semicolon', 'eyJ.a;b=c'],
    ['white space', 'eyJ.a b'],
    ['non-ASCII text', 'eyJ.ünïcode'],
    ['a control character', 'eyJ.\u0001'],
  ])('skips a plaintext value with %s and uses a good cookie from a later browser', async (_label, value) => {
    writeChromiumStore(home.path('.config/google-chrome/Default/Cookies'), 24, [{ hostKey: '.kimi.com', value, expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) }]);
    laterGoodCookie();
    const result = await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toMatchObject({ token: 'eyJ.good', browser: 'chromium' });
    expect(reportLines(result.reports)).toEqual([
      ['chrome', 'Default', 'unreadable-store', 'cookie value cannot be sent in a request'],
      ['chromium', 'Default', 'found', null],
    ]);
  });

  it('skips a value stored as bad UTF-8 (read back as U+FFFD) and an encrypted non-ASCII value', async () => {
    const chrome = home.path('.config/google-chrome');
    writeChromiumStore(join(chrome, 'Default/Cookies'), 24, [{ hostKey: '.kimi.com', value: 'placeholder', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) }]);
    const db = new Database(join(chrome, 'Default/Cookies'));
    db.exec(`UPDATE cookies SET value = CAST(X'65794A2EFF' AS TEXT)`);
    db.close();
    writeChromiumStore(join(chrome, 'Profile 1/Cookies'), 24, [
      { hostKey: '.kimi.com', encryptedValue: encryptCookie('eyJ.grüße', { password: 'peanuts', iterations: LINUX_ITERATIONS, prefix: 'v10', metaVersion: 24, hostKey: '.kimi.com' }), expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
    ]);
    laterGoodCookie();
    const result = await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toMatchObject({ token: 'eyJ.good', browser: 'chromium' });
    expect(reportLines(result.reports)).toEqual([
      ['chrome', 'Default', 'unreadable-store', 'cookie value cannot be sent in a request'],
      ['chrome', 'Profile 1', 'unreadable-store', 'cookie value cannot be sent in a request'],
      ['chromium', 'Default', 'found', null],
    ]);
  });

  it('uses an older sendable row of the same profile over a newer unsendable one', async () => {
    writeChromiumStore(home.path('.config/google-chrome/Default/Cookies'), 24, [
      { hostKey: '.kimi.com', value: 'eyJ.new est', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) },
      { hostKey: 'www.kimi.com', value: 'eyJ.older', expiresUtc: chromiumTime(LATER), creationUtc: ago(2 * DAY) },
    ]);
    expect((await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' })).found?.token).toBe('eyJ.older');
  });

  it('applies the same rule to Firefox', async () => {
    const firefox = home.path('.mozilla/firefox');
    writeProfilesIni(firefox, [{ name: 'default-release', path: 'abcd.default-release' }]);
    writeFirefoxStore(join(firefox, 'abcd.default-release/cookies.sqlite'), 16, [{ host: '.kimi.com', value: 'eyJ,comma', expiry: LATER.getTime(), creationTime: 1n }]);
    writeChromiumStore(home.path('.config/kimi-desktop/Cookies'), 24, [{ hostKey: '.kimi.com', value: 'eyJ.desktop', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) }]);
    const result = await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toMatchObject({ token: 'eyJ.desktop', browser: 'kimi-desktop' });
    expect(result.reports[0]).toMatchObject({ browser: 'firefox', status: 'unreadable-store', detail: 'cookie value cannot be sent in a request' });
  });
});

describe('cookie expiry', () => {
  const firefoxStore = (expiry: number, userVersion = 16): void => {
    const firefox = home.path('.mozilla/firefox');
    writeProfilesIni(firefox, [{ name: 'default-release', path: 'abcd.default-release' }]);
    writeFirefoxStore(join(firefox, 'abcd.default-release/cookies.sqlite'), userVersion, [{ host: '.kimi.com', value: 'eyJ.fx', expiry, creationTime: 1n }]);
  };

  it.each([
    ['zero', 0, 16],
    ['negative', -5, 16],
    ['beyond any date (ms)', 9e18, 16],
    ['beyond any date (seconds)', 9e15, 15],
  ])('never takes a Firefox expiry that is %s for "never expires"', async (_label, expiry, version) => {
    firefoxStore(expiry, version);
    writeChromiumStore(home.path('.config/kimi-desktop/Cookies'), 24, [{ hostKey: '.kimi.com', value: 'eyJ.desktop', expiresUtc: chromiumTime(LATER), creationUtc: ago(DAY) }]);
    const result = await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toMatchObject({ token: 'eyJ.desktop', expiresAt: LATER });
    expect(reportLines(result.reports)[0]).toEqual(['firefox', 'default-release', 'unreadable-store', 'cookie has no valid expiry']);
  });

  it.each([
    ['zero with has_expires set', 0n],
    ['beyond any date', 2n ** 63n - 1n],
  ])('never takes a Chromium expiry that is %s for a session cookie', async (_label, expiresUtc) => {
    writeChromiumStore(home.path('.config/chromium/Default/Cookies'), 24, [{ hostKey: '.kimi.com', value: 'eyJ.garbage', expiresUtc, creationUtc: ago(DAY) }]);
    const result = await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' });
    expect(result.found).toBeNull();
    expect(reportLines(result.reports)).toEqual([['chromium', 'Default', 'unreadable-store', 'cookie has no valid expiry']]);
  });

  it('still reads a real Chromium session cookie (has_expires = 0) as one', async () => {
    writeChromiumStore(home.path('.config/chromium/Default/Cookies'), 24, [{ hostKey: '.kimi.com', value: 'eyJ.session', expiresUtc: 0n, hasExpires: false, creationUtc: ago(DAY) }]);
    expect((await linuxImporter().importer.importKimiAuth({ region: 'kimi.com' })).found).toMatchObject({ token: 'eyJ.session', expiresAt: null });
  });
});

describe('Safari files with damage or without dates', () => {
  const container = (): string => home.path('Library/Containers/com.apple.Safari/Data/Library/Cookies/Cookies.binarycookies');
  const writeSafari = (bytes: Buffer): void => {
    mkdirSync(home.path('Library/Containers/com.apple.Safari/Data/Library/Cookies'), { recursive: true });
    writeFileSync(container(), bytes);
  };
  const safariImport = () =>
    createCookieImporter({ platform: 'darwin', home: home.home, env: {}, keychain: keychain({}), denialStore: memoryDenialStore(), clock: fixedClock(NOW), tmpDir: home.tmp }).importKimiAuth({ region: 'kimi.com' });
  const kimi: SafariCookieSpec = { domain: '.kimi.com', name: 'kimi-auth', value: 'eyJ.safari', flags: 5, expiresAt: LATER, createdAt: NOW };
  const other: SafariCookieSpec = { domain: 'example.org', name: 'sid', value: 'x', expiresAt: LATER, createdAt: NOW };

  it('finds an intact kimi-auth beside a damaged record', async () => {
    const bytes = writeBinaryCookies([[other, kimi]]);
    const start = pageStart(bytes, 0);
    bytes.writeUInt32LE(0xffff, start + bytes.readUInt32LE(start + 8) + 16); // the other cookie's domain offset
    writeSafari(bytes);
    const result = await safariImport();
    expect(result.found).toMatchObject({ token: 'eyJ.safari', browser: 'safari', expiresAt: LATER });
  });

  it('says a damaged record was skipped when no kimi-auth is found', async () => {
    const bytes = writeBinaryCookies([[kimi, other]]);
    const start = pageStart(bytes, 0);
    bytes.writeUInt32LE(0xffffff, start + bytes.readUInt32LE(start + 8)); // the kimi cookie's size
    writeSafari(bytes);
    const result = await safariImport();
    expect(result.found).toBeNull();
    expect(reportLines(result.reports)).toEqual([['safari', null, 'unreadable-store', '1 damaged cookie record skipped']]);
  });

  it.each([
    ['missing (0)', 0],
    ['not a number', Number.NaN],
    ['beyond any date', 1e300],
  ])('never takes an expiry that is %s for "never expires"', async (_label, seconds) => {
    const bytes = writeBinaryCookies([[kimi]]);
    const start = pageStart(bytes, 0);
    bytes.writeDoubleLE(seconds, start + bytes.readUInt32LE(start + 8) + 40);
    writeSafari(bytes);
    const result = await safariImport();
    expect(result.found).toBeNull();
    expect(reportLines(result.reports)).toEqual([['safari', null, 'unreadable-store', 'cookie has no valid expiry']]);
  });
});
