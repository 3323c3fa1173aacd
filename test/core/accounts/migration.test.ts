// Upgrading from KimiBar with one account: a config.json written by that build (the fixture was
// written by its `kimibar config set`, unchanged) and its API key in the real keyring under the
// item name it always had. Everything must arrive in the first account, the key must be used for
// the refresh, and the first save must keep every setting. Runs in the private keyring of
// scripts/run-tests.mjs.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccount, removeAccount } from '../../../src/main/core/accounts/manage.js';
import { createRuntime } from '../../../src/main/core/runtime.js';
import { createSecretStore, secretItemName } from '../../../src/main/core/settings/secrets.js';
import type { CookieImporter } from '../../../src/main/core/cookies/types.js';
import { SettingsSchema } from '../../../src/shared/settings.js';
import { useFakeKimi } from '../../fake-kimi/lifecycle.js';

const SERVICE = `KimiBar-migration-test-${process.pid}`;
const OLD_KEY = 'sk-kimi-migrated-key-000000000001';
const FIXTURE = join(import.meta.dirname, '../../fixtures/settings/config-v1.json');

const kimi = useFakeKimi();
let home: string;
let configDir: string;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'kimibar-migration-'));
  configDir = join(home, 'config');
  mkdirSync(configDir);
  copyFileSync(FIXTURE, join(configDir, 'config.json'));
  // Where the one-account build kept its key: service "KimiBar" (here the test's), item "api-key".
  await keytar.setPassword(SERVICE, 'api-key', OLD_KEY);
});
afterEach(async () => {
  for (const item of await keytar.findCredentials(SERVICE)) await keytar.deletePassword(SERVICE, item.account);
});

const noBrowsers: CookieImporter = { importKimiAuth: async () => ({ found: null, reports: [] }) };

async function openRuntime() {
  return createRuntime({
    env: { KIMIBAR_CONFIG_DIR: configDir, KIMI_CODE_BASE_URL: kimi.url, KIMIBAR_KEYCHAIN_SERVICE: SERVICE },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets: await createSecretStore({ service: SERVICE }),
    cookies: noBrowsers,
  });
}

describe('settings and secrets of a one-account KimiBar', () => {
  it('become the first account, with nothing lost, and its key is used', async () => {
    const runtime = await openRuntime();
    const settings = runtime.settings.get();
    expect(settings.accounts).toHaveLength(1);
    expect(settings.accounts[0]).toMatchObject({ id: 'main', name: 'Kimi', region: 'kimi.ai', usageSource: 'api', enabled: true });
    expect(settings.selectedAccount).toBe('main');
    expect(settings.general).toMatchObject({ menuBarText: 'countdown', refreshCadence: '5m', notifications: { thresholds: [40, 10] } });
    expect(runtime.settings.takeNotices()).toEqual([]);

    const result = await runtime.account().fetchSnapshot();
    expect(result.credential).toMatchObject({ kind: 'api-key', origin: 'settings' });
    expect(kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe(`Bearer ${OLD_KEY}`);

    // The first save writes version 2 with every setting the old file had, and no secret.
    runtime.settings.update((draft) => void (draft.general.coloredIcon = true));
    const text = readFileSync(join(configDir, 'config.json'), 'utf8');
    expect(text).not.toContain(OLD_KEY);
    const written = JSON.parse(text) as Record<string, unknown>;
    expect(written).not.toHaveProperty('kimi');
    expect(SettingsSchema.parse(written)).toMatchObject({
      version: 2,
      accounts: [{ id: 'main', region: 'kimi.ai', usageSource: 'api' }],
      general: { menuBarText: 'countdown', refreshCadence: '5m', coloredIcon: true, notifications: { thresholds: [40, 10] } },
    });
    // The key was not moved: the item still has its old name (an older build still finds it).
    expect(await keytar.getPassword(SERVICE, 'api-key')).toBe(OLD_KEY);
    runtime.close();
  });

  it('a second account keeps its own keychain items, and removing it deletes only those', async () => {
    const runtime = await openRuntime();
    const work = addAccount(runtime, { name: 'Work', usageSource: 'api' });
    await runtime.account('work').secrets.set('api-key', 'sk-kimi-second-account-key-0002');
    expect(await keytar.getPassword(SERVICE, secretItemName(work.id, 'api-key'))).toBe('sk-kimi-second-account-key-0002');
    expect(await runtime.account('Kimi').secrets.get('api-key')).toBe(OLD_KEY);

    await runtime.account('Work').fetchSnapshot();
    expect(kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe('Bearer sk-kimi-second-account-key-0002');

    await removeAccount(runtime, 'work');
    expect(await keytar.getPassword(SERVICE, secretItemName(work.id, 'api-key'))).toBeNull();
    expect(await keytar.getPassword(SERVICE, 'api-key')).toBe(OLD_KEY);
    expect(runtime.settings.get().accounts.map((account) => account.name)).toEqual(['Kimi']);
    expect(() => runtime.account('Work')).toThrow(/No Kimi account/);
    runtime.close();
  });
});
