// The end-to-end rig: the renderer built for real (esbuild), served by the preview bridge over
// the real app core (createAppCore over createRuntime) — real settings file in a temporary
// folder, the real keyring (a throw-away gnome-keyring from scripts/with-keyring.sh), the real
// cookie importer over an empty home, and test/fake-kimi over HTTPS in place of Kimi — driven
// in Debian's Chromium. Only the shell (what Electron does) is a recording stand-in.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import { chromium } from 'playwright';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createTransport } from '../../src/main/core/kimi/transport.js';
import type { Clock } from '../../src/main/core/ports.js';
import { SECRET_ACCOUNTS } from '../../src/main/core/ports.js';
import { createRuntime, type Runtime } from '../../src/main/core/runtime.js';
import type { ShellPorts } from '../../src/main/core/service/shell-ports.js';
import { createSecretStore, deleteAccountSecrets } from '../../src/main/core/settings/secrets.js';
import { addAccount } from '../../src/main/core/accounts/manage.js';
import { browserShellPorts } from '../../src/main/preview/browser-shell.js';
import { createDemoRuntime } from '../../src/main/preview/demo/demo-runtime.js';
import { startPreviewApp, type PreviewApp } from '../../src/main/preview/preview-app.js';
import { timeLapseClock } from '../../src/main/preview/preview-options.js';
import { byBearer, codeApiUsageBody, startFakeKimi, type FakeKimi, type Reply, type UsageNumbers } from '../fake-kimi/index.js';
export type { UsageNumbers } from '../fake-kimi/index.js';

const root = resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = join(root, 'artifacts/screenshots');
export const API_KEY = 'sk-kimi-e2e-preset-0123456789abcdef';

/** Builds the renderer once into a private folder (never the shared dist/). */
export function buildRenderer(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kimibar-e2e-'));
  execFileSync(process.execPath, [join(root, 'scripts/build-renderer.mjs'), '--out', dir], { stdio: 'pipe' });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Preview {
  readonly app: PreviewApp;
  readonly runtime: Runtime;
  readonly kimi: FakeKimi;
  /** The app's home folder (empty: no browsers, no Kimi CLI) for tests to furnish. */
  readonly home: string;
  /** The keyring service this preview's secrets live under (secret-tool lookup service <it> …). */
  readonly keyringService: string;
  /** The settings file the app writes. */
  readonly settingsFile: string;
  readonly clock: Clock;
  /** URLs the app asked to open, and settings panes it asked to show. */
  readonly opened: string[];
  readonly settingsOpened: string[];
  /** Heights the popover page asked its window for (fitPopover), in order. */
  readonly popoverHeights: number[];
  /** One entry per time the popover page asked to be closed (Escape). */
  readonly popoverCloses: string[];
  readonly url: string;
  close(): Promise<void>;
}

export interface PreviewOptions {
  /** The app's time runs this many times faster than real time (the fake server follows it). */
  readonly speed?: number;
  /** Start without any credential; otherwise an API key is in the keyring from the start. */
  readonly signedOut?: boolean;
  /**
   * Kimi's own hosts, as a Kimi Code CLI login names them: no KIMI_CODE_BASE_URL or
   * KIMI_CODE_OAUTH_HOST (each picks another CLI login slot), and the transport carries
   * requests for api.kimi.com and auth.kimi.com to the fake server instead. A CLI login is only
   * ever sent to Kimi's own server, so this is how one can be used here.
   */
  readonly kimiHosts?: boolean;
  /**
   * More accounts after the first ("Kimi", with API_KEY unless signed out), each with its own
   * API key in the keyring and, by that key, its own answer from fake-kimi (`usage`: numbers,
   * or any reply — a 401, a 500 — for an account in error). The first account answers 139/214.
   */
  readonly accounts?: readonly PreviewAccount[];
}

export interface PreviewAccount {
  readonly name: string;
  readonly apiKey: string;
  readonly usage?: UsageNumbers | Reply;
}

/** What the Code API sends for these numbers, resetting 3½ h and 4 days after `nowMs`. */
export function codeApiReply(numbers: UsageNumbers, nowMs: number): Reply {
  return { body: codeApiUsageBody(numbers, nowMs) };
}

function requireTestKeyring(): void {
  if (!process.env.KIMIBAR_TEST_KEYRING) {
    throw new Error('the e2e tests use the real keyring: run under dbus-run-session -- scripts/with-keyring.sh npx vitest run test/e2e');
  }
}

export async function startPreview(buildDir: string, options: PreviewOptions = {}): Promise<Preview> {
  requireTestKeyring();
  const kimi = await startFakeKimi();
  const clock = timeLapseClock(options.speed ?? 1);
  const firstAccount = (): Reply => codeApiReply({ fiveHourUsed: 139, weeklyUsed: 214 }, clock.now());
  const extra = options.accounts ?? [];
  const replyFor = (usage: UsageNumbers | Reply | undefined) => (): Reply =>
    usage === undefined ? firstAccount() : 'fiveHourUsed' in usage ? codeApiReply(usage, clock.now()) : usage;
  // Several accounts: each key gets its own numbers; any other credential the first account's.
  kimi.on('usages', extra.length === 0 ? firstAccount : byBearer(new Map(extra.map((account) => [account.apiKey, replyFor(account.usage)])), firstAccount));
  const home = mkdtempSync(join(tmpdir(), 'kimibar-e2e-home-'));
  const configDir = join(home, 'config');
  const keyringService = `KimiBar-e2e-${randomUUID()}`;
  const secrets = await createSecretStore({ service: keyringService });
  if (!(await secrets.persistent())) throw new Error(`the test keyring does not answer: ${secrets.notice?.message ?? ''}`);
  if (!options.signedOut) await secrets.set('api-key', API_KEY);
  const kimiHostsEnv = options.kimiHosts ? {} : { KIMI_CODE_BASE_URL: kimi.url, KIMI_CODE_OAUTH_HOST: kimi.url };
  const real = createTransport();
  const runtime = await createRuntime({
    env: { HOME: home, KIMIBAR_CONFIG_DIR: configDir, KIMIBAR_WEB_BASE_URL: kimi.url, ...kimiHostsEnv },
    platform: 'linux',
    home,
    appVersion: '0.0.0-e2e',
    clock,
    secrets,
    ...(options.kimiHosts ? { transport: (request) => real({ ...request, url: request.url.replace(/^https:\/\/(api|auth)\.kimi\.(com|ai)(?=\/)/, kimi.url) }) } : {}),
  });
  const extraIds: string[] = [];
  for (const account of extra) {
    const added = addAccount(runtime, { name: account.name, usageSource: 'api' });
    await runtime.account(added.id).secrets.set('api-key', account.apiKey);
    extraIds.push(added.id);
  }
  const opened: string[] = [];
  const settingsOpened: string[] = [];
  const popoverHeights: number[] = [];
  const popoverCloses: string[] = [];
  const shell: ShellPorts = {
    ...browserShellPorts({ openUrl: async (url) => void opened.push(url), quit: () => undefined, log: () => undefined }),
    openSettings: (pane) => void settingsOpened.push(pane),
    fitPopover: (height) => void popoverHeights.push(height),
    closePopover: () => void popoverCloses.push('close'),
  };
  const app = await startPreviewApp({
    runtime,
    shell,
    rendererDir: join(buildDir, 'renderer'),
    previewDir: join(buildDir, 'preview', 'public'),
  });
  return {
    app,
    runtime,
    kimi,
    home,
    keyringService,
    settingsFile: join(configDir, 'config.json'),
    clock,
    opened,
    settingsOpened,
    popoverHeights,
    popoverCloses,
    url: app.server.url,
    async close() {
      await app.close();
      await Promise.all(SECRET_ACCOUNTS.map((account) => secrets.delete(account)));
      await Promise.all(extraIds.map((id) => deleteAccountSecrets(secrets, id)));
      await kimi.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** `npm run demo`'s app: the same core over the simulated Kimi service (`accounts`: as
 *  `npm run demo -- --accounts N`, 1 by default). */
export async function startDemoPreview(buildDir: string, options: { accounts?: number } = {}): Promise<{ app: PreviewApp; close(): Promise<void> }> {
  const demo = await createDemoRuntime({ speed: 1, signedOut: false, accounts: options.accounts });
  const app = await startPreviewApp({
    runtime: demo.runtime,
    shell: browserShellPorts({ openUrl: async () => undefined, quit: () => undefined, log: () => undefined }),
    rendererDir: join(buildDir, 'renderer'),
    previewDir: join(buildDir, 'preview', 'public'),
  });
  return {
    app,
    async close() {
      await app.close();
      demo.remove();
    },
  };
}

/** The settings file as the app wrote it. */
export function readSettingsFile(preview: Preview): { accounts: Array<Record<string, unknown>>; general: Record<string, unknown> } {
  return JSON.parse(readFileSync(preview.settingsFile, 'utf8')) as { accounts: Array<Record<string, unknown>>; general: Record<string, unknown> };
}

/** What `secret-tool` (libsecret, outside our process) finds in the keyring. */
export function keyringLookup(service: string, account: string): string {
  try {
    return execFileSync('secret-tool', ['lookup', 'service', service, 'account', account], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface PageOptions {
  readonly colorScheme?: 'light' | 'dark';
  readonly locale?: string;
  readonly width?: number;
  readonly height?: number;
}

export async function openPage(browser: Browser, url: string, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    viewport: { width: options.width ?? 360, height: options.height ?? 640 },
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(url);
  Object.defineProperty(page, 'problems', { value: problems });
  return { context, page };
}

/** Uncaught errors and console errors the page reported (CSP violations land here too). */
export function pageProblems(page: Page): readonly string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/**
 * Everything the bridge sends a page: each invoke reply (as Chromium received it) and the push
 * event stream (read over the bridge with the page's own token), as text.
 */
export async function recordBridgeTraffic(page: Page, serverUrl: string): Promise<{ text(): string; stop(): void }> {
  const chunks: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/__bridge/invoke/')) void response.text().then((body) => chunks.push(body), () => undefined);
  });
  const token = (await page.locator('meta[name="kimibar-bridge"]').getAttribute('content')) ?? '';
  const abort = new AbortController();
  const stream = await fetch(`${serverUrl}__bridge/events?token=${token}`, { signal: abort.signal });
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      chunks.push(decoder.decode(value));
    }
  })().catch(() => undefined);
  return { text: () => chunks.join('\n'), stop: () => abort.abort() };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}

export interface PreviewRig {
  /** The file's Chromium (launched before its first test). */
  readonly browser: Browser;
  /** Starts a preview over the renderer built for this file; it is closed after the test. */
  startPreview(options?: PreviewOptions): Promise<Preview>;
}

/** The lifecycle most e2e files share: the renderer built once and one Chromium per file, and
 *  each test's preview closed after it (so a failing test never leaks a server into the next). */
export function usePreviewRig(): PreviewRig {
  let build: ReturnType<typeof buildRenderer> | null = null;
  let browser: Browser | null = null;
  const open: Preview[] = [];
  beforeAll(async () => {
    build = buildRenderer();
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const preview of open.splice(0)) await preview.close();
  });
  afterAll(async () => {
    await browser?.close();
    build?.remove();
  });
  return {
    get browser(): Browser {
      if (browser === null) throw new Error('the e2e rig is used before its beforeAll ran');
      return browser;
    },
    async startPreview(options?: PreviewOptions): Promise<Preview> {
      if (build === null) throw new Error('the e2e rig is used before its beforeAll ran');
      const preview = await startPreview(build.dir, options);
      open.push(preview);
      return preview;
    },
  };
}
