// Accounts that use the Kimi Code CLI's login. The CLI owns that token chain: its refresh tokens
// rotate, so one renewal by KimiBar would sign the CLI out. However close to expiry the CLI's
// access token is, and however many accounts read CLI logins, KimiBar never calls a token
// endpoint and never changes a byte of the CLI's files. And an account set to the CLI login
// reads the CLI's login of its own Region: `kimi login` keeps the mainland login and
// `kimi login --region global` keeps the global one side by side (docs/kimi-api.md, "Which login,
// and which server it belongs to"). Auto keeps reading the login the CLI itself uses.
//
// Real credential files in a temporary KIMI_CODE_HOME; the requests leave through the real
// transport, moved at that seam from Kimi's hosts (api.* and auth.*, both regions) to a real
// HTTPS fake-kimi, which records them.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { addAccount } from '../../../src/main/core/accounts/manage.js';
import { readConfiguredSource } from '../../../src/main/core/auth/configured.js';
import { slotKey } from '../../../src/main/core/auth/cli-login.js';
import type { CookieImporter } from '../../../src/main/core/cookies/types.js';
import { REFRESH_MARGIN_MS } from '../../../src/main/core/kimi/token-manager.js';
import { createTransport, type Transport } from '../../../src/main/core/kimi/transport.js';
import { createRuntime, type Runtime } from '../../../src/main/core/runtime.js';
import { createSecretStore } from '../../../src/main/core/settings/secrets.js';
import type { Region } from '../../../src/shared/settings.js';
import { fakeJwt } from '../../fake-kimi/index.js';
import { useFakeKimi } from '../../fake-kimi/lifecycle.js';

/** `kimi login --region global`'s slot: the file name comes from the (OAuth host, base URL) pair. */
const GLOBAL_FILE = `${slotKey('https://auth.kimi.ai', 'https://api.kimi.ai/coding/v1').slice('oauth/'.length)}.json`;
/** What `kimi login --region global` leaves in config.toml: the CLI now uses the global login. */
const GLOBAL_CONFIG = `
[providers."managed:kimi-code"]
type = "kimi"
base_url = "https://api.kimi.ai/coding/v1"
api_key = ""
oauth = { storage = "file", key = "oauth/kimi-code-env-0e4f99c69cc27850", oauth_host = "https://auth.kimi.ai" }
`;

const kimi = useFakeKimi();
let home: string;
let kimiHome: string;
/** Every URL a request was made to, before the seam moved it to fake-kimi. */
let requestedUrls: string[];

beforeEach(() => {
  requestedUrls = [];
  home = mkdtempSync(join(tmpdir(), 'kimibar-cli-accounts-'));
  kimiHome = join(home, 'kimi-code-home');
});

function routedToFake(): Transport {
  const real = createTransport();
  return (request) => {
    requestedUrls.push(request.url);
    return real({ ...request, url: request.url.replace(/^https:\/\/(api|auth)\.kimi\.(com|ai)(?=\/)/, kimi.url) });
  };
}

const noBrowsers: CookieImporter = { importKimiAuth: async () => ({ found: null, reports: [] }) };

async function openRuntime(): Promise<Runtime> {
  return createRuntime({
    env: { KIMIBAR_CONFIG_DIR: join(home, 'config'), KIMI_CODE_HOME: kimiHome },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets: await createSecretStore({ keytar: null }),
    cookies: noBrowsers,
    transport: routedToFake(),
  });
}

/** A login as the CLI writes it (access token, its rotating refresh token, expiry in seconds). */
function writeCliLogin(file: string, user: string, expiresInSeconds: number): string {
  const dir = join(kimiHome, 'credentials');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, file);
  const expiresAt = Math.floor(Date.now() / 1000) + expiresInSeconds;
  const login = {
    access_token: fakeJwt({ user_id: user, sub: user, exp: expiresAt }),
    refresh_token: `${user}-cli-refresh`,
    expires_at: expiresAt,
    scope: 'kimi-code',
    token_type: 'Bearer',
    expires_in: 900,
  };
  writeFileSync(path, JSON.stringify(login), { mode: 0o600 });
  return path;
}

function snapshotOf(path: string) {
  const stat = statSync(path);
  return { bytes: readFileSync(path), mtimeMs: stat.mtimeMs, mode: stat.mode };
}

/** Sets an account to read the CLI's login, with its Region chosen. */
function useCliLogin(runtime: Runtime, accountName: string, region: Region): void {
  runtime.settings.update((draft) => {
    const account = draft.accounts.find((candidate) => candidate.name === accountName)!;
    account.usageSource = 'cli';
    account.region = region;
  });
}

/** No request went to a token endpoint, on either region's auth host or anywhere else. */
function expectNoTokenRenewal(): void {
  expect(kimi.requestsTo('token')).toEqual([]);
  expect(kimi.requestsTo('webRefresh')).toEqual([]);
  expect(requestedUrls.filter((url) => /^https:\/\/auth\./.test(url) || url.includes('/oauth/') || url.includes('RefreshToken'))).toEqual([]);
}

describe('KimiBar never renews the Kimi Code CLI’s token chain', () => {
  it('uses a CLI token inside KimiBar’s own renewal margin as it is, and leaves the file byte-identical', async () => {
    // Under five minutes left: KimiBar would renew its own device login here; the CLI's it must not.
    const leftSeconds = Math.floor(REFRESH_MARGIN_MS / 1000) - 100;
    const path = writeCliLogin('kimi-code.json', 'user-cn', leftSeconds);
    const before = snapshotOf(path);
    const runtime = await openRuntime();
    useCliLogin(runtime, 'Kimi', 'kimi.com');

    for (let round = 0; round < 3; round += 1) {
      const { credential } = await runtime.account('Kimi').fetchSnapshot();
      expect(credential.kind).toBe('kimi-cli');
    }
    expect(kimi.requestsTo('usages')).toHaveLength(3);
    expectNoTokenRenewal();
    expect(snapshotOf(path)).toEqual(before);
    expect(readdirSync(join(kimiHome, 'credentials'))).toEqual(['kimi-code.json']);
    // Nor does it take the CLI's refresh lock.
    expect(existsSync(join(kimiHome, 'oauth'))).toBe(false);
    runtime.close();
  });

  it('says the CLI login has expired rather than renewing it, and sends nothing', async () => {
    const path = writeCliLogin('kimi-code.json', 'user-cn', -120);
    const before = snapshotOf(path);
    const runtime = await openRuntime();
    useCliLogin(runtime, 'Kimi', 'kimi.com');

    await expect(runtime.account('Kimi').fetchSnapshot()).rejects.toMatchObject({
      code: 'cli-credential-missing',
      message: 'No usable Kimi Code CLI login found: the CLI login has expired — run the Kimi Code CLI once',
    });
    expect(kimi.requests).toEqual([]);
    expect(requestedUrls).toEqual([]);
    expect(snapshotOf(path)).toEqual(before);
    runtime.close();
  });

  it('two accounts on the CLI’s two logins, one expired and one about to expire: no renewal, both files unchanged', async () => {
    const mainland = writeCliLogin('kimi-code.json', 'user-cn', -30);
    const global = writeCliLogin(GLOBAL_FILE, 'user-global', 90);
    writeFileSync(join(kimiHome, 'config.toml'), GLOBAL_CONFIG);
    const before = [snapshotOf(mainland), snapshotOf(global)];
    const runtime = await openRuntime();
    addAccount(runtime, { name: 'Global' });
    useCliLogin(runtime, 'Kimi', 'kimi.com');
    useCliLogin(runtime, 'Global', 'kimi.ai');

    for (let round = 0; round < 2; round += 1) {
      const outcomes = await Promise.allSettled([runtime.account('Kimi').fetchSnapshot(), runtime.account('Global').fetchSnapshot()]);
      expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { code: 'cli-credential-missing' } });
      expect(outcomes[1]).toMatchObject({ status: 'fulfilled', value: { credential: { kind: 'kimi-cli', baseUrl: 'https://api.kimi.ai/coding/v1' } } });
    }
    expect(requestedUrls).toEqual(['https://api.kimi.ai/coding/v1/usages', 'https://api.kimi.ai/coding/v1/usages']);
    expectNoTokenRenewal();
    expect([snapshotOf(mainland), snapshotOf(global)]).toEqual(before);
    runtime.close();
  });
});

describe('the CLI login of an account’s Region', () => {
  it('an account set to the CLI login reads its Region’s login, whichever the CLI uses now', async () => {
    writeCliLogin('kimi-code.json', 'user-cn', 900);
    writeCliLogin(GLOBAL_FILE, 'user-global', 900);
    writeFileSync(join(kimiHome, 'config.toml'), GLOBAL_CONFIG);
    const runtime = await openRuntime();
    addAccount(runtime, { name: 'Global' });
    useCliLogin(runtime, 'Kimi', 'kimi.com');
    useCliLogin(runtime, 'Global', 'kimi.ai');

    await runtime.account('Kimi').fetchSnapshot();
    await runtime.account('Global').fetchSnapshot();
    // Each login's token went to its own region's server, and only there.
    const sent = kimi.requestsTo('usages').map((request) => request.headers.authorization);
    expect(requestedUrls).toEqual(['https://api.kimi.com/coding/v1/usages', 'https://api.kimi.ai/coding/v1/usages']);
    expect(sent.map((header) => userOf(header))).toEqual(['user-cn', 'user-global']);
    runtime.close();
  });

  it('a Region without a CLI login says which file it looked for; nothing is sent', async () => {
    writeCliLogin('kimi-code.json', 'user-cn', 900);
    const runtime = await openRuntime();
    useCliLogin(runtime, 'Kimi', 'kimi.ai');

    const cli = await readConfiguredSource('kimi-cli', runtime.account('Kimi').credentialPlaces());
    expect(cli).toEqual({ kind: 'kimi-cli', skipped: false, lookup: { status: 'missing', path: join(kimiHome, 'credentials', GLOBAL_FILE) } });
    await expect(runtime.account('Kimi').fetchSnapshot()).rejects.toMatchObject({ code: 'cli-credential-missing' });
    expect(kimi.requests).toEqual([]);
    runtime.close();
  });

  it('Auto, and `--source cli` on an Auto account, keep reading the login the CLI uses now', async () => {
    writeCliLogin('kimi-code.json', 'user-cn', 900);
    writeCliLogin(GLOBAL_FILE, 'user-global', 900);
    writeFileSync(join(kimiHome, 'config.toml'), GLOBAL_CONFIG);
    const runtime = await openRuntime();
    runtime.settings.update((draft) => void (draft.accounts[0]!.region = 'kimi.com'));

    expect((await runtime.account('Kimi').fetchSnapshot()).credential).toMatchObject({ kind: 'kimi-cli', baseUrl: 'https://api.kimi.ai/coding/v1' });
    expect((await runtime.account('Kimi').fetchSnapshot({ mode: 'cli' })).credential).toMatchObject({ kind: 'kimi-cli' });
    expect(kimi.requestsTo('usages').map((request) => userOf(request.headers.authorization))).toEqual(['user-global', 'user-global']);
    runtime.close();
  });
});

/** The user a bearer JWT names (the test's own tokens), so assertions never spell a token out. */
function userOf(authorization: string | undefined): string | undefined {
  const payload = authorization?.replace(/^Bearer /, '').split('.')[1];
  return payload === undefined ? undefined : (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { user_id?: string }).user_id;
}
