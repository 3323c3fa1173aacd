import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KimiError } from '../../../src/main/core/errors.js';
import { MAX_BODY_BYTES, createTransport, parseRetryAfter, type FetchImplementation, type TransportOptions } from '../../../src/main/core/kimi/transport.js';
import { assertSecretNotSent, createTestCa, startFakeKimi, type FakeKimi } from '../../fake-kimi/index.js';

const TOKEN = 'sk-kimi-transport-secret-0123456789';
const auth = { Authorization: `Bearer ${TOKEN}` };

async function failure(work: Promise<unknown>): Promise<KimiError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KimiError);
  const kimiError = error as KimiError;
  expect(kimiError.message).not.toContain(TOKEN);
  return kimiError;
}

let kimi: FakeKimi;
let other: FakeKimi;
beforeAll(async () => {
  [kimi, other] = await Promise.all([startFakeKimi(), startFakeKimi()]);
});
afterAll(async () => {
  await Promise.all([kimi.close(), other.close()]);
});
beforeEach(() => {
  kimi.reset();
  other.reset();
});

// The rules are the transport's, whichever stack carries the bytes: every one of them is checked
// over Node's own https (the default, the CLI's) and over a fetch implementation (the app's seam).
const STACKS: [string, TransportOptions][] = [
  ['over node:https (the default)', {}],
  ['over a fetch implementation', { fetch: (url, init) => fetch(url, init) }],
];

describe.each(STACKS)('the transport %s', (_stack, stack) => {
  const request = createTransport(stack);

  describe('request', () => {
    it('sends the method, headers and body and returns the parsed JSON', async () => {
      kimi.on('/echo', { body: { hello: 'world' } });
      const response = await request({ url: `${kimi.url}/echo`, method: 'POST', headers: { ...auth, 'X-Test': 'yes' }, body: '{"a":1}' });
      expect(response).toEqual({ status: 200, ok: true, body: { hello: 'world' }, retryAfterSeconds: undefined });
      const [recorded] = kimi.requests;
      expect(recorded).toMatchObject({ method: 'POST', path: '/echo', body: '{"a":1}' });
      expect(recorded?.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(recorded?.headers['x-test']).toBe('yes');
    });

    it('returns non-2xx statuses with their JSON body, or null when the body is not JSON', async () => {
      kimi.script('/status', { status: 400, body: { error: 'authorization_pending' } }, { status: 502, body: '<html>bad gateway</html>' });
      expect(await request({ url: `${kimi.url}/status` })).toMatchObject({ status: 400, ok: false, body: { error: 'authorization_pending' } });
      expect(await request({ url: `${kimi.url}/status` })).toMatchObject({ status: 502, ok: false, body: null });
    });

    it('reads Retry-After as seconds or as an HTTP date', async () => {
      const now = Date.parse('2026-11-24T10:00:00Z');
      const clocked = createTransport({ ...stack, clock: { now: () => now } });
      kimi.script(
        '/limited',
        { status: 429, headers: { 'retry-after': '120' } },
        { status: 503, headers: { 'retry-after': 'Tue, 24 Nov 2026 10:01:30 GMT' } },
        { status: 429, headers: { 'retry-after': 'soon' } },
      );
      expect((await clocked({ url: `${kimi.url}/limited` })).retryAfterSeconds).toBe(120);
      expect((await clocked({ url: `${kimi.url}/limited` })).retryAfterSeconds).toBe(90);
      expect((await clocked({ url: `${kimi.url}/limited` })).retryAfterSeconds).toBeUndefined();
    });

    it('refuses a 2xx body that is not JSON as a parse failure', async () => {
      kimi.on('/html', { body: '<html>login</html>' });
      const error = await failure(request({ url: `${kimi.url}/html` }));
      expect(error.code).toBe('parse');
    });

    it('refuses bodies over 1 MiB while streaming, without a declared length', async () => {
      kimi.on('/huge', { oversizeBytes: MAX_BODY_BYTES + 1 });
      const error = await failure(request({ url: `${kimi.url}/huge`, headers: auth }));
      expect(error.code).toBe('parse');
      expect(error.message).toBe('Failed to parse Kimi usage data: response too large');
    });

    it('refuses a declared oversize body before reading it', async () => {
      kimi.on('/huge', { oversizeBytes: 5 * MAX_BODY_BYTES, declareLength: true });
      const error = await failure(request({ url: `${kimi.url}/huge` }));
      expect(error.message).toBe('Failed to parse Kimi usage data: response too large');
    });

    it('accepts a body right at the limit', async () => {
      const small = createTransport({ ...stack, maxBodyBytes: 4096 });
      kimi.script('/sized', { oversizeBytes: 4096 }, { oversizeBytes: 4097 });
      expect((await small({ url: `${kimi.url}/sized` })).body).toMatchObject({ padding: expect.any(String) as unknown });
      expect((await failure(small({ url: `${kimi.url}/sized` }))).code).toBe('parse');
    });

    it('gives up after the time limit with a network error', async () => {
      const quick = createTransport({ ...stack, timeoutMs: 150 });
      kimi.on('/slow', { delayMs: 5_000, body: {} });
      const error = await failure(quick({ url: `${kimi.url}/slow`, headers: auth }));
      expect(error.code).toBe('network');
      expect(error.message).toBe('Kimi network error: timed out');
    });

    it("stops when the caller's signal aborts, as cancelled", async () => {
      kimi.on('/slow', { delayMs: 5_000, body: {} });
      const controller = new AbortController();
      const pending = request({ url: `${kimi.url}/slow`, signal: controller.signal });
      await expect.poll(() => kimi.requestsTo('/slow').length).toBe(1);
      controller.abort();
      expect((await failure(pending)).code).toBe('cancelled');
      expect((await failure(request({ url: `${kimi.url}/slow`, signal: AbortSignal.abort() }))).code).toBe('cancelled');
    });

    it('reports a dropped connection as a network error', async () => {
      kimi.on('/drop', { drop: true });
      const error = await failure(request({ url: `${kimi.url}/drop`, headers: auth }));
      expect(error.code).toBe('network');
      expect(error.message).toMatch(/^Kimi network error: (connection closed|connection reset)$/);
    });

    it('reports a closed port as connection refused', async () => {
      const gone = await startFakeKimi();
      const url = `${gone.url}/coding/v1/usages`;
      await gone.close();
      const error = await failure(request({ url, headers: auth }));
      expect(error.message).toBe('Kimi network error: connection refused');
    });

    it('verifies certificates: a server signed by an untrusted CA is refused', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kimibar-untrusted-ca-'));
      const untrusted = await startFakeKimi({ ca: createTestCa(dir) });
      try {
        const error = await failure(request({ url: `${untrusted.url}/coding/v1/usages`, headers: auth }));
        expect(error.message).toBe('Kimi network error: certificate not trusted');
        expect(untrusted.requests).toHaveLength(0);
      } finally {
        await untrusted.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses plain http and user-info URLs before connecting', async () => {
      const port = new URL(kimi.url).port;
      expect((await failure(request({ url: `http://127.0.0.1:${port}/x`, headers: auth }))).code).toBe('insecure-base-url');
      expect((await failure(request({ url: `https://u:p@127.0.0.1:${port}/x`, headers: auth }))).code).toBe('insecure-base-url');
      expect(kimi.requests).toHaveLength(0);
    });

    it('refuses header values that cannot be sent, without quoting them', async () => {
      const error = await failure(request({ url: `${kimi.url}/x`, headers: { Authorization: `Bearer ${TOKEN}\r\nX-Injected: 1` } }));
      expect(error.code).toBe('usage');
      expect(kimi.requests).toHaveLength(0);
    });

    it.each([
      ['a semicolon in the cookie', { Cookie: `kimi-auth=${TOKEN};admin=1` }],
      ['white space in the cookie', { Cookie: `kimi-auth=${TOKEN} x` }],
      ['a lone U+FFFD in the cookie', { Cookie: `kimi-auth=${TOKEN}\ufffd` }],
      ['white space in the bearer token', { Authorization: `Bearer ${TOKEN} x` }],
      ['a comma in the bearer token', { Authorization: `Bearer ${TOKEN},x` }],
      ['no scheme', { Authorization: TOKEN }],
    ])('refuses a credential header with %s, by the same rule browser import uses', async (_label, headers) => {
      const error = await failure(request({ url: `${kimi.url}/x`, headers }));
      expect(error.code).toBe('usage');
      expect(kimi.requests).toHaveLength(0);
    });

    it('sends credential headers made of sendable tokens', async () => {
      kimi.on('/cred', { body: {} });
      const headers = { Authorization: `Bearer ${TOKEN}`, Cookie: `kimi-auth=${TOKEN}; other=a.b-c_d=`, 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)' };
      await request({ url: `${kimi.url}/cred`, headers });
      expect(kimi.requestsTo('/cred')[0]?.headers.cookie).toBe(headers.Cookie);
    });
  });

  describe('redirects', () => {
    it('follows a same-origin https redirect with the token', async () => {
      kimi.on('/start', { status: 307, redirectTo: '/final' });
      kimi.on('/final', { body: { done: true } });
      const response = await request({ url: `${kimi.url}/start`, headers: auth });
      expect(response.body).toEqual({ done: true });
      expect(kimi.requestsTo('/final')[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    });

    it('turns a POST into a GET without a body after 303', async () => {
      kimi.on('/form', { status: 303, redirectTo: `${kimi.url}/result` });
      kimi.on('/result', { body: { ok: 1 } });
      await request({ url: `${kimi.url}/form`, method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"x":1}' });
      const followed = kimi.requestsTo('/result')[0];
      expect(followed?.method).toBe('GET');
      expect(followed?.body).toBe('');
      expect(followed?.headers['content-type']).toBeUndefined();
    });

    it('refuses a redirect to another origin and never sends it the token', async () => {
      kimi.on('/start', { status: 302, redirectTo: `${other.url}/coding/v1/usages` });
      const error = await failure(request({ url: `${kimi.url}/start`, headers: auth }));
      expect(error.message).toBe('Kimi network error: redirect to another host refused');
      expect(other.requests).toHaveLength(0);
      assertSecretNotSent(other, TOKEN);
    });

    it('refuses a redirect from https to http on the same host', async () => {
      const port = new URL(kimi.url).port;
      kimi.on('/start', { status: 301, redirectTo: `http://127.0.0.1:${port}/final` });
      const error = await failure(request({ url: `${kimi.url}/start`, headers: auth }));
      expect(error.message).toBe('Kimi network error: redirect to another host refused');
      expect(kimi.requestsTo('/final')).toHaveLength(0);
    });

    it('stops after five redirects', async () => {
      kimi.on('/loop', { status: 302, redirectTo: '/loop' });
      const error = await failure(request({ url: `${kimi.url}/loop`, headers: auth }));
      expect(error.message).toBe('Kimi network error: too many redirects');
      expect(kimi.requestsTo('/loop')).toHaveLength(6);
    });
  });
});

// The app hands the transport Electron's `net.fetch`; Electron never runs here, so the port is
// proven with other fetch-compatible functions over real HTTPS: Node's fetch behind a recording
// wrapper, and a double that answers redirects the way `net.fetch` does under redirect: 'manual'
// (it rejects with "Redirect was cancelled" rather than returning the 3xx; electron/electron#43715).
describe('any fetch-compatible implementation', () => {
  interface Recorded {
    readonly url: string;
    readonly redirect: RequestRedirect | undefined;
  }
  function recording(inner: FetchImplementation = (url, init) => fetch(url, init)): { fetch: FetchImplementation; calls: Recorded[] } {
    const calls: Recorded[] = [];
    return {
      calls,
      fetch: (url, init) => {
        calls.push({ url, redirect: init.redirect });
        return inner(url, init);
      },
    };
  }
  /** Behaves like `net.fetch` with redirect: 'manual': a 3xx is a rejection, its body discarded. */
  const netFetchLike: FetchImplementation = async (url, init) => {
    const response = await fetch(url, init);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new Error('Redirect was cancelled');
    }
    return response;
  };

  it('sends every request through the injected function, always with redirect: manual', async () => {
    const injected = recording();
    const transport = createTransport({ fetch: injected.fetch });
    kimi.on('/start', { status: 307, redirectTo: '/final' });
    kimi.on('/final', { body: { done: true } });
    expect((await transport({ url: `${kimi.url}/start`, headers: auth })).body).toEqual({ done: true });
    expect(injected.calls).toEqual([
      { url: `${kimi.url}/start`, redirect: 'manual' },
      { url: `${kimi.url}/final`, redirect: 'manual' },
    ]);
    expect(kimi.requestsTo('/final')[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('keeps the cross-origin redirect rule, the body cap, Retry-After and the time limit', async () => {
    const injected = recording();
    const now = Date.parse('2026-11-24T10:00:00Z');
    const transport = createTransport({ fetch: injected.fetch, timeoutMs: 150, clock: { now: () => now } });

    kimi.on('/away', { status: 302, redirectTo: `${other.url}/coding/v1/usages` });
    expect((await failure(transport({ url: `${kimi.url}/away`, headers: auth }))).message).toBe('Kimi network error: redirect to another host refused');
    assertSecretNotSent(other, TOKEN);

    kimi.on('/huge', { oversizeBytes: MAX_BODY_BYTES + 1 });
    expect((await failure(transport({ url: `${kimi.url}/huge`, headers: auth }))).message).toBe('Failed to parse Kimi usage data: response too large');

    kimi.on('/limited', { status: 429, headers: { 'retry-after': 'Tue, 24 Nov 2026 10:01:30 GMT' } });
    expect((await transport({ url: `${kimi.url}/limited` })).retryAfterSeconds).toBe(90);

    kimi.on('/slow', { delayMs: 5_000, body: {} });
    expect((await failure(transport({ url: `${kimi.url}/slow`, headers: auth }))).message).toBe('Kimi network error: timed out');

    expect(injected.calls.map((call) => new URL(call.url).pathname)).toEqual(['/away', '/huge', '/limited', '/slow']);
  });

  it('fails closed when the implementation rejects redirects, as net.fetch does, and follows nothing', async () => {
    const injected = recording(netFetchLike);
    const transport = createTransport({ fetch: injected.fetch });
    kimi.on('/start', { status: 302, redirectTo: `${other.url}/coding/v1/usages` });
    kimi.on('/moved', { status: 307, redirectTo: '/final' });
    expect((await failure(transport({ url: `${kimi.url}/start`, headers: auth }))).message).toBe('Kimi network error: redirect not followed');
    expect((await failure(transport({ url: `${kimi.url}/moved`, headers: auth }))).message).toBe('Kimi network error: redirect not followed');
    expect(other.requests).toHaveLength(0);
    expect(kimi.requestsTo('/final')).toHaveLength(0);
    expect(injected.calls).toHaveLength(2);
  });

  it("names Chromium's net errors with the fixed phrases, never quoting anything else", async () => {
    const rejecting = (message: string): FetchImplementation => () => Promise.reject(new Error(message));
    const cases: [string, string][] = [
      ['net::ERR_PROXY_CONNECTION_FAILED', 'proxy unreachable'],
      ['net::ERR_CERT_AUTHORITY_INVALID', 'certificate not trusted'],
      ['net::ERR_NAME_NOT_RESOLVED', 'host not found'],
      [`net::ERR_FAILED at https://kimi.example/?token=${TOKEN}`, 'request failed'],
    ];
    for (const [message, phrase] of cases) {
      const error = await failure(createTransport({ fetch: rejecting(message) })({ url: `${kimi.url}/x`, headers: auth }));
      expect(error.message).toBe(`Kimi network error: ${phrase}`);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it.each([
    ['30', 30],
    [' 7 ', 7],
    ['0', 0],
    ['Tue, 24 Nov 2026 10:00:10 GMT', 10],
    ['Tue, 24 Nov 2026 09:00:00 GMT', 0],
  ])('reads %s as %s seconds', (value, seconds) => {
    expect(parseRetryAfter(value, now)).toBe(seconds);
  });
  it.each([null, '', '-5', '1.5', 'later', '99999999999999999999'])('ignores %s', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
