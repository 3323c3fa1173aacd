import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CookieImporter } from '../../../src/main/core/cookies/types.js';
import { KimiError } from '../../../src/main/core/errors.js';
import type { SecretStore } from '../../../src/main/core/ports.js';
import type { OAuthTokenManager } from '../../../src/main/core/kimi/token-manager.js';
import { refreshWebSession, type WebSessionContext } from '../../../src/main/core/kimi/web-session.js';
import { createRuntime, type Runtime } from '../../../src/main/core/runtime.js';
import { createSecretStore } from '../../../src/main/core/settings/secrets.js';
import { fakeJwt, startFakeKimi, type FakeKimi } from '../../fake-kimi/index.js';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const clock = { now: () => NOW };

let kimi: FakeKimi;
let secrets: SecretStore;
let context: WebSessionContext;
beforeAll(async () => {
  kimi = await startFakeKimi();
  context = { authBaseUrl: kimi.url, clock };
});
afterAll(() => kimi.close());
beforeEach(async () => {
  kimi.reset();
  secrets = await createSecretStore({ keytar: null });
});

async function failure(work: Promise<unknown>): Promise<KimiError> {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(KimiError);
  expect((error as KimiError).message).not.toContain('web-refresh-0');
  return error as KimiError;
}

describe('refreshWebSession', () => {
  it('posts the refresh token as JSON and reads a data-wrapped camelCase reply', async () => {
    const exp = Math.floor(NOW / 1000) + 1800;
    const access = fakeJwt({ sub: 'u', exp });
    kimi.script('webRefresh', { body: { data: { accessToken: access, refreshToken: 'web-refresh-1' } } });
    expect(await refreshWebSession(context, 'web-refresh-0')).toEqual({ accessToken: access, refreshToken: 'web-refresh-1', expiresAt: exp * 1000 });
    const [sent] = kimi.requestsTo('webRefresh');
    expect(sent?.path).toBe('/api/account.gateway.v1.AuthService/RefreshToken');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent?.body ?? '')).toEqual({ refresh_token: 'web-refresh-0' });
  });

  it('accepts a flat snake_case reply with expires_in', async () => {
    kimi.script('webRefresh', { body: { access_token: 'opaque-access', refresh_token: 'web-refresh-2', expires_in: 600 } });
    expect(await refreshWebSession(context, 'web-refresh-0')).toEqual({ accessToken: 'opaque-access', refreshToken: 'web-refresh-2', expiresAt: NOW + 600_000 });
  });

  it('assumes a short life when neither the reply nor the token gives one, and no refresh token means none', async () => {
    kimi.script('webRefresh', { body: { data: { access_token: 'opaque-access' } } });
    expect(await refreshWebSession(context, 'web-refresh-0')).toEqual({ accessToken: 'opaque-access', refreshToken: null, expiresAt: NOW + 15 * 60_000 });
  });

  it.each([400, 401, 403])('reports HTTP %s as signed out', async (status) => {
    kimi.script('webRefresh', { status, body: { code: 'unauthenticated' } });
    expect((await failure(refreshWebSession(context, 'web-refresh-0'))).code).toBe('signed-out');
  });

  it('reports server errors and unusable replies', async () => {
    kimi.script('webRefresh', { status: 500 }, { body: { data: { refreshToken: 'only-refresh' } } }, { body: [1, 2] });
    expect(await failure(refreshWebSession(context, 'web-refresh-0'))).toMatchObject({ code: 'http', status: 500 });
    expect((await failure(refreshWebSession(context, 'web-refresh-0'))).code).toBe('parse');
    expect((await failure(refreshWebSession(context, 'web-refresh-0'))).code).toBe('parse');
  });
});

// As production wires it: the runtime's web-session manager renewing through refreshWebSession.
describe('web-session tokens', () => {
  const noBrowsers: CookieImporter = { importKimiAuth: async () => ({ found: null, reports: [] }) };
  let runtime: Runtime;
  let tokens: OAuthTokenManager;
  beforeEach(async () => {
    const home = mkdtempSync(join(tmpdir(), 'kimibar-web-session-'));
    runtime = await createRuntime({
      env: { KIMIBAR_CONFIG_DIR: join(home, 'config'), KIMI_CODE_OAUTH_HOST: kimi.url },
      platform: 'linux',
      home,
      appVersion: '0.1.0',
      clock,
      secrets,
      cookies: noBrowsers,
    });
    tokens = runtime.account().webSession;
  });
  afterEach(() => runtime.close());

  it('renew through the fake gateway, rotate, and store under web-session', async () => {
    await secrets.set('web-session', JSON.stringify({ accessToken: 'old', refreshToken: 'web-refresh-0', expiresAt: NOW + 60_000 }));
    const access = await tokens.getAccessToken();
    expect(access).not.toBe('old');
    const saved = JSON.parse((await secrets.get('web-session')) ?? 'null') as { refreshToken: string; accessToken: string };
    expect(saved).toMatchObject({ accessToken: access, refreshToken: 'web-refresh-1' });
    expect(await secrets.get('device-login')).toBeNull();
  });

  it('keep the stored refresh token when the reply has none', async () => {
    await secrets.set('web-session', JSON.stringify({ accessToken: 'old', refreshToken: 'keep-me', expiresAt: NOW }));
    kimi.script('webRefresh', { body: { accessToken: 'fresh', expiresIn: 900 } });
    expect(await tokens.getAccessToken()).toBe('fresh');
    expect(JSON.parse((await secrets.get('web-session')) ?? 'null')).toEqual({ accessToken: 'fresh', refreshToken: 'keep-me', expiresAt: NOW + 900_000 });
  });

  it('join one renewal in flight, counted at the server', async () => {
    await secrets.set('web-session', JSON.stringify({ accessToken: 'old', refreshToken: 'web-refresh-0', expiresAt: NOW + 60_000 }));
    kimi.script('webRefresh', { delayMs: 200, body: { data: { accessToken: 'shared', refreshToken: 'web-refresh-9', expiresIn: 900 } } });
    expect(await Promise.all([tokens.getAccessToken(), tokens.getAccessToken(), tokens.getAccessToken()])).toEqual(['shared', 'shared', 'shared']);
    expect(kimi.requestsTo('webRefresh')).toHaveLength(1);
  });
});
