// The preview entry (what `npm run preview` and `npm run demo` start) as a real child process:
// real mode reads the user's environment, settings folder and keychain and talks to Kimi (here
// fake-kimi); demo mode runs the same core over the simulated service. Quit from the page stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { settingsNoticeText } from '../../src/main/core/app/notification-text.js';
import { SettingsSchema } from '../../src/shared/settings.js';
import { startFakeKimi, type FakeKimi } from '../fake-kimi/index.js';

const root = resolve(import.meta.dirname, '../..');
let outDir: string;
let kimi: FakeKimi;

beforeAll(async () => {
  // Inside the project (.tmp is git-ignored) so the bundle's packages resolve from node_modules.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  outDir = mkdtempSync(join(root, '.tmp', 'preview-'));
  await build({ entryPoints: [join(root, 'src/main/preview/server.ts')], outfile: join(outDir, 'preview/server.js'), bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent' });
  execFileSync(process.execPath, [join(root, 'scripts/build-renderer.mjs'), '--out', outDir], { stdio: 'pipe' });
  kimi = await startFakeKimi();
});

afterAll(async () => {
  await kimi?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  invoke(channel: string, request?: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }>;
  exited: Promise<number | null>;
}

async function startServer(args: string[], env: NodeJS.ProcessEnv): Promise<Running> {
  const child = spawn(process.execPath, [join(outDir, 'preview/server.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  await expect.poll(() => /http:\/\/127\.0\.0\.1:\d+\//.test(output) || child.exitCode !== null, { timeout: 15_000 }).toBe(true);
  const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output)?.[0];
  if (url === undefined) throw new Error(`the preview did not start: ${output}`);
  const token = /name="kimibar-bridge" content="([^"]+)"/.exec(await (await fetch(`${url}popover.html`)).text())?.[1] ?? '';
  const invoke = async (channel: string, request?: unknown) =>
    (await (await fetch(`${url}__bridge/invoke/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-kimibar-bridge': token }, body: request === undefined ? '' : JSON.stringify(request) })).json()) as { ok: boolean; value?: unknown };
  return { child, url, output: () => output, invoke, exited };
}

function sandbox(): { home: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(join(tmpdir(), 'kimibar-preview-home-'));
  return {
    home,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
      DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
      KIMIBAR_CONFIG_DIR: join(home, 'config'),
      // A keychain service of its own: the test never reads or writes a person's KimiBar items.
      KIMIBAR_KEYCHAIN_SERVICE: `KimiBar-preview-test-${home.slice(-6)}`,
      KIMI_CODE_BASE_URL: kimi.url,
      KIMIBAR_WEB_BASE_URL: kimi.url,
      KIMI_CODE_OAUTH_HOST: kimi.url,
    },
  };
}

type StateView = { snapshot: { source: { kind: string }; windows: { id: string; used?: number }[] } | null };

describe('preview server', () => {
  test('real mode: the user’s environment, settings folder and Kimi; settings land in the user’s file; Quit stops it', async () => {
    const { home, env } = sandbox();
    const running = await startServer([], { ...env, KIMI_CODE_API_KEY: 'sk-kimi-from-env-0123' });
    try {
      expect(running.output()).toContain(`settings in ${join(home, 'config')}`);
      await expect.poll(async () => ((await running.invoke('getState')).value as StateView).snapshot?.source.kind, { timeout: 10_000 }).toBe('api-key');
      const state = (await running.invoke('getState')).value as StateView;
      expect(state.snapshot?.windows.map((w) => [w.id, w.used])).toEqual([['5h', 139], ['weekly', 214]]);
      expect(kimi.requestsTo('usages').at(-1)?.headers.authorization).toBe('Bearer sk-kimi-from-env-0123');

      expect((await running.invoke('updateSettings', { kimi: { cookieSource: 'off' } })).ok).toBe(true);
      expect(SettingsSchema.parse(JSON.parse(readFileSync(join(home, 'config', 'config.json'), 'utf8'))).accounts[0]!.cookieSource).toBe('off');
      expect(await running.invoke('signInWeb')).toMatchObject({ ok: false, error: { code: 'usage', message: expect.stringContaining('needs the desktop app') as unknown } });

      await running.invoke('quit');
      expect(await running.exited).toBe(0);
    } finally {
      running.child.kill();
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('real mode: a damaged settings file is moved aside and announced in the desktop notification’s words', async () => {
    const { home, env } = sandbox();
    mkdirSync(join(home, 'config'), { recursive: true });
    writeFileSync(join(home, 'config', 'config.json'), '{"general": {');
    const running = await startServer([], { ...env, LANG: 'en_US.UTF-8' });
    try {
      const backup = readdirSync(join(home, 'config')).find((name) => name.startsWith('config.json.bak-'));
      expect(backup).toBeDefined();
      const notice = { reason: 'corrupt', path: join(home, 'config', 'config.json'), backupPath: join(home, 'config', backup!), message: '' } as const;
      const { title, body } = settingsNoticeText(notice, 'en');
      expect(title).toBe('KimiBar settings were reset');
      expect(running.output().split('\n')).toContain(`notification: ${title} — ${body}`);
      await running.invoke('quit');
      expect(await running.exited).toBe(0);
      expect(running.output().match(/notification: KimiBar settings/g)).toHaveLength(1);
    } finally {
      running.child.kill();
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('demo mode: simulated numbers in a temporary folder that is gone after Quit; the user’s folder is untouched', async () => {
    const { home, env } = sandbox();
    const before = kimi.requests.length;
    const running = await startServer(['--demo', '--speed', '60'], env);
    try {
      const folder = /files in (\S+) \(deleted on exit\)/.exec(running.output())?.[1] ?? '';
      expect(folder).not.toBe('');
      await expect.poll(async () => ((await running.invoke('getState')).value as StateView).snapshot?.windows.length, { timeout: 10_000 }).toBe(3);
      expect(kimi.requests.length).toBe(before);
      await running.invoke('quit');
      expect(await running.exited).toBe(0);
      expect(existsSync(folder)).toBe(false);
      expect(existsSync(join(home, 'config'))).toBe(false);
    } finally {
      running.child.kill();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
