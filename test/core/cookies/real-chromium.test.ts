// The store is written by the real Chromium on this machine, then read back by KimiBar from a
// HOME that holds it: the end-to-end proof that the importer reads what browsers write.
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCookieImporter, createSecretToolReader } from '../../../src/main/core/cookies/index.js';
import type { SecretToolReader } from '../../../src/main/core/cookies/index.js';
import { systemClock } from '../../../src/main/core/ports.js';
import { makeTempHome, memoryDenialStore } from '../../fixtures/cookies/home.js';
import type { TempHome } from '../../fixtures/cookies/home.js';
import { startPrivateKeyring } from '../../fixtures/cookies/keyring.js';
import type { PrivateKeyring } from '../../fixtures/cookies/keyring.js';
import { startKimiCookieServer, visitKimiWithChromium } from '../../fixtures/cookies/real-chromium.js';
import type { KimiCookieServer } from '../../fixtures/cookies/real-chromium.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZWFsLWNocm9taXVtIn0.c2lnbmF0dXJl';

let server: KimiCookieServer;
beforeAll(async () => {
  // Whole seconds: a cookie's Expires attribute carries no finer precision.
  server = await startKimiCookieServer(TOKEN, new Date(Math.floor(Date.now() / 1000) * 1000 + 3 * 86_400_000));
});
afterAll(() => server.close());

/** The kimi-auth row's encryption prefix once Chromium has flushed it, else null. */
function storedPrefix(store: string): string | null {
  if (!existsSync(store)) return null;
  try {
    const db = new Database(store, { readonly: true, fileMustExist: true, timeout: 0 });
    try {
      const row = db.prepare(`SELECT encrypted_value FROM cookies WHERE name = 'kimi-auth' AND host_key = '.kimi.com'`).get() as { encrypted_value: Buffer } | undefined;
      return row ? row.encrypted_value.subarray(0, 3).toString('latin1') : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** Chromium writes cookies lazily: visit until the row is on disk (a few tries, bounded). */
async function signInWithChromium(home: TempHome, passwordStore: 'basic' | 'gnome-libsecret', env: NodeJS.ProcessEnv): Promise<string> {
  const userDataDir = home.path('.config/chromium');
  const store = join(userDataDir, 'Default/Cookies');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await visitKimiWithChromium({ userDataDir, port: server.port, passwordStore, env: { ...env, HOME: home.home } });
    for (let poll = 0; poll < 20; poll += 1) {
      const prefix = storedPrefix(store);
      if (prefix) return prefix;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error('Chromium did not write the kimi-auth cookie');
}

function profileName(home: TempHome): string {
  const state = JSON.parse(readFileSync(home.path('.config/chromium/Local State'), 'utf8')) as { profile?: { info_cache?: Record<string, { name?: string }> } };
  return state.profile?.info_cache?.Default?.name || 'Default';
}

/**
 * Chromium turns Expires into its own clock's time (adjusting for the server's Date header), so
 * the stored expiry may differ from the header's by the sub-second part of that adjustment.
 */
function expectServerExpiry(expiresAt: Date | null | undefined): void {
  expect(expiresAt).toBeInstanceOf(Date);
  expect(Math.abs((expiresAt?.getTime() ?? 0) - server.expiresAt.getTime())).toBeLessThan(2000);
}

function importerFor(home: TempHome, secretTool: SecretToolReader) {
  return createCookieImporter({ platform: 'linux', home: home.home, env: {}, secretTool, denialStore: memoryDenialStore(), clock: systemClock, tmpDir: home.tmp });
}

describe('a cookie store written by the real Chromium', () => {
  it('is read back with Linux v10 ("basic" password store): browser, profile and expiry', async () => {
    const home = makeTempHome();
    try {
      expect(await signInWithChromium(home, 'basic', process.env)).toBe('v10');
      const result = await importerFor(home, { lookup: async () => null }).importKimiAuth({ region: 'kimi.com' });
      expect(result.found).toMatchObject({ token: TOKEN, browser: 'chromium', browserName: 'Chromium', profile: profileName(home) });
      expectServerExpiry(result.found?.expiresAt);
      expect(result.reports).toEqual([
        { browser: 'chromium', browserName: 'Chromium', profile: profileName(home), status: 'found', expiresAt: result.found?.expiresAt?.toISOString(), detail: null },
      ]);
    } finally {
      home.remove();
    }
  }, 120_000);

  describe('with the Secret Service', () => {
    let keyring: PrivateKeyring;
    beforeAll(async () => {
      keyring = await startPrivateKeyring();
    });
    afterAll(() => keyring.stop());

    it('is read back with Linux v11, its password looked up in a real keyring by application', async () => {
      const home = makeTempHome();
      try {
        expect(await signInWithChromium(home, 'gnome-libsecret', keyring.env)).toBe('v11');
        const result = await importerFor(home, createSecretToolReader({ env: keyring.env })).importKimiAuth({ region: 'kimi.com' });
        expect(result.found).toMatchObject({ token: TOKEN, browser: 'chromium', profile: profileName(home) });
        expectServerExpiry(result.found?.expiresAt);

        const withoutKeyring = await importerFor(home, { lookup: async () => null }).importKimiAuth({ region: 'kimi.com' });
        expect(withoutKeyring.found).toBeNull();
        expect(withoutKeyring.reports[0]).toMatchObject({ status: 'cannot-decrypt', detail: 'no Secret Service password found' });
      } finally {
        home.remove();
      }
    }, 120_000);
  });
});
