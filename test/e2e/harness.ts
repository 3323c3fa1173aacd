// The end-to-end rig: the renderer built for real (esbuild), served by the preview bridge,
// driven in Debian's Chromium. The backend is the demo (the real controller over the simulated
// Kimi service); when the app wiring lands, `startBackend` is the one place that changes to the
// real core pointed at test/fake-kimi.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright';
import { chromium } from 'playwright';
import type { BridgeServer } from '../../src/main/preview/bridge-server.js';
import { startBridgeServer } from '../../src/main/preview/bridge-server.js';
import type { DemoBackend } from '../../src/main/preview/demo/demo-backend.js';
import { createDemoBackend } from '../../src/main/preview/demo/demo-backend.js';
import { timeLapseClock } from '../../src/main/preview/preview-options.js';

const root = resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = join(root, 'artifacts/screenshots');

/** Builds the renderer once into a private folder (never the shared dist/). */
export function buildRenderer(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kimibar-e2e-'));
  execFileSync(process.execPath, [join(root, 'scripts/build-renderer.mjs'), '--out', dir], { stdio: 'pipe' });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Preview {
  readonly server: BridgeServer;
  readonly backend: DemoBackend;
  /** URLs the app asked to open, and settings panes it asked to show. */
  readonly opened: string[];
  readonly settingsOpened: string[];
  close(): Promise<void>;
}

export interface PreviewOptions {
  /** Demo time runs this many times faster than real time. */
  readonly speed?: number;
  /** Start without any credential. */
  readonly signedOut?: boolean;
}

export async function startPreview(buildDir: string, options: PreviewOptions = {}): Promise<Preview> {
  const opened: string[] = [];
  const settingsOpened: string[] = [];
  const backend = startBackend(options, opened, settingsOpened);
  const server = await startBridgeServer({
    handlers: backend,
    rendererDir: join(buildDir, 'renderer'),
    previewDir: join(buildDir, 'preview', 'public'),
  });
  backend.start();
  return {
    server,
    backend,
    opened,
    settingsOpened,
    async close() {
      backend.stop();
      await server.close();
    },
  };
}

function startBackend(options: PreviewOptions, opened: string[], settingsOpened: string[]): DemoBackend {
  return createDemoBackend({
    clock: timeLapseClock(options.speed ?? 1),
    signedOut: options.signedOut,
    openUrl: async (url) => void opened.push(url),
    onOpenSettings: (pane) => void settingsOpened.push(pane),
    onQuit: () => undefined,
    deviceLoginDelayMs: 300,
  });
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
    viewport: { width: options.width ?? 360, height: options.height ?? 560 },
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

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}
