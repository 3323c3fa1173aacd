// The Electron shell as built: dist/main/index.js runs in a child Node process in which
// `electron` is a recording double (test/shell/electron-double), everything else is real — the
// core, electron-store, the keychain, menubar, the renderer files on disk and a fake Kimi server
// over HTTPS. The Electron binary is never installed here or in CI, so this is how every line of
// the shell that can run without Chromium runs in a test.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../src/main/shell/app-protocol.js';
import { t } from '../../src/shared/i18n/index.js';
import type { InvokeChannel } from '../../src/shared/ipc-channels.js';
import { INVALID_REQUEST, INVOKE_CHANNELS, invokeWireName } from '../../src/shared/ipc-channels.js';
import { IN_APP_CLI_FLAG } from '../../src/main/cli/in-app.js';
import { APP_VERSION } from '../../src/main/core/version.js';
import { AppStateSchema } from '../../src/shared/app-state.js';
import { startFakeKimi, type FakeKimi } from '../fake-kimi/index.js';
import type { DoubleCommand, DoubleMessage, InvokeSender } from './electron-double/protocol.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const BUNDLE = join(DIST, 'main/index.js');
const RENDERER_DIR = join(DIST, 'renderer');
const REGISTER = join(ROOT, 'test/shell/electron-double/register.mjs');
const API_KEY = 'sk-kimi-bundle-test-0123456789abcdef';
const HOUR = 3_600_000;

interface Call {
  readonly api: string;
  readonly args: unknown[];
}

/** One run of the bundle: the calls it made so far, commands to the double, its exit. */
class BundleRun {
  readonly calls: Call[] = [];
  readonly exited: Promise<number | null>;
  private readonly waiters = new Set<() => void>();
  private readonly replies = new Map<number, (message: DoubleMessage & { kind: 'reply' }) => void>();
  private nextId = 1;
  stderr = '';
  stdout = '';
  /** Resolves with the first thing the app writes to stderr: an error it caught and logged. */
  readonly firstError: Promise<string>;

  constructor(private readonly child: ChildProcess) {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.firstError = new Promise((resolveError) => child.stderr?.once('data', (chunk: string) => resolveError(chunk)));
    child.on('message', (message: DoubleMessage) => {
      if (message.kind === 'reply') {
        this.replies.get(message.id)?.(message);
        this.replies.delete(message.id);
        return;
      }
      this.calls.push({ api: message.api, args: message.args });
      for (const wake of this.waiters) wake();
    });
    this.exited = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  }

  of(api: string): Call[] {
    return this.calls.filter((call) => call.api === api);
  }

  /** Resolves with the first call (from `from` on) that matches; waits for it if none has yet. */
  waitFor(predicate: (call: Call) => boolean, from = 0): Promise<Call> {
    return new Promise((resolveCall) => {
      const check = (): boolean => {
        const found = this.calls.slice(from).find(predicate);
        if (found === undefined) return false;
        this.waiters.delete(wake);
        resolveCall(found);
        return true;
      };
      const wake = (): void => void check();
      if (!check()) this.waiters.add(wake);
    });
  }

  command(command: DoubleCommand): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolveReply, reject) => {
      this.replies.set(id, (reply) => (reply.error === undefined ? resolveReply(reply.value) : reject(new Error(reply.error))));
      this.child.send({ ...command, id });
    });
  }

  invoke(channel: InvokeChannel, request: unknown, sender: InvokeSender = 'popover'): Promise<unknown> {
    return this.command({ type: 'invoke', channel: invokeWireName(channel), request, sender });
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }
}

let doubleDir: string;
let doublePath: string;
let kimi: FakeKimi;
const homes: string[] = [];

function launch(extraEnv: NodeJS.ProcessEnv = {}, args: readonly string[] = []): { run: BundleRun; home: string } {
  const home = mkdtempSync(join(tmpdir(), 'kimibar-bundle-home-'));
  homes.push(home);
  const child = spawn(process.execPath, ['--import', REGISTER, BUNDLE, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
      KIMIBAR_CONFIG_DIR: join(home, 'config'),
      KIMIBAR_KEYCHAIN_SERVICE: `KimiBar-bundle-test-${home.slice(-6)}`,
      KIMI_CODE_BASE_URL: kimi.url,
      KIMIBAR_WEB_BASE_URL: kimi.url,
      KIMI_CODE_OAUTH_HOST: kimi.url,
      KIMI_CODE_API_KEY: API_KEY,
      KIMIBAR_ELECTRON_DOUBLE: doublePath,
      TZ: 'UTC',
      LANG: 'en_US.UTF-8',
      ...extraEnv,
    },
  });
  return { run: new BundleRun(child), home };
}

/** What the fake Kimi reports as left of the 5-hour window's 200 requests; tests lower it. */
let fiveHourLeft = 150;

function codeUsage(now = Date.now()) {
  return {
    user: { userId: 'u1', region: 'REGION_CN', membership: { level: 'LEVEL_INTERMEDIATE' } },
    usage: { limit: '2048', used: '214', remaining: '1834', resetTime: new Date(now + 4 * 24 * HOUR).toISOString() },
    limits: [
      {
        window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' },
        detail: { limit: '200', used: String(200 - fiveHourLeft), remaining: String(fiveHourLeft), resetTime: new Date(now + 2 * HOUR).toISOString() },
      },
    ],
  };
}

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error('dist/main/index.js is missing: run `npm run build` first');
  doubleDir = mkdtempSync(join(tmpdir(), 'kimibar-electron-double-'));
  doublePath = join(doubleDir, 'electron.cjs');
  await build({
    entryPoints: [join(ROOT, 'test/shell/electron-double/electron.ts')],
    outfile: doublePath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  kimi = await startFakeKimi();
  kimi.on('usages', () => ({ body: codeUsage() }));
});

afterAll(async () => {
  await kimi.close();
  rmSync(doubleDir, { recursive: true, force: true });
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

describe('a second instance', () => {
  it('asks for the single-instance lock, is refused, and quits before any window, tray or handler', async () => {
    const { run } = launch({ KIMIBAR_DOUBLE_LOCK: 'taken' });
    expect(await run.exited).toBe(0);
    expect(run.calls.map((call) => call.api)).toEqual(['app.requestSingleInstanceLock', 'app.quit']);
    expect(run.stderr).toBe('');
  });
});

describe('the kimibar command inside the app (resources/bin/kimibar runs the binary with the CLI flag)', () => {
  it('prints the version and exits with nothing but app.exit: no lock, window, tray or Dock', async () => {
    const { run } = launch({}, [IN_APP_CLI_FLAG, '--', '--version']);
    expect(await run.exited).toBe(0);
    expect(run.stdout).toBe(`${APP_VERSION}\n`);
    expect(run.calls).toEqual([{ api: 'app.exit', args: [0] }]);
    expect(run.stderr).toBe('');
  });

  it("reads the usage from Kimi with Node's transport, not Electron's, and prints it", async () => {
    const before = kimi.requestsTo('usages').length;
    const { run } = launch({}, [IN_APP_CLI_FLAG, '--', 'usage', '--json']);
    expect(await run.exited).toBe(0);
    expect(kimi.requestsTo('usages').length).toBe(before + 1);
    expect(kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.stringify(JSON.parse(run.stdout))).toContain('"limit":200');
    expect(run.calls).toEqual([{ api: 'app.exit', args: [0] }]);
  });

  it('ends with the command\'s exit code: an unknown command is a usage error, told on stderr', async () => {
    const { run } = launch({}, [IN_APP_CLI_FLAG, '--', 'frobnicate']);
    expect(await run.exited).toBe(2);
    expect(run.stderr).toContain('unknown command');
    expect(run.stdout).toBe('');
    expect(run.calls).toEqual([{ api: 'app.exit', args: [2] }]);
  });
});

describe('the packaged app', () => {
  it("leaves the Dock icon to Info.plist's LSUIElement: no app.dock.hide, which only `npm start` needs", async () => {
    const { run } = launch({ KIMIBAR_DOUBLE_PACKAGED: '1' });
    const started = run.waitFor((call) => call.api === 'BrowserWindow.loadURL' && String(call.args[1]).includes('popover.html'));
    const failed = run.firstError.then((text) => Promise.reject(new Error(`the app logged an error while starting: ${text}`)));
    await Promise.race([started, failed]);
    expect(run.of('app.requestSingleInstanceLock')).toHaveLength(1);
    expect(run.of('Tray.new')).toHaveLength(1);
    expect(run.of('app.dock.hide')).toEqual([]);
    run.stop();
  });
});

describe('the app', () => {
  let run: BundleRun;
  let home: string;

  beforeAll(async () => {
    ({ run, home } = launch());
    // Started: the popover page is loaded into its window (menubar preloads it). An error the
    // app logs on the way (menubar reports its own failures only on stderr) fails at once.
    const started = run.waitFor((call) => call.api === 'BrowserWindow.loadURL' && String(call.args[1]).includes('popover.html'));
    const failed = run.firstError.then((text) => Promise.reject(new Error(`the app logged an error while starting: ${text}`)));
    await Promise.race([started, failed]);
  });
  afterAll(() => run.stop());

  const popoverWindowId = (): unknown =>
    run.of('BrowserWindow.loadURL').find((call) => String(call.args[1]).includes('popover.html'))?.args[0];

  it('takes the single-instance lock and hides the Dock icon before any window exists', () => {
    const apis = run.calls.map((call) => call.api);
    expect(apis[0]).toBe('app.requestSingleInstanceLock');
    expect(run.of('app.requestSingleInstanceLock')[0]?.args[1]).toBe(true);
    expect(apis.indexOf('app.dock.hide')).toBeGreaterThan(-1);
    expect(apis.indexOf('app.dock.hide')).toBeLessThan(apis.indexOf('BrowserWindow.new'));
    expect(run.of('app.quit')).toEqual([]);
  });

  it('registers the app scheme as privileged before ready and serves it before a page loads', () => {
    const apis = run.calls.map((call) => call.api);
    expect(run.of('protocol.registerSchemesAsPrivileged')[0]?.args[1]).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(apis.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(apis.indexOf('protocol.handle'));
    expect(apis.indexOf('protocol.handle')).toBeLessThan(apis.indexOf('BrowserWindow.loadURL'));
  });

  it('handles exactly the invoke channels of the contract', () => {
    const handled = run.of('ipcMain.handle').map((call) => call.args[0]);
    expect([...handled].sort()).toEqual(INVOKE_CHANNELS.map(invokeWireName).sort());
  });

  it('answers a renderer invoke through the real core, which reached Kimi with the API key', async () => {
    const reply = (await run.invoke('refresh', undefined)) as { ok: boolean };
    expect(reply.ok).toBe(true);
    const state = (await run.invoke('getState', undefined)) as { ok: true; value: unknown };
    expect(state.ok).toBe(true);
    const snapshot = AppStateSchema.parse(state.value).snapshot;
    const fiveHour = snapshot?.windows.find((window) => window.id === '5h');
    expect(fiveHour).toMatchObject({ used: 50, limit: 200 });
    expect(kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    // Through Electron's network stack (net.fetch), unlike the command line.
    expect(run.of('net.fetch').some((call) => String(call.args[0]).startsWith(kimi.url))).toBe(true);
  });

  it.each(['subframe', 'other-origin', 'other-contents'] as const)('refuses an invoke from %s', async (sender) => {
    const before = run.of('BrowserWindow.new').length;
    expect(await run.invoke('getSettings', undefined, sender)).toEqual({ ok: false, error: INVALID_REQUEST });
    expect(await run.invoke('openSettings', { pane: 'general' }, sender)).toEqual({ ok: false, error: INVALID_REQUEST });
    expect(run.of('BrowserWindow.new')).toHaveLength(before);
  });

  it('gives every window locked-down web preferences and a preload that exists in dist', async () => {
    // The settings window too: opened the way the popover's gear button does.
    const from = run.calls.length;
    expect(await run.invoke('openSettings', { pane: 'general' })).toEqual({ ok: true, value: null });
    await run.waitFor((call) => call.api === 'BrowserWindow.loadURL' && String(call.args[1]).includes('settings.html'), from);

    const created = run.of('BrowserWindow.new');
    expect(created.length).toBeGreaterThanOrEqual(2);
    for (const call of created) {
      const options = call.args[1] as { webPreferences?: Record<string, unknown> };
      expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webviewTag: false });
      const preload = String(options.webPreferences?.preload);
      expect(relative(DIST, preload)).toBe(join('preload', 'index.cjs'));
      expect(existsSync(preload)).toBe(true);
    }
  });

  it('loads only pages that exist in dist, served by its own app-scheme handler', async () => {
    const loaded = run.of('BrowserWindow.loadURL').map((call) => String(call.args[1]));
    expect(loaded.some((url) => url.includes('popover.html'))).toBe(true);
    for (const url of loaded) {
      const resolved = resolveAppFile(url, RENDERER_DIR);
      expect(resolved.ok, url).toBe(true);
      if (resolved.ok) expect(existsSync(resolved.path), url).toBe(true);
      expect(await run.command({ type: 'app-get', url })).toEqual({ status: 200, contentType: 'text/html; charset=utf-8' });
    }
  });

  it('hardens every web contents and pushes events only to its own windows', () => {
    const windowIds = run.of('BrowserWindow.new').map((call) => call.args[0]);
    const hardened = run.of('webContents.setWindowOpenHandler');
    for (const id of windowIds) expect(hardened.find((call) => call.args[0] === id)?.args[1]).toEqual({ action: 'deny' });
    expect(run.of('session.setPermissionRequestHandler').map((call) => call.args[0])).toContain('default');
    const pushedTo = new Set(run.of('webContents.send').map((call) => call.args[0]));
    expect(pushedTo.size).toBeGreaterThan(0);
    for (const id of pushedTo) expect(windowIds).toContain(id);
  });

  it('never hands the API key to Electron or to a page (push events included)', () => {
    expect(run.of('webContents.send').some((call) => call.args[1] === 'kimibar:event:state')).toBe(true);
    expect(JSON.stringify(run.calls)).not.toContain(API_KEY);
  });

  it('shows the popover when the tray icon is clicked', async () => {
    const from = run.calls.length;
    await run.command({ type: 'tray-click' });
    const shown = await run.waitFor((call) => call.api === 'BrowserWindow.show', from);
    expect(shown.args[0]).toBe(popoverWindowId());
  });

  it('sizes the popover to the height its page asks for, within the work area under the menu bar', async () => {
    const id = popoverWindowId();
    let from = run.calls.length;
    expect(await run.invoke('fitPopover', { height: 512 })).toEqual({ ok: true, value: null });
    const fitted = await run.waitFor((call) => call.api === 'BrowserWindow.setBounds' && call.args[0] === id, from);
    // Resizable while it is resized (some window managers refuse otherwise), not after.
    expect(fitted.args.slice(1)).toEqual([expect.objectContaining({ width: 360, height: 512 }), true]);
    from = run.calls.length;
    expect(await run.invoke('fitPopover', { height: 4000 })).toEqual({ ok: true, value: null });
    const capped = await run.waitFor((call) => call.api === 'BrowserWindow.setBounds' && call.args[0] === id, from);
    // The double's screen: a 900-point display whose work area starts under a 24-point menu bar.
    expect(capped.args[1]).toMatchObject({ y: 24, height: 876 });
    expect(await run.invoke('fitPopover', { height: -1 })).toEqual({ ok: false, error: INVALID_REQUEST });
  });

  it('hides the popover when its page asks (Escape)', async () => {
    const id = popoverWindowId();
    const shownOrHidden = run.calls.filter((call) => (call.api === 'BrowserWindow.show' || call.api === 'BrowserWindow.hide') && call.args[0] === id);
    if (shownOrHidden.at(-1)?.api !== 'BrowserWindow.show') {
      const before = run.calls.length;
      await run.command({ type: 'tray-click' });
      await run.waitFor((call) => call.api === 'BrowserWindow.show', before);
    }
    const from = run.calls.length;
    expect(await run.invoke('closePopover', undefined)).toEqual({ ok: true, value: null });
    const hidden = await run.waitFor((call) => call.api === 'BrowserWindow.hide', from);
    expect(hidden.args[0]).toBe(popoverWindowId());
  });

  it('shows the notification the core decided when the 5-hour window drops past its thresholds', async () => {
    // The first reading was the baseline (three quarters left); now only 5 of 200 are.
    fiveHourLeft = 5;
    expect(run.of('Notification.new')).toEqual([]);
    expect(await run.invoke('refresh', undefined)).toMatchObject({ ok: true });
    const shown = await run.waitFor((call) => call.api === 'Notification.new');
    // One notification for the lowest threshold crossed (20 %), in the user's language.
    const options = shown.args[0] as { title: string; body: string };
    expect(options.title).toBe('5-hour: 3% left');
    expect(options.body).toContain(t('en', 'notify.threshold.body', { threshold: 20 }));
    expect(run.of('Notification.new')).toHaveLength(1);
    expect(run.of('Notification.show')).toHaveLength(1);
    // A click on it opens the popover.
    const from = run.calls.length;
    await run.command({ type: 'notification-click' });
    const shownPopover = await run.waitFor((call) => call.api === 'BrowserWindow.show', from);
    expect(shownPopover.args[0]).toBe(popoverWindowId());
  });

  it('writes and removes the login item as the settings say', async () => {
    const entry = join(home, '.config', 'autostart', 'kimibar.desktop');
    expect(existsSync(entry)).toBe(false);
    const on = (await run.invoke('updateSettings', { general: { launchAtLogin: true } })) as { ok: boolean };
    expect(on.ok).toBe(true);
    // Not packaged (run from the checkout): the login item starts this Node with the app folder.
    expect(readFileSync(entry, 'utf8')).toContain(`Exec="${process.execPath}" "${ROOT}"`);
    const off = (await run.invoke('updateSettings', { general: { launchAtLogin: false } })) as { ok: boolean };
    expect(off.ok).toBe(true);
    expect(existsSync(entry)).toBe(false);
  });

  it('quits from the tray menu, stopping its IPC handlers and removing the tray', async () => {
    await run.command({ type: 'tray-menu-click', label: t('en', 'menu.quit') });
    expect(await run.exited).toBe(0);
    expect(run.of('app.quit')).toHaveLength(1);
    expect(run.of('Tray.destroy')).toHaveLength(1);
    expect(run.of('ipcMain.removeHandler').map((call) => call.args[0]).sort()).toEqual(INVOKE_CHANNELS.map(invokeWireName).sort());
    expect(run.stderr).toBe('');
  });
});
