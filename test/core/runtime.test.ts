// The composed core, in process: Auto reaching the Kimi Code CLI's login. A CLI login's token
// goes only to its own Kimi base URL (api.kimi.com or api.kimi.ai), never to an override, so
// this test keeps the real URLs and routes them to fake-kimi at the transport (the thinnest
// seam: where the request leaves), recording where each request was meant to go. The same
// path through real DNS and TLS is test/cli/cli-login-global.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/main/core/accounts/manage.js';
import { slotKey } from '../../src/main/core/auth/cli-login.js';
import { createTransport, type Transport } from '../../src/main/core/kimi/transport.js';
import { createRuntime } from '../../src/main/core/runtime.js';
import { createSecretStore } from '../../src/main/core/settings/secrets.js';
import type { CookieImporter } from '../../src/main/core/cookies/types.js';
import type { SecretStore } from '../../src/main/core/ports.js';
import { FIRST_ACCOUNT_ID } from '../../src/shared/accounts.js';
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
  requestedUrls = [];
  home = mkdtempSync(join(tmpdir(), 'kimibar-runtime-'));
});

/** The URLs requests were made to, before the seam moved them to fake-kimi. */
let requestedUrls: string[] = [];

function routedTo(fake: FakeKimi): Transport {
  const real = createTransport();
  return (request) => {
    requestedUrls.push(request.url);
    return real({ ...request, url: request.url.replace(/^https:\/\/api\.kimi\.(com|ai)(?=\/)/, fake.url) });
  };
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

    const { value: snapshot, credential, attempts } = await runtime.account().fetchSnapshot();
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
    expect(runtime.settings.get().accounts[0]!.lastAutoSource).toBe('kimi-cli');
    runtime.close();
  });

  it('never sends the login to a KIMI_CODE_BASE_URL override (the CLI reads another slot for it)', async () => {
    writeCliLogin(900);
    const runtime = await runtimeWith({ KIMI_CODE_BASE_URL: kimi.url });
    await expect(runtime.account().fetchSnapshot()).rejects.toMatchObject({ code: 'not-configured' });
    expect(kimi.requestsCarrying('cli-access-token')).toEqual([]);
    runtime.close();
  });

  it('skips the CLI login while the settings name an API base URL', async () => {
    writeCliLogin(900);
    const runtime = await runtimeWith();
    runtime.settings.update((draft) => void (draft.accounts[0]!.apiBaseUrl = kimi.url));
    await expect(runtime.account().fetchSnapshot({ mode: 'cli' })).rejects.toMatchObject({
      message: 'No usable Kimi Code CLI login found: not used while an API base URL override is set',
    });
    expect(kimi.requestsCarrying('cli-access-token')).toEqual([]);
    runtime.close();
  });

  it('skips a login that expires within a minute', async () => {
    writeCliLogin(30);
    const runtime = await runtimeWith();
    await expect(runtime.account().fetchSnapshot()).rejects.toMatchObject({ code: 'not-configured' });
    expect(kimi.requests).toEqual([]);
    runtime.close();
  });

  it('records each successful refresh in the history database', async () => {
    writeCliLogin(900);
    const runtime = await runtimeWith();
    await runtime.account().fetchSnapshot();
    const rows = runtime.history().entries(FIRST_ACCOUNT_ID, { from: 0, to: Date.now() + 1000 });
    expect(rows.map((r) => [r.windowId, r.used, r.limit, r.sourceKind])).toEqual(
      expect.arrayContaining([
        ['5h', 139, 200, 'kimi-cli'],
        ['weekly', 214, 2048, 'kimi-cli'],
      ]),
    );
    runtime.close();
  });

  it('records each account\'s refreshes as that account\'s', async () => {
    writeCliLogin(900);
    const runtime = await runtimeWith();
    const work = addAccount(runtime, { name: 'Work', usageSource: 'api' });
    await runtime.account(work.id).secrets.set('api-key', 'sk-kimi-runtime-second-account-0001');
    await runtime.account(work.id).fetchSnapshot();
    // The first account (selected) has no key of its own: Auto finds the CLI login.
    await runtime.account().fetchSnapshot();
    const sources = (account: string) => [...new Set(runtime.history().entries(account, { from: 0, to: Date.now() + 1000 }).map((row) => row.sourceKind))];
    expect(sources(FIRST_ACCOUNT_ID)).toEqual(['kimi-cli']);
    expect(sources(work.id)).toEqual(['api-key']);
    runtime.close();
  });
});

const GLOBAL_CONFIG = `[providers."managed:kimi-code"]
type = "kimi"
base_url = "https://api.kimi.ai/coding/v1"
api_key = ""
oauth = { storage = "file", key = "oauth/kimi-code-env-0e4f99c69cc27850", oauth_host = "https://auth.kimi.ai" }
`;

/** What `kimi login --region global` leaves behind: config.toml naming the login, and its token file. */
function writeGlobalCliLogin(kimiHome = join(home, '.kimi-code')): string {
  mkdirSync(join(kimiHome, 'credentials'), { recursive: true });
  writeFileSync(join(kimiHome, 'config.toml'), GLOBAL_CONFIG);
  const path = join(kimiHome, 'credentials', 'kimi-code-env-0e4f99c69cc27850.json');
  writeFileSync(path, JSON.stringify({ access_token: 'global-cli-token', refresh_token: 'global-refresh', expires_at: Date.now() / 1000 + 900 }));
  return path;
}

describe('a Kimi Code CLI login for the global region (kimi.ai)', () => {
  it('is found, and its token goes to api.kimi.ai only, whatever the Region setting says', async () => {
    const path = writeGlobalCliLogin();
    const runtime = await runtimeWith();
    runtime.settings.update((draft) => void (draft.accounts[0]!.region = 'kimi.com')); // picked by the user

    const { credential } = await runtime.account().fetchSnapshot();
    expect(credential).toMatchObject({ kind: 'kimi-cli', path, baseUrl: 'https://api.kimi.ai/coding/v1' });
    expect(requestedUrls).toEqual(['https://api.kimi.ai/coding/v1/usages']);
    expect(kimi.requestsTo('usages')[0]?.headers.authorization).toBe('Bearer global-cli-token');
    runtime.close();
  });

  it('makes kimi.ai the region until the user picks one', async () => {
    writeGlobalCliLogin();
    const runtime = await runtimeWith();
    expect(runtime.settings.get().accounts[0]!.region).toBe('kimi.ai');
    expect(runtime.account().endpoints()).toMatchObject({ webBaseUrl: 'https://www.kimi.ai', authBaseUrl: 'https://auth.kimi.ai' });
    // A refresh saves what Auto used; the region stays the CLI's, not written down.
    await runtime.account().fetchSnapshot();
    expect(runtime.settings.get().accounts[0]!.lastAutoSource).toBe('kimi-cli');
    const written = JSON.parse(readFileSync(runtime.settings.path, 'utf8')) as { accounts: Array<Record<string, unknown>> };
    expect(written.accounts[0]!).not.toHaveProperty('region');
    runtime.close();
  });

  it('is used under KIMI_CODE_HOME, and the CLI device id there is the one sent', async () => {
    const moved = join(home, 'kimi-home');
    writeGlobalCliLogin(moved);
    writeFileSync(join(moved, 'device_id'), '0f0f0f0f-1111-4222-8333-444444444444\n');
    const runtime = await runtimeWith({ KIMI_CODE_HOME: moved });
    await runtime.account().fetchSnapshot();
    const [request] = kimi.requestsTo('usages');
    expect(request?.headers.authorization).toBe('Bearer global-cli-token');
    expect(request?.headers['x-msh-device-id']).toBe('0f0f0f0f-1111-4222-8333-444444444444');
    runtime.close();
  });

  it('is refused, with nothing sent, when its config names a server that is not Kimi', async () => {
    writeGlobalCliLogin();
    const kimiHome = join(home, '.kimi-code');
    const devBase = 'https://api.dev.example.test/coding/v1';
    writeFileSync(join(kimiHome, 'config.toml'), GLOBAL_CONFIG.replace('https://api.kimi.ai/coding/v1', devBase));
    const name = `${slotKey('https://auth.kimi.ai', devBase).slice('oauth/'.length)}.json`;
    writeFileSync(join(kimiHome, 'credentials', name), JSON.stringify({ access_token: 'dev-cli-token', expires_at: Date.now() / 1000 + 900 }));
    const runtime = await runtimeWith();
    await expect(runtime.account().fetchSnapshot({ mode: 'cli' })).rejects.toMatchObject({
      code: 'cli-credential-missing',
      message: "No usable Kimi Code CLI login found: its login is for api.dev.example.test, not one of Kimi's servers; its token is only sent to https on kimi.com or kimi.ai",
    });
    expect(requestedUrls).toEqual([]);
    expect(kimi.requestsCarrying('dev-cli-token')).toEqual([]);
    runtime.close();
  });

  it('says a revoked login must sign in again, instead of calling the file unreadable', async () => {
    const dir = join(home, '.kimi-code', 'credentials');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kimi-code.json'), JSON.stringify({ access_token: '', refresh_token: '', expires_at: 0, scope: 'kimi-code', token_type: 'Bearer', expires_in: 0 }));
    const runtime = await runtimeWith();
    await expect(runtime.account().fetchSnapshot({ mode: 'cli' })).rejects.toMatchObject({
      message: 'No usable Kimi Code CLI login found: the CLI login was signed out — sign in again with `kimi login`',
    });
    expect(requestedUrls).toEqual([]);
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
    await expect(runtime.account().fetchSnapshot()).rejects.toMatchObject({ code: 'quota-exhausted', window: 'weekly', exitCode: 1 });
    expect(kimi.requestsTo('usages')).toHaveLength(1);
    expect(kimi.requestsCarrying('cli-access-token')).toEqual([]);
    expect(await secrets.get('api-key')).toBe(API_KEY);
    // Auto did not switch: the settings still name no source that worked.
    expect(runtime.settings.get().accounts[0]!.lastAutoSource).toBeNull();
    runtime.close();
  });

  it('moves on after a 403 that is not about the quota, and keeps the key', async () => {
    const { secrets, runtime } = await withKeyAnswered({ status: 403, body: DENIED_403.clientNotAllowed });
    const { credential, attempts } = await runtime.account().fetchSnapshot();
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
    const { credential, attempts } = await runtime.account().fetchSnapshot();
    expect(credential.kind).toBe('kimi-cli');
    expect(attempts[0]?.error.code).toBe('api-key-invalid');
    expect(await secrets.get('api-key')).toBe(API_KEY);
    runtime.close();
  });
});
