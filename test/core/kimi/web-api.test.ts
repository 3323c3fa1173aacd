import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KimiError } from '../../../src/main/core/errors.js';
import { resolveEndpoints } from '../../../src/main/core/kimi/endpoints.js';
import { fetchWebUsage } from '../../../src/main/core/kimi/web-api.js';
import { MEMBERSHIP_STATS, WEB_USAGES, assertSecretNotSent, fakeJwt, startFakeKimi, type FakeKimi } from '../../fake-kimi/index.js';

const TOKEN = fakeJwt({ sub: 'traffic-42', ssid: 'session-7', device_id: '7586915550627013133', exp: 2_000_000_000 });

let kimi: FakeKimi;
let webBaseUrl: string;
beforeAll(async () => {
  kimi = await startFakeKimi();
  webBaseUrl = resolveEndpoints({ region: 'kimi.com', env: { KIMIBAR_WEB_BASE_URL: kimi.url } }).webBaseUrl;
});
afterAll(() => kimi.close());
beforeEach(() => kimi.reset());

async function failure(work: Promise<unknown>): Promise<KimiError> {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(KimiError);
  expect((error as KimiError).message).not.toContain(TOKEN);
  return error as KimiError;
}

describe('fetchWebUsage', () => {
  it('posts GetUsages with every header of the web client, and returns both bodies', async () => {
    const result = await fetchWebUsage({ webBaseUrl, token: TOKEN, timezone: 'Europe/Berlin' });
    expect(result).toEqual({ usage: WEB_USAGES, membership: MEMBERSHIP_STATS });

    const [sent] = kimi.requestsTo('webUsages');
    expect(sent?.method).toBe('POST');
    expect(JSON.parse(sent?.body ?? '')).toEqual({ scope: ['FEATURE_CODING'] });
    expect(sent?.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: `Bearer ${TOKEN}`,
      cookie: `kimi-auth=${TOKEN}`,
      origin: kimi.url,
      referer: `${kimi.url}/code/console`,
      accept: '*/*',
      'connect-protocol-version': '1',
      'x-language': 'en-US',
      'x-msh-platform': 'web',
      'r-timezone': 'Europe/Berlin',
      'x-msh-device-id': '7586915550627013133',
      'x-msh-session-id': 'session-7',
      'x-traffic-id': 'traffic-42',
    });
    expect(sent?.headers['user-agent']).toMatch(/^Mozilla\/5\.0 .*Chrome\/\d+/);
  });

  it('asks for membership stats with the same headers and an empty body', async () => {
    await fetchWebUsage({ webBaseUrl, token: TOKEN, timezone: 'Asia/Shanghai' });
    const usages = kimi.requestsTo('webUsages')[0];
    const membership = kimi.requestsTo('membership')[0];
    expect(membership?.body).toBe('{}');
    const { 'content-length': _a, ...usageHeaders } = usages?.headers ?? {};
    const { 'content-length': _b, ...membershipHeaders } = membership?.headers ?? {};
    expect(membershipHeaders).toEqual(usageHeaders);
  });

  it('leaves the JWT-derived headers out for tokens that are not readable JWTs or carry unsafe claims', async () => {
    await fetchWebUsage({ webBaseUrl, token: 'opaque-session-token', timezone: 'UTC' });
    await fetchWebUsage({ webBaseUrl, token: 'eyJ.%%%.sig', timezone: 'UTC' });
    await fetchWebUsage({ webBaseUrl, token: fakeJwt({ device_id: 'a\r\nInjected: 1', ssid: 42, sub: '' }), timezone: 'UTC' });
    for (const sent of kimi.requestsTo('webUsages')) {
      expect(sent.headers['x-msh-device-id']).toBeUndefined();
      expect(sent.headers['x-msh-session-id']).toBeUndefined();
      expect(sent.headers['x-traffic-id']).toBeUndefined();
      expect(sent.headers.injected).toBeUndefined();
    }
    expect(kimi.requestsTo('webUsages')).toHaveLength(3);
  });

  it('falls back to UTC for a timezone that cannot travel in a header', async () => {
    await fetchWebUsage({ webBaseUrl, token: TOKEN, timezone: 'Evil\r\nZone' });
    expect(kimi.requestsTo('webUsages')[0]?.headers['r-timezone']).toBe('UTC');
  });

  it.each([401, 403])('maps HTTP %s to auth-invalid', async (status) => {
    kimi.on('webUsages', { status, body: { code: 'unauthenticated' } });
    const error = await failure(fetchWebUsage({ webBaseUrl, token: TOKEN, timezone: 'UTC' }));
    expect(error.code).toBe('auth-invalid');
    expect(error.message).toBe('Kimi auth token is invalid or expired');
  });

  it('reports other statuses as HTTP errors, with Retry-After', async () => {
    kimi.on('webUsages', { status: 429, headers: { 'retry-after': '30' } });
    expect(await failure(fetchWebUsage({ webBaseUrl, token: TOKEN, timezone: 'UTC' }))).toMatchObject({ code: 'http', status: 429, retryAfterSeconds: 30 });
  });

  it('refuses an empty token before any request', async () => {
    expect((await failure(fetchWebUsage({ webBaseUrl, token: '  ', timezone: 'UTC' }))).code).toBe('auth-missing');
    expect(kimi.requests).toHaveLength(0);
  });

  it('refuses an insecure web base URL before the token leaves', async () => {
    const port = new URL(kimi.url).port;
    const attempt = async (): Promise<unknown> => {
      const endpoints = resolveEndpoints({ region: 'kimi.com', env: { KIMIBAR_WEB_BASE_URL: `http://127.0.0.1:${port}` } });
      return fetchWebUsage({ webBaseUrl: endpoints.webBaseUrl, token: TOKEN, timezone: 'UTC' });
    };
    expect((await failure(attempt())).code).toBe('insecure-base-url');
    assertSecretNotSent(kimi, TOKEN);
    expect(kimi.requests).toHaveLength(0);
  });
});

describe('membership stats are optional', () => {
  it.each([
    ['a server error', { status: 500, body: { code: 'internal' } }],
    ['a dropped connection', { drop: true }],
    ['a body that is not JSON', { body: '<html>' }],
    ['a 401', { status: 401 }],
  ])('drop silently on %s', async (_name, reply) => {
    kimi.on('membership', reply);
    expect(await fetchWebUsage({ webBaseUrl, token: TOKEN, timezone: 'UTC' })).toEqual({ usage: WEB_USAGES, membership: null });
  });

  it('are dropped when they outlast the budget, without holding up the usage', async () => {
    kimi.on('membership', { delayMs: 10_000, body: MEMBERSHIP_STATS });
    const result = await fetchWebUsage({ webBaseUrl, token: TOKEN, timezone: 'UTC', membershipBudgetMs: 200 });
    expect(result).toEqual({ usage: WEB_USAGES, membership: null });
    expect(kimi.requestsTo('membership')).toHaveLength(1);
  });

  it('arrive when they answer within the budget, even after the usage', async () => {
    kimi.on('membership', { delayMs: 150, body: MEMBERSHIP_STATS });
    const result = await fetchWebUsage({ webBaseUrl, token: TOKEN, timezone: 'UTC', membershipBudgetMs: 5_000 });
    expect(result.membership).toEqual(MEMBERSHIP_STATS);
  });

  it('never turn a failed usage call into anything but its own error', async () => {
    kimi.on('webUsages', { status: 502 });
    kimi.on('membership', { delayMs: 10_000, body: MEMBERSHIP_STATS });
    expect((await failure(fetchWebUsage({ webBaseUrl, token: TOKEN, timezone: 'UTC', membershipBudgetMs: 5_000 }))).status).toBe(502);
  });
});
