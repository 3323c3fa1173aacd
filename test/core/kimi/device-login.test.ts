import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KimiError } from '../../../src/main/core/errors.js';
import {
  KIMI_CODE_CLIENT_ID,
  mayOpenVerificationUri,
  pollDeviceLogin,
  startDeviceLogin,
  type DeviceAuthorization,
  type DeviceLoginContext,
  type Sleep,
} from '../../../src/main/core/kimi/device-login.js';
import { resolveEndpoints } from '../../../src/main/core/kimi/endpoints.js';
import { identityHeaders } from '../../../src/main/core/kimi/identity.js';
import { DEVICE_AUTHORIZATION, DEVICE_CODE, formOf, startFakeKimi, type FakeKimi } from '../../fake-kimi/index.js';

const identity = identityHeaders({
  appVersion: '0.1.0',
  device: { hostname: 'box', osName: 'Linux', osRelease: '6.1.0', osVersion: '#1 SMP', arch: 'x64' },
  deviceId: 'c0ffee00-0000-4000-8000-000000000001',
});

/** Time that moves only when the poller sleeps, so no test waits for real. */
function fakeTime(start = Date.parse('2026-11-24T10:00:00Z')): { clock: { now(): number }; sleep: Sleep; slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    clock: { now: () => now },
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
    slept,
  };
}

let kimi: FakeKimi;
let authBaseUrl: string;
beforeAll(async () => {
  kimi = await startFakeKimi();
  authBaseUrl = resolveEndpoints({ region: 'kimi.com', env: { KIMI_CODE_OAUTH_HOST: kimi.url } }).authBaseUrl;
});
afterAll(() => kimi.close());
beforeEach(() => kimi.reset());

function context(clock?: { now(): number }): DeviceLoginContext {
  return clock === undefined ? { authBaseUrl, identity } : { authBaseUrl, identity, clock };
}

async function failure(work: Promise<unknown>): Promise<KimiError> {
  const error = await work.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(KimiError);
  return error as KimiError;
}

function authorization(overrides: Partial<DeviceAuthorization> = {}): DeviceAuthorization {
  return {
    userCode: 'ABCD-EFGH',
    deviceCode: DEVICE_CODE,
    verificationUri: DEVICE_AUTHORIZATION.verification_uri,
    verificationUriComplete: DEVICE_AUTHORIZATION.verification_uri_complete,
    expiresIn: 900,
    interval: 5,
    ...overrides,
  };
}

describe('startDeviceLogin', () => {
  it('posts the client id as a form with the identity headers', async () => {
    expect(await startDeviceLogin(context())).toEqual(authorization());
    const [sent] = kimi.requestsTo('deviceAuthorization');
    expect(formOf(sent!)).toEqual({ client_id: KIMI_CODE_CLIENT_ID });
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent?.headers).toMatchObject({ 'user-agent': 'KimiBar/0.1.0', 'x-msh-platform': 'kimibar', 'x-msh-device-id': 'c0ffee00-0000-4000-8000-000000000001' });
  });

  it('defaults the interval, caps the lifetime at 15 minutes and accepts numeric strings', async () => {
    kimi.on('deviceAuthorization', { body: { user_code: 'X', device_code: 'D', verification_uri: 'https://www.kimi.com/device', expires_in: '3600' } });
    expect(await startDeviceLogin(context())).toMatchObject({ expiresIn: 900, interval: 5, verificationUriComplete: null });
  });

  it('refuses a reply without the codes, and reports server errors', async () => {
    kimi.script('deviceAuthorization', { body: { user_code: 'X' } }, { status: 503, headers: { 'retry-after': '10' } });
    expect((await failure(startDeviceLogin(context()))).code).toBe('parse');
    expect(await failure(startDeviceLogin(context()))).toMatchObject({ code: 'http', status: 503, retryAfterSeconds: 10 });
  });
});

describe('mayOpenVerificationUri', () => {
  it.each([
    ['https://www.kimi.com/code/authorize_device?user_code=X', 'kimi.com', true],
    ['https://kimi.com/device', 'kimi.com', true],
    ['https://auth.kimi.ai/device', 'kimi.ai', true],
    ['https://auth.kimi.ai/device', 'kimi.com', false],
    ['http://www.kimi.com/device', 'kimi.com', false],
    ['https://www.kimi.com.evil.example/device', 'kimi.com', false],
    ['https://evilkimi.com/device', 'kimi.com', false],
    ['https://user@www.kimi.com/device', 'kimi.com', false],
    ['javascript:alert(1)', 'kimi.com', false],
    ['not a url', 'kimi.com', false],
    [null, 'kimi.com', false],
  ] as const)('%s on %s → %s', (uri, region, expected) => {
    expect(mayOpenVerificationUri(uri, region)).toBe(expected);
  });
});

describe('pollDeviceLogin', () => {
  it('keeps polling while pending, slows down by 5 s, and returns the tokens', async () => {
    const time = fakeTime();
    kimi.script(
      'token',
      { status: 400, body: { error: 'authorization_pending' } },
      { status: 400, body: { error: 'slow_down' } },
      { status: 400, body: { error: 'authorization_pending' } },
    );
    const tokens = await pollDeviceLogin(context(time.clock), authorization(), { sleep: time.sleep });
    expect(time.slept).toEqual([5000, 5000, 10_000, 10_000]);
    expect(tokens).toEqual({ accessToken: 'device-access-1', refreshToken: 'device-refresh-1', expiresAt: time.clock.now() + 900_000 });
    const polls = kimi.requestsTo('token');
    expect(polls).toHaveLength(4);
    for (const poll of polls) {
      expect(formOf(poll)).toEqual({ client_id: KIMI_CODE_CLIENT_ID, device_code: DEVICE_CODE, grant_type: 'urn:ietf:params:oauth:grant-type:device_code' });
      expect(poll.headers['x-msh-device-id']).toBe('c0ffee00-0000-4000-8000-000000000001');
    }
  });

  it('keeps polling through a dropped connection', async () => {
    const time = fakeTime();
    kimi.script('token', { status: 400, body: { error: 'authorization_pending' } }, { drop: true });
    const tokens = await pollDeviceLogin(context(time.clock), authorization(), { sleep: time.sleep });
    expect(tokens.accessToken).toBe('device-access-1');
    expect(kimi.requestsTo('token')).toHaveLength(3);
  });

  it('stops when the code expires', async () => {
    const time = fakeTime();
    kimi.script('token', { status: 400, body: { error: 'authorization_pending' } }, { status: 400, body: { error: 'expired_token' } });
    const error = await failure(pollDeviceLogin(context(time.clock), authorization(), { sleep: time.sleep }));
    expect(error.code).toBe('device-login-expired');
    expect(error.message).toBe('The sign-in code expired — start again');
  });

  it('stops when the user denies access', async () => {
    const time = fakeTime();
    kimi.script('token', { status: 403, body: { error: 'access_denied' } });
    expect((await failure(pollDeviceLogin(context(time.clock), authorization(), { sleep: time.sleep }))).code).toBe('device-login-denied');
  });

  it('gives up after expires_in without another poll', async () => {
    const time = fakeTime();
    kimi.on('token', { status: 400, body: { error: 'authorization_pending' } });
    const error = await failure(pollDeviceLogin(context(time.clock), authorization({ expiresIn: 12 }), { sleep: time.sleep }));
    expect(error.code).toBe('device-login-expired');
    expect(kimi.requestsTo('token')).toHaveLength(2);
  });

  it('never waits longer than 15 minutes, whatever the server says', async () => {
    kimi.on('deviceAuthorization', { body: { ...DEVICE_AUTHORIZATION, expires_in: 86_400, interval: 60 } });
    kimi.on('token', { status: 400, body: { error: 'authorization_pending' } });
    const time = fakeTime();
    const start = await startDeviceLogin(context(time.clock));
    const began = time.clock.now();
    expect((await failure(pollDeviceLogin(context(time.clock), start, { sleep: time.sleep }))).code).toBe('device-login-expired');
    expect(time.clock.now() - began).toBe(15 * 60_000);
    expect(kimi.requestsTo('token')).toHaveLength(14);
  });

  it('reports unexpected errors and replies without tokens', async () => {
    const time = fakeTime();
    kimi.script('token', { status: 500, body: { error: 'server_error' } }, { body: { token_type: 'Bearer' } });
    expect(await failure(pollDeviceLogin(context(time.clock), authorization(), { sleep: time.sleep }))).toMatchObject({ code: 'http', status: 500 });
    expect((await failure(pollDeviceLogin(context(time.clock), authorization(), { sleep: time.sleep }))).code).toBe('parse');
  });

  it('is cancelled while waiting between polls', async () => {
    const controller = new AbortController();
    const pending = pollDeviceLogin(context(), authorization({ interval: 5 }), { signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).code).toBe('cancelled');
    expect(kimi.requestsTo('token')).toHaveLength(0);
  });
});
