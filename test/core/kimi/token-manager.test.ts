// KimiBar's own sign-in as production wires it: the runtime's device-login manager, which
// renews through the real refresh grant against fake-kimi.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CookieImporter } from '../../../src/main/core/cookies/types.js';
import { KimiError } from '../../../src/main/core/errors.js';
import type { SecretStore } from '../../../src/main/core/ports.js';
import { KIMI_CODE_CLIENT_ID } from '../../../src/main/core/kimi/device-login.js';
import type { OAuthTokenManager, OAuthTokens } from '../../../src/main/core/kimi/token-manager.js';
import { createRuntime, type Runtime } from '../../../src/main/core/runtime.js';
import { createSecretStore } from '../../../src/main/core/settings/secrets.js';
import { formOf, startFakeKimi, type FakeKimi } from '../../fake-kimi/index.js';

const DEVICE_ID = 'c0ffee00-0000-4000-8000-000000000001';
const NOW = Date.parse('2026-11-24T10:00:00Z');
const clock = { now: () => NOW };
const noBrowsers: CookieImporter = { importKimiAuth: async () => ({ found: null, reports: [] }) };

let kimi: FakeKimi;
let secrets: SecretStore;
let runtime: Runtime;
let tokens: OAuthTokenManager;
beforeAll(async () => {
  kimi = await startFakeKimi();
});
afterAll(() => kimi.close());
beforeEach(async () => {
  kimi.reset();
  const home = mkdtempSync(join(tmpdir(), 'kimibar-device-login-'));
  // The Kimi Code CLI's device id, which KimiBar shares.
  mkdirSync(join(home, '.kimi-code'));
  writeFileSync(join(home, '.kimi-code', 'device_id'), `${DEVICE_ID}\n`);
  // The store KimiBar itself uses when no keychain exists: memory, for this session only.
  secrets = await createSecretStore({ keytar: null });
  runtime = await createRuntime({
    env: { KIMIBAR_CONFIG_DIR: join(home, 'config'), KIMI_CODE_OAUTH_HOST: kimi.url },
    platform: 'linux',
    home,
    appVersion: '0.1.0',
    clock,
    secrets,
    cookies: noBrowsers,
    device: { hostname: 'box', osName: 'Linux', osRelease: '6.1.0', osVersion: '#1 SMP', arch: 'x64' },
  });
  tokens = runtime.account().deviceLogin;
});
afterEach(() => runtime.close());

async function store(tokens: OAuthTokens): Promise<void> {
  await secrets.set('device-login', JSON.stringify(tokens));
}
async function stored(): Promise<unknown> {
  const raw = await secrets.get('device-login');
  return raw === null ? null : JSON.parse(raw);
}
const expiring = (minutesLeft: number, refreshToken: string | null = 'refresh-0'): OAuthTokens => ({
  accessToken: 'access-0',
  refreshToken,
  expiresAt: NOW + minutesLeft * 60_000,
});

describe('device-login tokens', () => {
  it('is null when not signed in, and reads nothing from the network', async () => {
    expect(await tokens.getAccessToken()).toBeNull();
    expect(kimi.requests).toHaveLength(0);
  });

  it('treats an unreadable stored value as not signed in', async () => {
    await secrets.set('device-login', '{not json');
    expect(await tokens.getAccessToken()).toBeNull();
    await secrets.set('device-login', JSON.stringify({ accessToken: 1 }));
    expect(await tokens.load()).toBeNull();
  });

  it('returns a token with more than five minutes left as is', async () => {
    await store(expiring(6));
    expect(await tokens.getAccessToken()).toBe('access-0');
    expect(kimi.requests).toHaveLength(0);
  });

  it('renews under five minutes, stores the rotated tokens, and uses the new refresh token next time', async () => {
    await store(expiring(4));
    expect(await tokens.getAccessToken()).toBe('device-access-1');
    expect(await stored()).toEqual({ accessToken: 'device-access-1', refreshToken: 'device-refresh-1', expiresAt: NOW + 900_000 });

    const [refresh] = kimi.requestsTo('token');
    expect(formOf(refresh!)).toEqual({ client_id: KIMI_CODE_CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'refresh-0' });
    expect(refresh?.headers['x-msh-device-id']).toBe(DEVICE_ID);

    await store({ ...(await tokens.load())!, expiresAt: NOW + 60_000 });
    expect(await tokens.getAccessToken()).toBe('device-access-2');
    expect(formOf(kimi.requestsTo('token')[1]!).refresh_token).toBe('device-refresh-1');
  });

  it('keeps the old refresh token when the reply has none', async () => {
    await store(expiring(1));
    kimi.script('token', { body: { access_token: 'new-access', expires_in: 600 } });
    expect(await tokens.getAccessToken()).toBe('new-access');
    expect(await stored()).toEqual({ accessToken: 'new-access', refreshToken: 'refresh-0', expiresAt: NOW + 600_000 });
  });

  it.each([
    ['invalid_grant', { status: 400, body: { error: 'invalid_grant' } }],
    ['401', { status: 401, body: { error: 'unauthorized' } }],
    ['403', { status: 403 }],
  ])('reports %s as signed out and leaves the stored tokens alone', async (_name, reply) => {
    await store(expiring(1));
    kimi.script('token', reply);
    const error = await tokens.getAccessToken().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KimiError);
    expect((error as KimiError).message).toBe('Signed out of Kimi — sign in again');
    expect(await stored()).toEqual(expiring(1));
  });

  it('refuses a refresh token used twice (as the real server does)', async () => {
    await store(expiring(1));
    await tokens.getAccessToken();
    await store(expiring(1));
    const error = await tokens.getAccessToken().catch((caught: unknown) => caught);
    expect((error as KimiError).code).toBe('signed-out');
  });

  it('keeps using a still-valid token when a renewal fails for a passing reason', async () => {
    await store(expiring(3));
    kimi.script('token', { status: 502 }, { drop: true });
    expect(await tokens.getAccessToken()).toBe('access-0');
    expect(await tokens.getAccessToken()).toBe('access-0');
    expect(await stored()).toEqual(expiring(3));
  });

  it('reports a failed renewal once the token has lapsed', async () => {
    await store(expiring(-1));
    kimi.script('token', { status: 502 });
    const error = await tokens.getAccessToken().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'http', status: 502 });
  });

  it('is signed out when a lapsed session has no refresh token', async () => {
    await store(expiring(-1, null));
    const error = await tokens.getAccessToken().catch((caught: unknown) => caught);
    expect((error as KimiError).code).toBe('signed-out');
    expect(kimi.requests).toHaveLength(0);
  });

  it('runs one renewal at a time: concurrent callers join the one in flight', async () => {
    await store(expiring(2));
    kimi.script('token', { delayMs: 200, body: { access_token: 'joined-access', refresh_token: 'joined-refresh', expires_in: 900 } });
    const results = await Promise.all(Array.from({ length: 5 }, () => tokens.getAccessToken()));
    expect(results).toEqual(Array(5).fill('joined-access'));
    expect(kimi.requestsTo('token')).toHaveLength(1);
  });

  it("lets one caller stop waiting without cancelling the others' renewal", async () => {
    await store(expiring(2));
    kimi.script('token', { delayMs: 200, body: { access_token: 'late-access', refresh_token: 'late-refresh', expires_in: 900 } });
    const controller = new AbortController();
    const impatient = tokens.getAccessToken(controller.signal);
    const patient = tokens.getAccessToken();
    controller.abort();
    expect(await impatient.catch((caught: unknown) => (caught as KimiError).code)).toBe('cancelled');
    expect(await patient).toBe('late-access');
    expect(kimi.requestsTo('token')).toHaveLength(1);
  });

  it('saves and clears through the secret store only', async () => {
    await tokens.save(expiring(30));
    expect(await stored()).toEqual(expiring(30));
    await tokens.clear();
    expect(await secrets.get('device-login')).toBeNull();
  });
});
