// The composed core, in process: Auto reaching the Kimi Code CLI's login. The CLI credential
// is never sent to an overridden base URL, so this test keeps the real api.kimi.com URL and
// routes it to fake-kimi at the transport (the thinnest seam: where the request leaves).
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTransport, type Transport } from '../../src/main/core/kimi/transport.js';
import { createRuntime } from '../../src/main/core/runtime.js';
import { createSecretStore } from '../../src/main/core/settings/secrets.js';
import type { CookieImporter } from '../../src/main/core/cookies/types.js';
import { startFakeKimi, type FakeKimi } from '../fake-kimi/index.js';

let kimi: FakeKimi;
let home: string;

beforeAll(async () => {
  kimi = await startFakeKimi();
});
afterAll(async () => {
  await kimi.close();
});
beforeEach(() => {
  kimi.reset();
  home = mkdtempSync(join(tmpdir(), 'kimibar-runtime-'));
});

function routedTo(fake: FakeKimi): Transport {
  const real = createTransport();
  return (request) => real({ ...request, url: request.url.replace('https://api.kimi.com', fake.url) });
}

const noBrowsers: CookieImporter = { importKimiAuth: async () => ({ found: null, reports: [] }) };

async function runtimeWith(env: Record<string, string> = {}) {
  return createRuntime({
    env: { KIMIBAR_CONFIG_DIR: join(home, 'config'), ...env },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets: await createSecretStore({ keytar: null }),
    cookies: noBrowsers,
    transport: routedTo(kimi),
  });
}

function writeCliLogin(expiresInSeconds: number): string {
  const dir = join(home, '.kimi-code', 'credentials');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'kimi-code.json');
  writeFileSync(path, JSON.stringify({ access_token: 'cli-access-token', refresh_token: 'cli-refresh', expires_at: Date.now() / 1000 + expiresInSeconds }));
  return path;
}

describe('Auto with only a Kimi Code CLI login', () => {
  it('uses the CLI token with identity headers and leaves the file untouched', async () => {
    const path = writeCliLogin(900);
    const before = { bytes: readFileSync(path, 'utf8'), mtime: statSync(path).mtimeMs };
    const runtime = await runtimeWith();

    const { value: snapshot, credential, attempts } = await runtime.fetchSnapshot();
    expect(credential.kind).toBe('kimi-cli');
    expect(snapshot.source).toEqual({ kind: 'kimi-cli', label: 'Kimi Code CLI' });
    expect(snapshot.windows.map((w) => w.id)).toEqual(['5h', 'weekly']);
    expect(attempts.map((a) => [a.source, a.error.code])).toEqual([
      ['api-key', 'api-key-missing'],
      ['kimi-account', 'not-signed-in'],
    ]);

    const [request] = kimi.requestsTo('usages');
    expect(request?.headers.authorization).toBe('Bearer cli-access-token');
    expect(request?.headers['x-msh-device-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(request?.headers['x-msh-version']).toBe('0.0.0-test');
    expect(readFileSync(path, 'utf8')).toBe(before.bytes);
    expect(statSync(path).mtimeMs).toBe(before.mtime);

    // The settings remember which source Auto used, for the settings screen.
    expect(runtime.settings.get().kimi.lastAutoSource).toBe('kimi-cli');
    runtime.close();
  });

  it('skips the CLI login when a base-URL override is set, so its token never goes there', async () => {
    writeCliLogin(900);
    const runtime = await runtimeWith({ KIMI_CODE_BASE_URL: kimi.url });
    await expect(runtime.fetchSnapshot()).rejects.toMatchObject({ message: 'Kimi auth token is missing' });
    expect(kimi.requestsCarrying('cli-access-token')).toEqual([]);
    runtime.close();
  });

  it('skips a login that expires within a minute', async () => {
    writeCliLogin(30);
    const runtime = await runtimeWith();
    await expect(runtime.fetchSnapshot()).rejects.toMatchObject({ code: 'auth-missing' });
    expect(kimi.requests).toEqual([]);
    runtime.close();
  });

  it('records each successful refresh in the history database', async () => {
    writeCliLogin(900);
    const runtime = await runtimeWith();
    await runtime.fetchSnapshot();
    const rows = runtime.history().entries({ from: 0, to: Date.now() + 1000 });
    expect(rows.map((r) => [r.windowId, r.used, r.limit, r.sourceKind])).toEqual(
      expect.arrayContaining([
        ['5h', 139, 200, 'kimi-cli'],
        ['weekly', 214, 2048, 'kimi-cli'],
      ]),
    );
    runtime.close();
  });
});
