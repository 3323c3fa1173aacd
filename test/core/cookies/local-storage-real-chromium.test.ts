// Local storage written by the real Chromium on this machine for a stand-in www.kimi.com whose
// page keeps its tokens there (as the site does since new sign-ins get no kimi-auth cookie), then
// read back by KimiBar from a HOME that holds it. This is the evidence for the byte layout the
// reader relies on, and the end-to-end proof that browser import finds the site token.
import { ClassicLevel } from 'classic-level';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCookieImporter } from '../../../src/main/core/cookies/index.js';
import { SITE_STORAGE_DETAIL } from '../../../src/main/core/cookies/site-storage.js';
import { systemClock } from '../../../src/main/core/ports.js';
import { fakeJwt } from '../../fake-kimi/index.js';
import { makeTempHome, memoryDenialStore } from '../../fixtures/cookies/home.js';
import type { TempHome } from '../../fixtures/cookies/home.js';
import { startKimiStorageServer, visitKimiWithChromium } from '../../fixtures/cookies/real-chromium.js';
import type { KimiStorageServer } from '../../fixtures/cookies/real-chromium.js';

const issuedAt = Math.floor(Date.now() / 1000);
const ACCESS = fakeJwt({ sub: 'real-chromium', iat: issuedAt, exp: issuedAt + 3600 });
const REFRESH = fakeJwt({ sub: 'real-chromium', typ: 'refresh', exp: issuedAt + 90 * 86_400 });

let server: KimiStorageServer;
let home: TempHome;
let leveldb: string;
beforeAll(async () => {
  // A key and a value beyond Latin-1 too, to see Chromium's UTF-16 form.
  server = await startKimiStorageServer({ access_token: ACCESS, refresh_token: REFRESH, 'k\u4e2d': 'v\u00e9\u4e2d' });
  home = makeTempHome();
  leveldb = home.path('.config/chromium/Default/Local Storage/leveldb');
  // The graceful exit flushes local storage; a visit is repeated (bounded) until it is on disk.
  for (let attempt = 0; attempt < 3 && !(await rawEntries(leveldb)).has(`_https://www.kimi.com\x00\x01access_token`); attempt += 1) {
    await visitKimiWithChromium({ userDataDir: home.path('.config/chromium'), port: server.port, passwordStore: 'basic', env: { ...process.env, HOME: home.home } });
  }
});
afterAll(async () => {
  await server.close();
  home.remove();
});

/** Every entry of a LevelDB folder, read from a copy of it (keys and values as Latin-1 text). */
async function rawEntries(folder: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  if (!existsSync(join(folder, 'CURRENT'))) return entries;
  const copy = mkdtempSync(join(tmpdir(), 'kimibar-ls-check-'));
  try {
    cpSync(folder, copy, { recursive: true });
    rmSync(join(copy, 'LOCK'), { force: true });
    const db = new ClassicLevel<Buffer, Buffer>(copy, { keyEncoding: 'buffer', valueEncoding: 'buffer', createIfMissing: false });
    await db.open();
    try {
      for await (const [key, value] of db.iterator()) entries.set(key.toString('latin1'), value.toString('latin1'));
    } finally {
      await db.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  return entries;
}

describe('local storage written by the real Chromium', () => {
  it('has the layout the reader relies on', async () => {
    const entries = await rawEntries(leveldb);
    expect(entries.get('VERSION')).toBe('1');
    expect(entries.has('META:https://www.kimi.com')).toBe(true);
    expect(entries.get('_https://www.kimi.com\x00\x01access_token')).toBe(`\x01${ACCESS}`);
    expect(entries.get('_https://www.kimi.com\x00\x01refresh_token')).toBe(`\x01${REFRESH}`);
    // Beyond Latin-1: 0x00 and UTF-16LE, for the key and the value alike.
    expect(entries.get(`_https://www.kimi.com\x00\x00${Buffer.from('k\u4e2d', 'utf16le').toString('latin1')}`)).toBe(`\x00${Buffer.from('v\u00e9\u4e2d', 'utf16le').toString('latin1')}`);
  });

  it('is found by browser import: the site token, its profile and its expiry, never the refresh token', async () => {
    const before = readdirSync(leveldb).sort();
    const importer = createCookieImporter({
      platform: 'linux',
      home: home.home,
      env: {},
      secretTool: { lookup: async () => null },
      denialStore: memoryDenialStore(),
      clock: systemClock,
      tmpDir: home.tmp,
    });
    const result = await importer.importKimiAuth({ region: 'kimi.com', scanAll: true });
    const state = JSON.parse(readFileSync(home.path('.config/chromium/Local State'), 'utf8')) as { profile?: { info_cache?: Record<string, { name?: string }> } };
    const profile = state.profile?.info_cache?.Default?.name || 'Default';
    expect(result.found).toEqual({ token: ACCESS, source: 'local-storage', browser: 'chromium', browserName: 'Chromium', profile, expiresAt: new Date((issuedAt + 3600) * 1000) });
    expect(result.reports).toContainEqual({ browser: 'chromium', browserName: 'Chromium', profile, status: 'found', expiresAt: new Date((issuedAt + 3600) * 1000).toISOString(), detail: SITE_STORAGE_DETAIL });
    expect(JSON.stringify(result.reports)).not.toMatch(/eyJ/);
    expect(readdirSync(home.tmp)).toEqual([]);
    // The browser's own folder is left as Chromium wrote it.
    expect(readdirSync(leveldb).sort()).toEqual(before);
    expect((await importer.importKimiAuth({ region: 'kimi.ai', force: true })).found).toBeNull();
  });
});
