// A new kimi.com user as KimiBar meets them: the site set no kimi-auth cookie and keeps its
// access token in local storage. The real Chromium signs in to (a local) www.kimi.com and writes
// its local storage; then `kimibar cookies` finds the token and `kimibar usage --source web`
// sends it to fake-kimi.
import { ClassicLevel } from 'classic-level';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageSnapshotSchema } from '../../src/shared/usage.js';
import { fakeJwt, startFakeKimi, type FakeKimi } from '../fake-kimi/index.js';
import { makeTempHome, type TempHome } from '../fixtures/cookies/home.js';
import { startKimiStorageServer, visitKimiWithChromium, type KimiStorageServer } from '../fixtures/cookies/real-chromium.js';
import { cliSandbox } from './run-cli.js';

const issuedAt = Math.floor(Date.now() / 1000);
const ACCESS = fakeJwt({ sub: 'site-user', iat: issuedAt, exp: issuedAt + 3600 });
const REFRESH = fakeJwt({ sub: 'site-user', typ: 'refresh', exp: issuedAt + 90 * 86_400 });
let site: KimiStorageServer;
let kimi: FakeKimi;
let home: TempHome;

/** Whether Chromium's local storage on disk holds the site's access token (read from a copy). */
async function tokenOnDisk(folder: string): Promise<boolean> {
  if (!existsSync(join(folder, 'CURRENT'))) return false;
  const copy = mkdtempSync(join(tmpdir(), 'kimibar-ls-check-'));
  try {
    cpSync(folder, copy, { recursive: true });
    rmSync(join(copy, 'LOCK'), { force: true });
    const db = new ClassicLevel<Buffer, Buffer>(copy, { keyEncoding: 'buffer', valueEncoding: 'buffer', createIfMissing: false });
    await db.open();
    try {
      return (await db.get(Buffer.from('_https://www.kimi.com\x00\x01access_token', 'latin1'))) !== undefined;
    } finally {
      await db.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  site = await startKimiStorageServer({ access_token: ACCESS, refresh_token: REFRESH });
  kimi = await startFakeKimi();
  home = makeTempHome();
  const userDataDir = home.path('.config/chromium');
  const folder = join(userDataDir, 'Default/Local Storage/leveldb');
  // A graceful exit flushes local storage; the visit is repeated (bounded) until it is on disk.
  for (let attempt = 0; attempt < 3 && !(await tokenOnDisk(folder)); attempt += 1) {
    await visitKimiWithChromium({ userDataDir, port: site.port, passwordStore: 'basic', env: { ...process.env, HOME: home.home } });
  }
});
afterAll(async () => {
  await site.close();
  await kimi.close();
  home.remove();
});

describe('a HOME whose Chromium holds only the site token in local storage', () => {
  it('kimibar cookies reports it as found in the site storage, and usage --source web sends it', async () => {
    expect(await tokenOnDisk(home.path('.config/chromium/Default/Local Storage/leveldb'))).toBe(true);
    const sandbox = cliSandbox(kimi.url, { HOME: home.home, XDG_CONFIG_HOME: join(home.home, '.config') });

    const cookies = await sandbox.run(['cookies', '--json']);
    expect(cookies.code).toBe(0);
    const report = JSON.parse(cookies.stdout) as {
      found: { browser: string; expiresAt: string } | null;
      reports: { browser: string; status: string; expiresAt: string | null; detail: string | null }[];
    };
    const expiresAt = new Date((issuedAt + 3600) * 1000).toISOString();
    expect(report.found).toMatchObject({ browser: 'chromium', expiresAt });
    expect(report.reports).toContainEqual(expect.objectContaining({ browser: 'chromium', status: 'found', expiresAt, detail: "from the site's local storage, not a cookie" }));
    expect(cookies.stdout).not.toContain(ACCESS);
    expect(cookies.stdout).not.toContain(REFRESH);

    const text = await sandbox.run(['cookies']);
    expect(text.stdout).toMatch(/Chromium .* found \(expires .*; from the site's local storage, not a cookie\)/);

    const usage = await sandbox.run(['usage', '--source', 'web', '--json']);
    expect(usage.stderr).toBe('');
    const snapshot = UsageSnapshotSchema.parse(JSON.parse(usage.stdout));
    expect(snapshot.source).toMatchObject({ kind: 'web' });
    expect(snapshot.source.label).toMatch(/^Kimi web session \(Chromium · .+\)$/);
    const sent = kimi.requestsTo('webUsages').at(-1)?.headers;
    expect(sent?.authorization).toBe(`Bearer ${ACCESS}`);
    expect(usage.stdout).not.toContain(ACCESS);
    // The browser's refresh token is never sent anywhere: renewing it would sign the browser out.
    expect(kimi.requestsCarrying(REFRESH)).toEqual([]);
    expect(kimi.requestsCarrying(ACCESS).length).toBeGreaterThan(0);
  });
});
