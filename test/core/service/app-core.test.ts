// The app core as the windows use it: the IPC handlers over the real runtime, a real HTTPS
// fake-kimi, and a recording shell (Electron's part is what cannot run here).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationDecision } from '../../../src/main/core/app/notifications.js';
import { systemTimers } from '../../../src/main/core/app/timers.js';
import type { CookieImporter } from '../../../src/main/core/cookies/types.js';
import { DiagnosticsBundleSchema } from '../../../src/main/core/diagnostics/bundle.js';
import { addAccount, selectAccount } from '../../../src/main/core/accounts/manage.js';
import { createRuntime } from '../../../src/main/core/runtime.js';
import { createAppCore, type AppCore } from '../../../src/main/core/service/app-core.js';
import type { ShellPorts } from '../../../src/main/core/service/shell-ports.js';
import { createSecretStore } from '../../../src/main/core/settings/secrets.js';
import type { SettingsNotice } from '../../../src/main/core/settings/settings-store.js';
import { HISTORY_FILE_NAME } from '../../../src/main/core/history/index.js';
import { HISTORY_MAX_POINTS, dispatchInvoke, type HistoryPoint, type IpcEvent } from '../../../src/shared/ipc.js';
import { ACCOUNT, DAY, HOUR, snapshotAt } from '../history/support.js';
import { fakeJwt, startFakeKimi, type FakeKimi } from '../../fake-kimi/index.js';

const API_KEY = 'sk-kimi-service-test-0123456789';
let kimi: FakeKimi;
let core: AppCore;
let events: IpcEvent[];
let opened: string[];
let shown: string[];
let notified: NotificationDecision[];

const noBrowsers: CookieImporter = { importKimiAuth: async () => ({ found: null, reports: [] }) };

beforeAll(async () => {
  kimi = await startFakeKimi();
});
afterAll(async () => {
  await kimi.close();
});
let settingsNotices: SettingsNotice[];
let configDir: string;

/** A core over a fresh home; `prepare` may put files in its config folder first. */
async function startCore(prepare: (dir: string) => void = () => {}): Promise<AppCore> {
  events = [];
  opened = [];
  shown = [];
  settingsNotices = [];
  notified = [];
  const home = mkdtempSync(join(tmpdir(), 'kimibar-service-'));
  configDir = join(home, 'config');
  prepare(configDir);
  const runtime = await createRuntime({
    env: { KIMIBAR_CONFIG_DIR: configDir, KIMI_CODE_BASE_URL: kimi.url, KIMI_CODE_OAUTH_HOST: kimi.url, KIMIBAR_WEB_BASE_URL: kimi.url },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets: await createSecretStore({ keytar: null }),
    cookies: noBrowsers,
  });
  const shell: ShellPorts = {
    openUrl: async (url) => void opened.push(url),
    openSettings: () => {},
    fitPopover: () => {},
    closePopover: () => {},
    quit: () => {},
    signInWeb: async () => ({ accessToken: fakeJwt({ sub: 'web' }), refreshToken: 'web-refresh', expiresAt: Date.now() + 3_600_000 }),
    notify: (decision) => void notified.push(decision),
    notifySettings: (notice) => void settingsNotices.push(notice),
    setLaunchAtLogin: () => {},
    showFile: (path) => void shown.push(path),
  };
  const started = createAppCore({ runtime, shell, timers: systemTimers });
  started.subscribe((event) => events.push(event));
  return started;
}

beforeEach(async () => {
  kimi.reset();
  core = await startCore();
});
afterEach(() => core.dispose());

const call = (channel: string, request?: unknown) => dispatchInvoke(core.invoke, channel, request);

describe('secrets go in, never come back out', () => {
  it('an API key set from a window is used for the refresh and never sent back', async () => {
    const reply = await call('setApiKey', { apiKey: API_KEY });
    // The key comes back only as the user may see it: its public prefix and last four.
    expect(reply).toEqual({ ok: true, value: { set: true, masked: 'sk-kimi-…6789' } });
    const state = await call('refresh');
    expect(state.ok && (state.value as { snapshot: { source: { kind: string } } }).snapshot.source.kind).toBe('api-key');
    expect(kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);

    const secrets = await call('getSecrets');
    expect(secrets).toMatchObject({ ok: true, value: { apiKey: 'set', apiKeyMasked: 'sk-kimi-…6789', keychain: 'session-only' } });
    const everything = JSON.stringify([events, secrets, await call('getSettings'), await call('getState')]);
    expect(everything).not.toContain(API_KEY);
    expect(events.some((event) => event.channel === 'state')).toBe(true);
  });

  it('a pasted cURL command stores the token and reports its expiry and a short-life warning', async () => {
    const token = fakeJwt({ sub: 'pasted', exp: Math.floor(Date.now() / 1000) + 30 * 60 });
    const reply = await call('setManualToken', { input: `curl 'https://www.kimi.com/x' -H 'Cookie: kimi-auth=${token}'` });
    expect(reply).toMatchObject({ ok: true, value: { set: true, warning: 'short-lived' } });
    expect(JSON.stringify(reply)).not.toContain(token);
    expect(await call('getSecrets')).toMatchObject({ ok: true, value: { manualToken: { state: 'set' } } });
  });

  it('a paste without a token is a typed error, not a crash', async () => {
    expect(await call('setManualToken', { input: 'hello' })).toEqual({
      ok: false,
      error: { code: 'auth-invalid', message: 'Kimi auth token is invalid or expired: no kimi-auth token found in the pasted text', action: 'paste-token' },
    });
  });

  it('the web sign-in window’s session is kept and used for the web path', async () => {
    await call('updateSettings', { kimi: { usageSource: 'web' } });
    await call('signInWeb');
    expect(await call('getSecrets')).toMatchObject({ ok: true, value: { webSession: { signedIn: true } } });
    const state = await call('refresh');
    expect(state).toMatchObject({ ok: true, value: { snapshot: { source: { kind: 'web', label: 'Kimi web session (signed in)' } } } });
  });
});

describe('settings from a window', () => {
  it('refuses an unsafe API base URL and keeps the old settings', async () => {
    const reply = await call('updateSettings', { kimi: { apiBaseUrl: 'http://example.test' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'insecure-base-url' } });
    expect(core.runtime.settings.get().accounts[0]!.apiBaseUrl).toBeNull();
  });

  it('applies a nested patch and leaves other fields alone', async () => {
    await call('updateSettings', { general: { notifications: { thresholds: [40, 10] } } });
    const settings = core.runtime.settings.get();
    expect(settings.general.notifications.thresholds).toEqual([40, 10]);
    expect(settings.general.notifications.depleted).toBe(true);
    expect(events.some((event) => event.channel === 'settings')).toBe(true);
  });

  it('rejects fields a window may not write', async () => {
    expect(await call('updateSettings', { state: { keychainDeniedAt: {} } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call('updateSettings', { kimi: { lastAutoSource: 'web' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('device login from Settings', () => {
  it('shows the code, waits, ends signed in and refreshes with the account', async () => {
    kimi.on('deviceAuthorization', {
      body: { user_code: 'CODE-7777', device_code: 'dc', verification_uri: 'https://www.kimi.com/code/authorize_device', verification_uri_complete: 'https://www.kimi.com/code/authorize_device?user_code=CODE-7777', expires_in: 600, interval: 1 },
    });
    kimi.script('token', { status: 400, body: { error: 'authorization_pending' } });
    const reply = await call('startDeviceLogin');
    expect(reply).toMatchObject({ ok: true, value: { userCode: 'CODE-7777', browserOpened: true } });
    expect(opened).toEqual(['https://www.kimi.com/code/authorize_device?user_code=CODE-7777']);
    // "Open browser again": the same page, through the same checks.
    expect(await call('openDeviceLoginPage')).toEqual({ ok: true, value: null });
    expect(opened).toEqual(['https://www.kimi.com/code/authorize_device?user_code=CODE-7777', 'https://www.kimi.com/code/authorize_device?user_code=CODE-7777']);

    await expect.poll(() => events.filter((e) => e.channel === 'deviceLogin').map((e) => (e.payload as { status: string }).status), { timeout: 10_000 }).toEqual([
      'waiting',
      'signed-in',
    ]);
    expect(await call('getSecrets')).toMatchObject({ ok: true, value: { account: { signedIn: true } } });
    await expect.poll(() => core.controller.getState().snapshot?.source.kind, { timeout: 10_000 }).toBe('kimi-account');
  });

  it('does not open a verification page off the region’s domain', async () => {
    kimi.on('deviceAuthorization', { body: { user_code: 'EVIL-0000', device_code: 'dc', verification_uri: 'https://evil.example/login', interval: 1 } });
    kimi.on('token', { status: 400, body: { error: 'authorization_pending' } });
    const reply = await call('startDeviceLogin');
    expect(reply).toMatchObject({ ok: true, value: { browserOpened: false } });
    expect(opened).toEqual([]);
    // Nor when asked to open it again.
    expect(await call('openDeviceLoginPage')).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(opened).toEqual([]);
    await call('cancelDeviceLogin');
    await expect.poll(() => events.filter((e) => e.channel === 'deviceLogin').at(-1)?.payload).toEqual({ status: 'cancelled', error: null });
  });

  it('does not open a verification page the link allow-list refuses, even on the region’s domain', async () => {
    // On kimi.com, but on an odd port: the region check passes it, the app-wide allow-list does not.
    kimi.on('deviceAuthorization', {
      body: { user_code: 'PORT-0000', device_code: 'dc', verification_uri: 'https://www.kimi.com:8443/code/authorize_device', interval: 1 },
    });
    kimi.on('token', { status: 400, body: { error: 'authorization_pending' } });
    const reply = await call('startDeviceLogin');
    expect(reply).toMatchObject({ ok: true, value: { userCode: 'PORT-0000', browserOpened: false, verificationUri: 'https://www.kimi.com:8443/code/authorize_device' } });
    expect(opened).toEqual([]);
    await call('cancelDeviceLogin');
    await expect.poll(() => events.filter((e) => e.channel === 'deviceLogin').at(-1)?.payload).toEqual({ status: 'cancelled', error: null });
  });
});

describe('nothing set up', () => {
  it('is a state with a welcome, not an error; "Open browser again" with no sign-in waiting is refused', async () => {
    const reply = await call('refresh');
    expect(reply).toMatchObject({ ok: true, value: { lastError: null, signedOut: true, notConfigured: { found: [] }, snapshot: null } });
    expect(kimi.requests).toEqual([]);
    expect(notified).toEqual([]);
    expect(await call('openDeviceLoginPage')).toMatchObject({ ok: false, error: { code: 'usage' } });
    expect(opened).toEqual([]);
    // Once a key is saved the welcome gives way to the numbers.
    await call('setApiKey', { apiKey: API_KEY });
    await expect.poll(() => core.controller.getState().snapshot?.source.kind).toBe('api-key');
    expect(core.controller.getState().notConfigured).toBeNull();
  });
});

describe('links', () => {
  it('opens only the allow-listed pages for the region', async () => {
    await call('openExternal', { target: 'usage-dashboard' });
    await call('updateSettings', { kimi: { region: 'kimi.ai' } });
    await call('openExternal', { target: 'usage-dashboard' });
    expect(await call('openExternal', { target: 'https://evil.example' })).toMatchObject({ ok: false });
    expect(opened).toEqual(['https://www.kimi.com/code/console', 'https://www.kimi.ai/code/console']);
  });
});

describe('support bundle', () => {
  it('Save diagnostics writes a bundle with the last answer’s shape and error, shows it, and holds no secret', async () => {
    await call('setApiKey', { apiKey: API_KEY });
    kimi.on('usages', { status: 401, body: { error: `bad key ${API_KEY}` } });
    await call('refresh');
    const reply = await call('saveDiagnostics');
    expect(reply.ok).toBe(true);
    const { path } = (reply as { ok: true; value: { path: string } }).value;
    expect(shown).toEqual([path]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const text = readFileSync(path, 'utf8');
    const bundle = DiagnosticsBundleSchema.parse(JSON.parse(text));
    expect(bundle.app.surface).toBe('preview');
    expect(bundle.lastErrors.at(-1)).toMatchObject({ code: 'api-key-invalid' });
    expect(bundle.sources[0]).toMatchObject({ kind: 'api-key', ready: true });
    expect(text).not.toContain(API_KEY);
  });
});

describe('a settings file KimiBar cannot use is announced once, by the shell', () => {
  const backups = (): string[] => readdirSync(configDir).filter((name) => name.startsWith('config.json.bak-'));

  it('a file found damaged at start: announced when the core starts, with where it went', async () => {
    core.dispose();
    core = await startCore((dir) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'config.json'), '{"general": {');
    });
    expect(settingsNotices).toEqual([expect.objectContaining({ reason: 'corrupt', path: join(configDir, 'config.json'), backupPath: join(configDir, backups()[0]!) })]);
    expect(readFileSync(join(configDir, backups()[0]!), 'utf8')).toBe('{"general": {');
    await call('refresh');
    await call('getSettings');
    expect(settingsNotices).toHaveLength(1);
  });

  it('a file that goes bad while the app runs: announced when a window reads the settings', async () => {
    expect(await call('updateSettings', { general: { coloredIcon: true } })).toMatchObject({ ok: true });
    expect(settingsNotices).toEqual([]);
    writeFileSync(join(configDir, 'config.json'), 'not json');
    expect(await call('getSettings')).toMatchObject({ ok: true, value: { general: { coloredIcon: false } } });
    expect(settingsNotices).toEqual([expect.objectContaining({ reason: 'corrupt', backupPath: join(configDir, backups()[0]!) })]);
  });

  it('a file that goes bad while the settings are the defaults: announced after the next refresh', async () => {
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, 'config.json'), '[]');
    await call('refresh');
    expect(settingsNotices).toEqual([expect.objectContaining({ reason: 'invalid', backupPath: join(configDir, backups()[0]!) })]);
    expect(existsSync(join(configDir, 'config.json'))).toBe(false);
  });
});

describe('usage history', () => {
  it('a history file that cannot be opened is told once; refreshes still show fresh numbers', async () => {
    mkdirSync(join(configDir, HISTORY_FILE_NAME), { recursive: true });
    await call('setApiKey', { apiKey: API_KEY });
    for (let i = 0; i < 3; i += 1) {
      const state = await call('refresh');
      expect(state).toMatchObject({ ok: true, value: { lastError: null, snapshot: { stale: false } } });
    }
    expect(await call('getHistory', { days: 1, windowId: '5h' })).toMatchObject({ ok: true });
    expect(notified).toEqual([{ kind: 'history', reason: 'unavailable', backupPath: null }]);
    // Kept in memory for the session, so the charts still have this run's refreshes.
    const kept = await call('getHistory', { days: 1, windowId: '5h' });
    const points = kept.ok ? (kept.value as HistoryPoint[]) : [];
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((point) => point.used === 139 && point.limit === 200)).toBe(true);
  });

  it('a chart gets at most HISTORY_MAX_POINTS points per window, spikes kept', async () => {
    const store = core.runtime.history();
    const now = Date.now();
    const count = 3000;
    for (let i = 0; i < count; i += 1) {
      const at = now - DAY + (i * DAY) / count;
      const spike = i === 1234 ? 99 : (i % 40) + 10;
      store.record(snapshotAt(at, [{ id: '5h', usedPercent: spike }, { id: 'weekly', usedPercent: (i % 7) + 1 }]), ACCOUNT);
    }
    const fiveHour = await call('getHistory', { days: 1, windowId: '5h' });
    expect(fiveHour.ok).toBe(true);
    const points = fiveHour.ok ? (fiveHour.value as HistoryPoint[]) : [];
    expect(points.length).toBeLessThanOrEqual(HISTORY_MAX_POINTS);
    expect(points.length).toBeGreaterThan(HISTORY_MAX_POINTS / 2);
    expect(Math.max(...points.map((point) => point.usedPercent))).toBe(99);
    expect(points.every((point) => point.windowId === '5h')).toBe(true);

    const every = await call('getHistory', { days: 7 });
    const all = every.ok ? (every.value as HistoryPoint[]) : [];
    for (const id of ['5h', 'weekly'] as const) {
      const perWindow = all.filter((point) => point.windowId === id).length;
      expect(perWindow).toBeGreaterThan(HISTORY_MAX_POINTS / 2);
      expect(perWindow).toBeLessThanOrEqual(HISTORY_MAX_POINTS);
    }
    expect(notified).toEqual([]);
  });

  it('a chart draws one account\'s history: the selected one\'s, or the one asked for', async () => {
    const work = addAccount(core.runtime, { name: 'Work' });
    const store = core.runtime.history();
    const at = Date.now() - HOUR;
    store.record(snapshotAt(at, [{ id: '5h', usedPercent: 11 }]), ACCOUNT);
    store.record(snapshotAt(at, [{ id: '5h', usedPercent: 77 }]), work.id);
    const drawn = async (request: object) => {
      const reply = await call('getHistory', { days: 1, windowId: '5h', ...request });
      return reply.ok ? (reply.value as HistoryPoint[]).map((point) => point.usedPercent) : reply;
    };
    expect(await drawn({})).toEqual([11]);
    expect(await drawn({ account: work.id })).toEqual([77]);
    selectAccount(core.runtime, work.id);
    expect(await drawn({})).toEqual([77]);
    expect(await drawn({ account: ACCOUNT })).toEqual([11]);
    expect(await drawn({ account: 'nobody' })).toMatchObject({ ok: false, error: { code: 'account-not-found' } });
    // Settings → General's "Delete all usage history?" means every account's.
    expect(await call('clearHistory')).toEqual({ ok: true, value: null });
    expect(await drawn({ account: ACCOUNT })).toEqual([]);
    expect(await drawn({ account: work.id })).toEqual([]);
    expect(notified).toEqual([]);
  });
});
