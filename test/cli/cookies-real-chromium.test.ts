// Browser import's whole path as a user meets it: the real Chromium signs in to (a local) kimi.com and
// writes its cookie store; then `kimibar cookies` finds the cookie and `kimibar usage --source
// web` uses it against fake-kimi.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageSnapshotSchema } from '../../src/shared/usage.js';
import { makeTempHome } from '../fixtures/cookies/home.js';
import { startKimiCookieServer, visitKimiWithChromium, type KimiCookieServer } from '../fixtures/cookies/real-chromium.js';
import { fakeJwt, startFakeKimi, type FakeKimi } from '../fake-kimi/index.js';
import { cliSandbox } from './run-cli.js';

const TOKEN = fakeJwt({ sub: 'chromium-user', exp: Math.floor(Date.now() / 1000) + 86_400 });
let cookieSite: KimiCookieServer;
let kimi: FakeKimi;

beforeAll(async () => {
  cookieSite = await startKimiCookieServer(TOKEN, new Date(Math.floor(Date.now() / 1000) * 1000 + 2 * 86_400_000));
  kimi = await startFakeKimi();
});
afterAll(async () => {
  await cookieSite.close();
  await kimi.close();
});

function cookieRowWritten(store: string): boolean {
  if (!existsSync(store)) return false;
  try {
    const db = new Database(store, { readonly: true, fileMustExist: true, timeout: 0 });
    try {
      return db.prepare(`SELECT 1 FROM cookies WHERE name = 'kimi-auth'`).get() !== undefined;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

describe('a HOME holding a profile written by the real Chromium', () => {
  it('kimibar cookies reports the cookie, and usage --source web uses it', async () => {
    const home = makeTempHome();
    const userDataDir = home.path('.config/chromium');
    const store = join(userDataDir, 'Default/Cookies');
    // Chromium flushes its cookie store lazily: visit until the row is on disk (bounded).
    for (let attempt = 0; attempt < 3 && !cookieRowWritten(store); attempt += 1) {
      await visitKimiWithChromium({ userDataDir, port: cookieSite.port, passwordStore: 'basic', env: { ...process.env, HOME: home.home } });
    }
    expect(cookieRowWritten(store)).toBe(true);

    const sandbox = cliSandbox(kimi.url, { HOME: home.home, XDG_CONFIG_HOME: join(home.home, '.config') });
    const cookies = await sandbox.run(['cookies', '--json']);
    expect(cookies.code).toBe(0);
    const report = JSON.parse(cookies.stdout) as { found: { browser: string; profile: string; expiresAt: string } | null; reports: { browser: string; status: string }[] };
    expect(report.found).toMatchObject({ browser: 'chromium' });
    expect(Math.abs(Date.parse(report.found!.expiresAt) - cookieSite.expiresAt.getTime())).toBeLessThan(2000);
    expect(report.reports).toContainEqual(expect.objectContaining({ browser: 'chromium', status: 'found' }));
    expect(cookies.stdout).not.toContain(TOKEN);

    const text = await sandbox.run(['cookies']);
    expect(text.stdout).toMatch(/Chromium/);
    expect(text.stdout).not.toContain(TOKEN);

    const usage = await sandbox.run(['usage', '--source', 'web', '--json']);
    expect(usage.stderr).toBe('');
    const snapshot = UsageSnapshotSchema.parse(JSON.parse(usage.stdout));
    expect(snapshot.source.kind).toBe('web');
    expect(snapshot.source.label).toMatch(/^Kimi web cookie \(Chromium · .+\)$/);
    expect(snapshot.windows.map((w) => w.id)).toEqual(expect.arrayContaining(['5h', 'weekly']));
    expect(kimi.requestsTo('webUsages').at(-1)?.headers.cookie).toBe(`kimi-auth=${TOKEN}`);
  });
});
