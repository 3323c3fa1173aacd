import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KimiError } from '../../../src/main/core/errors.js';
import { fetchCodeApiUsage, type CodeApiCredential } from '../../../src/main/core/kimi/code-api.js';
import { resolveEndpoints } from '../../../src/main/core/kimi/endpoints.js';
import { identityHeaders } from '../../../src/main/core/kimi/identity.js';
import { createTransport } from '../../../src/main/core/kimi/transport.js';
import { CODE_API_USAGE, assertSecretNotSent, startFakeKimi, type FakeKimi } from '../../fake-kimi/index.js';
import { DENIED_403, QUOTA_403 } from '../../fixtures/kimi/forbidden-403.js';

const API_KEY = 'sk-kimi-code-api-test-key-000111';
const OAUTH_TOKEN = 'oauth-access-token-test-222333';
const identity = identityHeaders({
  appVersion: '0.1.0',
  device: { hostname: 'box', osName: 'Linux', osRelease: '6.1.0', osVersion: '#1 SMP', arch: 'x64' },
  deviceId: 'c0ffee00-0000-4000-8000-000000000001',
});
const apiKey: CodeApiCredential = { kind: 'api-key', token: API_KEY, origin: 'settings' };
const account: CodeApiCredential = { kind: 'kimi-account', token: OAUTH_TOKEN };
const cli: CodeApiCredential = {
  kind: 'kimi-cli',
  token: OAUTH_TOKEN,
  path: '/home/u/.kimi-code/credentials/kimi-code.json',
  baseUrl: 'https://api.kimi.com/coding/v1',
};

let kimi: FakeKimi;
let url: string;
beforeAll(async () => {
  kimi = await startFakeKimi();
  url = resolveEndpoints({ region: 'kimi.com', env: { KIMI_CODE_BASE_URL: kimi.url } }).codeApiUsagesUrl;
});
afterAll(() => kimi.close());
beforeEach(() => kimi.reset());

async function failure(work: Promise<unknown>): Promise<KimiError> {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(KimiError);
  expect((error as KimiError).message).not.toContain(API_KEY);
  expect((error as KimiError).message).not.toContain(OAUTH_TOKEN);
  return error as KimiError;
}

describe('fetchCodeApiUsage', () => {
  it('GETs /coding/v1/usages with the API key and no identity headers', async () => {
    expect(await fetchCodeApiUsage({ url, credential: apiKey, identity })).toEqual(CODE_API_USAGE);
    const [sent] = kimi.requestsTo('usages');
    expect(sent?.method).toBe('GET');
    expect(sent?.path).toBe('/coding/v1/usages');
    expect(sent?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent?.headers.accept).toBe('application/json');
    expect(sent?.headers['x-msh-device-id']).toBeUndefined();
    expect(sent?.headers['x-msh-platform']).toBeUndefined();
  });

  it.each([account, cli])('sends the identity headers with an OAuth token ($kind)', async (credential) => {
    await fetchCodeApiUsage({ url, credential, identity });
    const headers = kimi.requestsTo('usages')[0]?.headers ?? {};
    expect(headers.authorization).toBe(`Bearer ${OAUTH_TOKEN}`);
    expect(headers['user-agent']).toBe('KimiBar/0.1.0');
    expect(headers).toMatchObject({
      'x-msh-platform': 'kimibar',
      'x-msh-version': '0.1.0',
      'x-msh-device-name': 'box',
      'x-msh-device-model': 'Linux 6.1.0 x64',
      'x-msh-os-version': '#1 SMP',
      'x-msh-device-id': 'c0ffee00-0000-4000-8000-000000000001',
    });
  });

  it('does not double /coding when the base already ends in it', async () => {
    const base = resolveEndpoints({ region: 'kimi.com', env: { KIMI_CODE_BASE_URL: `${kimi.url}/coding/v1` } }).codeApiUsagesUrl;
    await fetchCodeApiUsage({ url: base, credential: apiKey, identity });
    expect(kimi.requests.map((r) => r.path)).toEqual(['/coding/v1/usages']);
  });

  it.each([
    [401, apiKey, 'api-key-invalid', 'Kimi Code API key is invalid or expired'],
    [401, account, 'signed-out', 'Signed out of Kimi — sign in again'],
    [401, cli, 'cli-credential-missing', 'No usable Kimi Code CLI login found: the server refused its token'],
  ] as const)('maps HTTP %s for %o to %s', async (status, credential, code, message) => {
    kimi.on('usages', { status, body: { error: 'unauthorized' } });
    const error = await failure(fetchCodeApiUsage({ url, credential, identity }));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  // A 403 is about what the token may do, not whether it is good: 401 alone says "invalid".
  describe('HTTP 403', () => {
    it.each([
      ['weekly', QUOTA_403.weekly, 'weekly', 'Kimi usage limit reached: weekly limit'],
      ['billing cycle (names no window)', QUOTA_403.billingCycle, undefined, 'Kimi usage limit reached'],
      ['monthly', QUOTA_403.monthly, 'monthly-total', 'Kimi usage limit reached: monthly limit'],
      ['Anthropic-style permission_error', QUOTA_403.anthropic, undefined, 'Kimi usage limit reached'],
    ] as const)('a spent quota (%s) is quota-exhausted for every credential', async (_name, body, window, message) => {
      kimi.on('usages', { status: 403, body });
      for (const credential of [apiKey, account, cli]) {
        const error = await failure(fetchCodeApiUsage({ url, credential, identity }));
        expect(error).toMatchObject({ code: 'quota-exhausted', status: 403, window, message, exitCode: 1, action: null });
        expect(error.allowsFallback).toBe(false);
        expect(error.signedOut).toBe(false);
        expect(error.toView()).toEqual({ code: 'quota-exhausted', message, action: null, ...(window === undefined ? {} : { window }) });
      }
    });

    it.each([
      ['client not allowed', DENIED_403.clientNotAllowed, DENIED_403.clientNotAllowed.error.message],
      ['terminated account', DENIED_403.terminated, DENIED_403.terminated.error.message],
      ['concurrency cap', DENIED_403.concurrency, DENIED_403.concurrency.error.message],
      ['no JSON error object', { error: 'forbidden' }, null],
      ['not JSON', 'Forbidden', null],
      ['only a type', { error: { type: 'access_terminated_error' } }, 'access_terminated_error'],
    ] as const)('any other 403 (%s) is permission-denied, with Kimi\'s words as the detail', async (_name, body, detail) => {
      kimi.on('usages', { status: 403, body });
      for (const credential of [apiKey, account, cli]) {
        const error = await failure(fetchCodeApiUsage({ url, credential, identity }));
        expect(error.code).toBe('permission-denied');
        expect(error.message).toBe(detail === null ? 'Kimi denied access (HTTP 403)' : `Kimi denied access (HTTP 403): ${detail}`);
        expect(error).toMatchObject({ status: 403, window: undefined, exitCode: 3, action: 'open-settings', signedOut: false });
        expect(error.allowsFallback).toBe(true);
      }
    });

    it('keeps only a short, single-line, redacted excerpt of a hostile message', async () => {
      const message = `You are not allowed\r\n\u001b[31mBearer ${API_KEY}\u202e ${'x'.repeat(500_000)}`;
      kimi.on('usages', { status: 403, body: { error: { type: 'permission_error', message } } });
      const error = await failure(fetchCodeApiUsage({ url, credential: apiKey, identity }));
      expect(error.code).toBe('permission-denied');
      expect(error.message).toMatch(/^Kimi denied access \(HTTP 403\): You are not allowed \[31mBearer \[redacted\] x+…$/);
      expect(error.message.length).toBeLessThanOrEqual('Kimi denied access (HTTP 403): '.length + 200);
    });

    it('does not take "usage limit" words for a spent quota under another error type', async () => {
      kimi.on('usages', { status: 403, body: { error: { type: 'invalid_request_error', message: "You've reached your usage limit" } } });
      expect((await failure(fetchCodeApiUsage({ url, credential: apiKey, identity }))).code).toBe('permission-denied');
    });
  });

  it('reports other statuses as HTTP errors with Retry-After', async () => {
    kimi.on('usages', { status: 429, headers: { 'retry-after': '60' }, body: { error: 'rate limited' } });
    const error = await failure(fetchCodeApiUsage({ url, credential: apiKey, identity }));
    expect(error).toMatchObject({ code: 'http', status: 429, retryAfterSeconds: 60, message: 'Kimi API error: HTTP 429' });
    expect(error.allowsFallback).toBe(false);
    kimi.on('usages', { status: 503 });
    expect((await failure(fetchCodeApiUsage({ url, credential: apiKey, identity }))).allowsFallback).toBe(true);
  });

  it('reports a dropped connection and a timeout as network errors', async () => {
    kimi.script('usages', { drop: true }, { delayMs: 5_000 });
    expect((await failure(fetchCodeApiUsage({ url, credential: apiKey, identity }))).code).toBe('network');
    const quick = createTransport({ timeoutMs: 100 });
    expect((await failure(fetchCodeApiUsage({ url, credential: apiKey, identity, transport: quick }))).message).toBe(
      'Kimi network error: timed out',
    );
  });

  it('refuses empty and unsendable tokens before any request', async () => {
    expect((await failure(fetchCodeApiUsage({ url, credential: { ...apiKey, token: ' ' }, identity }))).code).toBe('api-key-missing');
    expect((await failure(fetchCodeApiUsage({ url, credential: { ...apiKey, token: `${API_KEY}\n` }, identity }))).code).toBe(
      'api-key-invalid',
    );
    expect(kimi.requests).toHaveLength(0);
  });

  it('sends no request at all when the base URL override is insecure', async () => {
    const port = new URL(kimi.url).port;
    const attempt = async (): Promise<unknown> => {
      const endpoints = resolveEndpoints({ region: 'kimi.com', env: { KIMI_CODE_BASE_URL: `http://127.0.0.1:${port}` } });
      return fetchCodeApiUsage({ url: endpoints.codeApiUsagesUrl, credential: apiKey, identity });
    };
    expect((await failure(attempt())).code).toBe('insecure-base-url');
    expect(kimi.requests).toHaveLength(0);
    assertSecretNotSent(kimi, API_KEY);
  });

  it('cancels with the caller signal', async () => {
    kimi.on('usages', { delayMs: 5_000 });
    const controller = new AbortController();
    const pending = fetchCodeApiUsage({ url, credential: apiKey, identity, signal: controller.signal });
    await expect.poll(() => kimi.requests.length).toBe(1);
    controller.abort();
    expect((await failure(pending)).code).toBe('cancelled');
  });
});
