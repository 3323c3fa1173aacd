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
import type { SecretStore } from '../../src/main/core/ports.js';
import { CODE_API_USAGE, startFakeKimi, type FakeKimi } from '../fake-kimi/index.js';
import { DENIED_403, QUOTA_403 } from '../fixtures/kimi/forbidden-403.js';

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

async function runtimeWith(env: Record<string, string> = {}, secrets?: SecretStore) {
  return createRuntime({
    env: { KIMIBAR_CONFIG_DIR: join(home, 'config'), ...env },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets: secrets ?? (await createSecretStore({ keytar: null })),
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

// Auto's order puts the API key before the CLI login; both are set up here, and the fake answers
// the API key with a 403 and the CLI token with numbers.
describe('Auto after the API key gets a 403', () => {
  const API_KEY = 'sk-kimi-runtime-test-key-0123456789';

  async function withKeyAnswered(reply: { status: number; body: unknown }) {
    writeCliLogin(900);
    const secrets = await createSecretStore({ keytar: null });
    await secrets.set('api-key', API_KEY);
    kimi.on('usages', (request) => (request.headers.authorization === `Bearer ${API_KEY}` ? reply : { body: CODE_API_USAGE }));
    return { secrets, runtime: await runtimeWith({}, secrets) };
  }

  it('stops at a spent quota: it is the account’s answer, so the key is kept and nothing else is tried', async () => {
    const { secrets, runtime } = await withKeyAnswered({ status: 403, body: QUOTA_403.weekly });
    await expect(runtime.fetchSnapshot()).rejects.toMatchObject({ code: 'quota-exhausted', window: 'weekly', exitCode: 1 });
    expect(kimi.requestsTo('usages')).toHaveLength(1);
    expect(kimi.requestsCarrying('cli-access-token')).toEqual([]);
    expect(await secrets.get('api-key')).toBe(API_KEY);
    // Auto did not switch: the settings still name no source that worked.
    expect(runtime.settings.get().kimi.lastAutoSource).toBeNull();
    runtime.close();
  });

  it('moves on after a 403 that is not about the quota, and keeps the key', async () => {
    const { secrets, runtime } = await withKeyAnswered({ status: 403, body: DENIED_403.clientNotAllowed });
    const { credential, attempts } = await runtime.fetchSnapshot();
    expect(credential.kind).toBe('kimi-cli');
    expect(attempts.map((a) => [a.source, a.error.code])).toEqual([
      ['api-key', 'permission-denied'],
      ['kimi-account', 'not-signed-in'],
    ]);
    expect(await secrets.get('api-key')).toBe(API_KEY);
    runtime.close();
  });

  it('reads a 401 as an invalid key and moves on, as before', async () => {
    const { secrets, runtime } = await withKeyAnswered({ status: 401, body: { error: { type: 'invalid_authentication_error', message: 'Invalid Authentication' } } });
    const { credential, attempts } = await runtime.fetchSnapshot();
    expect(credential.kind).toBe('kimi-cli');
    expect(attempts[0]?.error.code).toBe('api-key-invalid');
    expect(await secrets.get('api-key')).toBe(API_KEY);
    runtime.close();
  });
});
