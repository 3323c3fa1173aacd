// Several accounts through the IPC contract, as the windows use it: the real runtime over a
// temporary config folder, a real HTTPS fake-kimi answering each account by its API key, and a
// recording shell.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationDecision } from '../../../src/main/core/app/notifications.js';
import { systemTimers } from '../../../src/main/core/app/timers.js';
import { createRuntime } from '../../../src/main/core/runtime.js';
import { notificationMemoryPath } from '../../../src/main/core/service/account-files.js';
import { createAppCore, type AppCore } from '../../../src/main/core/service/app-core.js';
import type { ShellPorts } from '../../../src/main/core/service/shell-ports.js';
import { createSecretStore, secretItemName, type SystemSecretStore } from '../../../src/main/core/settings/secrets.js';
import { snapshotCachePath } from '../../../src/main/core/status-line/cache-file.js';
import type { AccountsState, AppState } from '../../../src/shared/app-state.js';
import { dispatchInvoke, type IpcEvent } from '../../../src/shared/ipc.js';
import type { AccountSettings } from '../../../src/shared/settings.js';
import { byBearer, codeApiUsageBody } from '../../fake-kimi/index.js';
import { useFakeKimi } from '../../fake-kimi/lifecycle.js';

const MAIN_KEY = 'sk-kimi-main-0123456789abcdef';
const WORK_KEY = 'sk-kimi-work-0123456789abcdef';

const kimi = useFakeKimi();
let core: AppCore;
let keychain: SystemSecretStore;
let configDir: string;
let events: IpcEvent[];
let notified: { decision: NotificationDecision; account: string | undefined }[];
/** 5-hour requests used per key: tests change them between refreshes. */
const used = new Map<string, number>();


beforeEach(async () => {
  used.clear();
  used.set(MAIN_KEY, 20).set(WORK_KEY, 150);
  const perKey = (key: string) => () => ({ body: codeApiUsageBody({ fiveHourUsed: used.get(key) ?? 0, weeklyUsed: 100 }, Date.now()) });
  kimi.on('usages', byBearer(new Map([[MAIN_KEY, perKey(MAIN_KEY)], [WORK_KEY, perKey(WORK_KEY)]])));
  events = [];
  notified = [];
  const home = mkdtempSync(join(tmpdir(), 'kimibar-accounts-ipc-'));
  configDir = join(home, 'config');
  keychain = await createSecretStore({ keytar: null });
  const runtime = await createRuntime({
    env: { KIMIBAR_CONFIG_DIR: configDir, KIMI_CODE_BASE_URL: kimi.url, KIMI_CODE_OAUTH_HOST: kimi.url, KIMIBAR_WEB_BASE_URL: kimi.url },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets: keychain,
    cookies: { importKimiAuth: async () => ({ found: null, reports: [] }) },
  });
  const shell: ShellPorts = {
    openUrl: async () => undefined,
    openSettings: () => undefined,
    fitPopover: () => undefined,
    closePopover: () => undefined,
    quit: () => undefined,
    signInWeb: async () => null,
    notify: (decision, account) => void notified.push({ decision, account }),
    notifySettings: () => undefined,
    setLaunchAtLogin: () => undefined,
    showFile: () => undefined,
  };
  core = createAppCore({ runtime, shell, timers: systemTimers });
  core.subscribe((event) => events.push(event));
});
afterEach(() => core.dispose());

const call = async <T = unknown>(channel: string, request?: unknown): Promise<T> => {
  const result = await dispatchInvoke(core.invoke, channel, request);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
};
const fiveHourUsed = (state: AppState): number | undefined => state.snapshot?.windows.find((w) => w.id === '5h')?.usedPercent;

/** Main with its key, and a second account "Work" with its own. */
async function twoAccounts(): Promise<AccountSettings> {
  await call('setApiKey', { apiKey: MAIN_KEY });
  const work = await call<AccountSettings>('addAccount', { name: 'Work', usageSource: 'api' });
  await call('setApiKey', { apiKey: WORK_KEY, account: work.id });
  return work;
}

describe('accounts over IPC', () => {
  it('adds an account with its own key, refreshes each with its own numbers, and lists them', async () => {
    const work = await twoAccounts();
    expect(work).toMatchObject({ name: 'Work', usageSource: 'api', enabled: true });
    // Each key went only into its own account's keychain item.
    expect(await keychain.get(secretItemName(work.id, 'api-key'))).toBe(WORK_KEY);
    expect(await keychain.get('api-key')).toBe(MAIN_KEY);

    const selected = await call<AppState>('refresh');
    expect(fiveHourUsed(selected)).toBe(10);
    const accounts = await call<AccountsState>('getAccounts');
    expect(accounts.selectedAccount).toBe('main');
    expect(accounts.accounts.map((a) => [a.id, a.name, fiveHourUsed(a.state)])).toEqual([
      ['main', 'Kimi', 10],
      [work.id, 'Work', 75],
    ]);
    expect(new Set(kimi.requestsTo('usages').map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${MAIN_KEY}`, `Bearer ${WORK_KEY}`]));
    const pushed = events.filter((e): e is Extract<IpcEvent, { channel: 'accounts' }> => e.channel === 'accounts').at(-1);
    expect(pushed?.payload.accounts.map((a) => fiveHourUsed(a.state))).toEqual([10, 75]);
    // No key in any reply or event.
    const everything = JSON.stringify([events, accounts, await call('getSecrets', { account: work.id })]);
    expect(everything).not.toContain(WORK_KEY);
    expect(everything).not.toContain(MAIN_KEY);
  });

  it('refreshes one account when asked, every enabled account otherwise', async () => {
    const work = await twoAccounts();
    await call('refresh');
    const before = kimi.requestsTo('usages').length;
    await call('refresh', { account: work.id });
    expect(kimi.requestsTo('usages').slice(before).map((r) => r.headers.authorization)).toEqual([`Bearer ${WORK_KEY}`]);
    await call('updateSettings', { account: work.id, kimi: { enabled: false } });
    await call('refresh');
    expect(kimi.requestsTo('usages').slice(before + 1).map((r) => r.headers.authorization)).toEqual([`Bearer ${MAIN_KEY}`]);
    expect((await call<AccountsState>('getAccounts')).accounts.map((a) => a.id)).toEqual(['main']);
  });

  it("reads and clears each account's secrets apart", async () => {
    const work = await twoAccounts();
    await call('clearApiKey');
    expect(await call('getSecrets')).toMatchObject({ apiKey: 'not-set' });
    expect(await call('getSecrets', { account: work.id })).toMatchObject({ apiKey: 'set', apiKeyMasked: 'sk-kimi-…cdef' });
  });

  it('selecting an account makes the state event carry its state', async () => {
    const work = await twoAccounts();
    await call('refresh');
    await call('selectAccount', { account: work.id });
    expect(fiveHourUsed(await call<AppState>('getState'))).toBe(75);
    const state = events.filter((e): e is Extract<IpcEvent, { channel: 'state' }> => e.channel === 'state').at(-1);
    expect(state && fiveHourUsed(state.payload)).toBe(75);
    expect((await call<AccountsState>('getAccounts')).selectedAccount).toBe(work.id);
  });

  it('moves and removes accounts; a removed account takes its secrets and files with it', async () => {
    const work = await twoAccounts();
    await call('refresh');
    await call('moveAccount', { account: work.id, index: 0 });
    expect((await call<AccountsState>('getAccounts')).accounts.map((a) => a.name)).toEqual(['Work', 'Kimi']);
    expect(existsSync(snapshotCachePath(configDir, work.id))).toBe(true);
    writeFileSync(notificationMemoryPath(configDir, work.id), '{}');

    await call('removeAccount', { account: work.id });
    expect((await call<AccountsState>('getAccounts')).accounts.map((a) => a.name)).toEqual(['Kimi']);
    expect(await keychain.get(secretItemName(work.id, 'api-key'))).toBeNull();
    expect(existsSync(snapshotCachePath(configDir, work.id))).toBe(false);
    expect(existsSync(notificationMemoryPath(configDir, work.id))).toBe(false);
    // The first account's files stay where they always were.
    expect(existsSync(snapshotCachePath(configDir, 'main'))).toBe(true);
  });

  it('refuses what cannot be: the last account, an unknown one, a duplicate name', async () => {
    expect(await dispatchInvoke(core.invoke, 'removeAccount', { account: 'main' })).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(await dispatchInvoke(core.invoke, 'getSecrets', { account: 'nobody' })).toMatchObject({ ok: false, error: { code: 'account-not-found' } });
    expect(await dispatchInvoke(core.invoke, 'setApiKey', { apiKey: WORK_KEY, account: 'nobody' })).toMatchObject({ ok: false, error: { code: 'account-not-found' } });
    expect(await dispatchInvoke(core.invoke, 'addAccount', { name: 'kimi' })).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(await dispatchInvoke(core.invoke, 'selectAccount', { account: 'nobody' })).toMatchObject({ ok: false, error: { code: 'account-not-found' } });
    expect((await call<AccountsState>('getAccounts')).accounts.map((a) => a.id)).toEqual(['main']);
  });

  it('notifications name the account once there are several', async () => {
    const work = await twoAccounts();
    await call('refresh');
    used.set(WORK_KEY, 170);
    await call('refresh');
    expect(notified.map(({ decision, account }) => [decision.kind, account])).toEqual([['threshold', 'Work']]);
    // With Work switched off only one account is left, and its notifications are unnamed.
    await call('updateSettings', { account: work.id, kimi: { enabled: false } });
    used.set(MAIN_KEY, 190);
    await call('refresh');
    expect(notified.slice(1).map(({ decision, account }) => [decision.kind, account])).toEqual([['threshold', undefined]]);
  });
});
