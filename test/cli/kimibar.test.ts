// `kimibar` as a user runs it: a real child process, a real HTTPS fake-kimi, a real keyring.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore } from '../../src/main/core/settings/secrets.js';
import { SettingsSchema } from '../../src/shared/settings.js';
import { UsageSnapshotSchema } from '../../src/shared/usage.js';
import { MEMBERSHIP_STATS, WEB_USAGES, fakeJwt, startFakeKimi, type FakeKimi } from '../fake-kimi/index.js';
import { DENIED_403, QUOTA_403 } from '../fixtures/kimi/forbidden-403.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';
import { liveCodeApiUsage } from '../fake-kimi/defaults.js';

const HOUR = 3_600_000;
const API_KEY = 'sk-kimi-cli-test-key-0123456789abcdef';

let kimi: FakeKimi;
let sandbox: CliSandbox;


beforeAll(async () => {
  kimi = await startFakeKimi();
});
afterAll(async () => {
  await kimi.close();
});
beforeEach(() => {
  kimi.reset();
  kimi.on('usages', () => ({ body: liveCodeApiUsage() }));
  sandbox = cliSandbox(kimi.url);
});

describe('kimibar usage with an API key', () => {
  it('prints the 5-hour row first, then Weekly, with counts, percent, countdown, pace and plan', async () => {
    const result = await sandbox.run(['usage'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Kimi · Allegretto · Kimi Code API key');
    expect(lines[1]).toMatch(/^5-hour\s+█+░+\s+31% left\s+Rate: 139\/200 per 5 hours$/);
    expect(lines[2]).toMatch(/Resets in (1h 59m|2h) · 10% in deficit · Runs out in (1h )?\d+m$/);
    expect(lines[3]).toMatch(/^Weekly\s+█+░*\s+90% left\s+214\/2048 requests$/);
    expect(lines[4]).toMatch(/Resets in (3d 23h|4d) · 32% in reserve · Lasts until reset/);
    expect(lines[5]).toBe('Updated just now');

    const [request] = kimi.requestsTo('usages');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers.accept).toBe('application/json');
    // Identity headers belong to OAuth tokens only.
    expect(request?.headers['x-msh-device-id']).toBeUndefined();
  });

  it('--json prints the documented snapshot shape', async () => {
    const result = await sandbox.run(['usage', '--json'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(result.code).toBe(0);
    const snapshot = UsageSnapshotSchema.parse(JSON.parse(result.stdout));
    expect(snapshot.source).toEqual({ kind: 'api-key', label: 'Kimi Code API key' });
    expect(snapshot.plan).toBe('Allegretto');
    expect(snapshot.stale).toBe(false);
    expect(snapshot.windows.map((w) => [w.id, w.title, w.used, w.limit, w.windowMinutes])).toEqual([
      ['5h', '5-hour', 139, 200, 300],
      ['weekly', 'Weekly', 214, 2048, 10080],
    ]);
    expect(snapshot.windows[0]?.usedPercent).toBe(69.5);
    expect(snapshot.windows[0]?.pace).toMatchObject({ stage: 'medium' });
  });

  it('uses a key saved with `config set-api-key --stdin` from the real keychain', async () => {
    const saved = await sandbox.run(['config', 'set-api-key', '--provider', 'kimi', '--stdin'], { stdin: `${API_KEY}\n` });
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain('sk-kimi-…cdef');
    expect(saved.stdout).not.toContain(API_KEY);

    const result = await sandbox.run(['usage', '--source', 'api', '--json']);
    expect(result.code).toBe(0);
    expect(kimi.requestsTo('usages')[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);

    const shown = await sandbox.run(['config', 'show']);
    expect(shown.stdout).toContain('api-key: sk-kimi-…cdef');
    expect(shown.stdout).not.toContain(API_KEY);
  });
});

describe('kimibar login (device flow)', () => {
  it('prints the code, waits for approval, then fetches usage with the account', async () => {
    kimi.on('deviceAuthorization', {
      body: { user_code: 'WXYZ-1234', device_code: 'dev-code', verification_uri: 'https://www.kimi.com/code/authorize_device', expires_in: 600, interval: 1 },
    });
    kimi.script('token', { status: 400, body: { error: 'authorization_pending' } });

    const login = await sandbox.run(['login']);
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toContain('WXYZ-1234');
    expect(login.stdout).toContain('https://www.kimi.com/code/authorize_device');
    expect(login.stdout).toContain('Signed in to Kimi.');
    expect(kimi.requestsTo('token')).toHaveLength(2);

    const status = await sandbox.run(['status']);
    expect(status.stdout).toMatch(/✓ Kimi account\s+signed in/);
    expect(status.stdout).toContain('would use: Kimi account');

    const usage = await sandbox.run(['usage', '--json']);
    expect(usage.code).toBe(0);
    expect(UsageSnapshotSchema.parse(JSON.parse(usage.stdout)).source).toEqual({ kind: 'kimi-account', label: 'Kimi account (signed in)' });
    const request = kimi.requestsTo('usages')[0];
    expect(request?.headers.authorization).toMatch(/^Bearer device-/);
    expect(request?.headers['x-msh-device-id']).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(request?.headers['user-agent']).toMatch(/^KimiBar\//);

    const logout = await sandbox.run(['logout']);
    expect(logout.stdout).toContain('Signed out of Kimi.');
    expect((await sandbox.run(['usage', '--source', 'account'])).stderr).toContain('Not signed in to Kimi');
  });

  it('stops with a clear message when the user denies access', async () => {
    kimi.on('deviceAuthorization', { body: { user_code: 'DENY-0000', device_code: 'd', verification_uri: 'https://www.kimi.com/x', interval: 1 } });
    kimi.script('token', { status: 400, body: { error: 'access_denied' } });
    const login = await sandbox.run(['login']);
    expect(login.code).toBe(3);
    expect(login.stderr.trim()).toBe('Sign-in was denied in the browser');
  });
});

describe('kimibar usage on the web path (KIMI_AUTH_TOKEN)', () => {
  it('shows usage plus the monthly rows from membership stats', async () => {
    const now = Date.now();
    const token = fakeJwt({ sub: 'traffic-1', ssid: 'session-1', device_id: 'device-1', exp: Math.floor(now / 1000) + 3600 });
    const usage = structuredClone(WEB_USAGES);
    usage.usages[0]!.detail.resetTime = new Date(now + 3 * 24 * HOUR).toISOString();
    usage.usages[0]!.limits[0]!.detail.resetTime = new Date(now + HOUR).toISOString();
    kimi.on('webUsages', { body: usage });
    const membership = structuredClone(MEMBERSHIP_STATS);
    membership.subscriptionBalance.expireTime = new Date(now + 20 * 24 * HOUR).toISOString();
    membership.ratelimitCode7d.resetTime = new Date(now + 5 * 24 * HOUR).toISOString();
    kimi.on('membership', { body: membership });

    const result = await sandbox.run(['usage', '--source', 'web', '--json'], { env: { KIMI_AUTH_TOKEN: token } });
    expect(result.stderr).toBe('');
    const snapshot = UsageSnapshotSchema.parse(JSON.parse(result.stdout));
    expect(snapshot.source).toEqual({ kind: 'web', label: 'Kimi web token (KIMI_AUTH_TOKEN)' });
    expect(snapshot.windows.map((w) => w.id)).toEqual(['5h', 'weekly', 'monthly-total', 'monthly-code', 'code-7d']);
    expect(snapshot.windows[3]).toMatchObject({ title: 'Monthly code', usedPercent: 22 });
    expect(snapshot.windows[2]).toMatchObject({ title: 'Monthly total', usedPercent: 31 });
    expect(snapshot.windows[2]?.used).toBeUndefined();

    const [request] = kimi.requestsTo('webUsages');
    expect(request?.headers.cookie).toBe(`kimi-auth=${token}`);
    expect(request?.headers['x-traffic-id']).toBe('traffic-1');
    expect(JSON.parse(request?.body ?? '')).toEqual({ scope: ['FEATURE_CODING'] });

    const text = await sandbox.run(['usage', '--source', 'web'], { env: { KIMI_AUTH_TOKEN: token } });
    expect(text.stdout).toMatch(/Monthly total\s+█+░+\s+69% left\s+31% used/);
  });
});

describe('errors: the error table texts on stderr with their exit codes', () => {
  const webToken = fakeJwt({ sub: 's' });
  it.each<[string, () => void, string[], NodeJS.ProcessEnv, string | RegExp, number]>([
    // The first run: not an error but how to start, with its own exit code.
    ['no credential at all', () => {}, ['usage'], {}, 'Nothing is set up yet: sign in with `kimibar login`, or save an API key with `kimibar config set-api-key`', 6],
    ['an empty token', () => {}, ['usage', '--source', 'web'], { KIMI_AUTH_TOKEN: '  ' }, 'No Kimi session cookies found', 3],
    ['a KIMI_AUTH_TOKEN holding no token', () => {}, ['usage', '--source', 'web'], { KIMI_AUTH_TOKEN: `${webToken}; admin=1` }, 'Kimi auth token is invalid or expired: no kimi-auth token found in KIMI_AUTH_TOKEN', 3],
    ['web 401', () => kimi.on('webUsages', { status: 401, body: {} }), ['usage', '--source', 'web'], { KIMI_AUTH_TOKEN: webToken }, 'Kimi auth token is invalid or expired', 3],
    ['web 403', () => kimi.on('webUsages', { status: 403, body: {} }), ['usage', '--source', 'web'], { KIMI_AUTH_TOKEN: webToken }, 'Kimi auth token is invalid or expired', 3],
    ['browser import found nothing', () => {}, ['usage', '--source', 'web'], {}, 'No Kimi session cookies found', 3],
    ['an unusable response', () => kimi.on('usages', { body: { hello: 'world' } }), ['usage'], { KIMI_CODE_API_KEY: API_KEY }, /^Failed to parse Kimi usage data: .+$/, 5],
    ['a non-JSON response', () => kimi.on('usages', { body: '<html>oops</html>' }), ['usage'], { KIMI_CODE_API_KEY: API_KEY }, /^Failed to parse Kimi usage data/, 5],
    ['API key missing in API-key mode', () => {}, ['usage', '--source', 'api'], {}, 'Kimi Code API key is missing', 3],
    ['Code API 401 with an API key', () => kimi.on('usages', { status: 401, body: {} }), ['usage', '--source', 'api'], { KIMI_CODE_API_KEY: API_KEY }, 'Kimi Code API key is invalid or expired', 3],
    // A 403 is not "invalid": a spent quota is a plain failure (1), any other 403 a denial (3).
    ['Code API 403 "usage limit" naming no window', () => kimi.on('usages', { status: 403, body: QUOTA_403.billingCycle }), ['usage'], { KIMI_CODE_API_KEY: API_KEY }, 'Kimi usage limit reached', 1],
    ['Code API 403 through the Anthropic-style error', () => kimi.on('usages', { status: 403, body: QUOTA_403.anthropic }), ['usage', '--source', 'api'], { KIMI_CODE_API_KEY: API_KEY }, 'Kimi usage limit reached', 1],
    ['Code API 403 not about the quota', () => kimi.on('usages', { status: 403, body: DENIED_403.clientNotAllowed }), ['usage', '--source', 'api'], { KIMI_CODE_API_KEY: API_KEY }, `Kimi denied access (HTTP 403): ${DENIED_403.clientNotAllowed.error.message}`, 3],
    ['HTTP 429', () => kimi.on('usages', { status: 429, body: {}, headers: { 'retry-after': '30' } }), ['usage'], { KIMI_CODE_API_KEY: API_KEY }, /^Kimi API error: HTTP 429/, 1],
    ['a dropped connection', () => kimi.on('usages', { drop: true }), ['usage', '--source', 'api'], { KIMI_CODE_API_KEY: API_KEY }, /^Kimi network error: .+/, 4],
    ['an http:// base URL', () => {}, ['usage'], { KIMI_CODE_API_KEY: API_KEY, KIMI_CODE_BASE_URL: 'http://127.0.0.1:1' }, 'Kimi Code API base URL must use HTTPS without user info', 2],
    ['a base URL with user info', () => {}, ['usage'], { KIMI_CODE_API_KEY: API_KEY, KIMI_CODE_BASE_URL: 'https://me:pw@127.0.0.1:1' }, 'Kimi Code API base URL must use HTTPS without user info', 2],
    ['an unknown option', () => {}, ['usage', '--bogus'], {}, /^Usage error: .*bogus/s, 2],
    ['an unknown source', () => {}, ['usage', '--source', 'magic'], {}, /--source must be one of auto, api, account, cli, web/, 2],
    ['an unknown command', () => {}, ['frobnicate'], {}, /unknown command 'frobnicate'/, 2],
  ])('%s', async (_name, arrange, args, env, expected, exitCode) => {
    arrange();
    const result = await sandbox.run(args, { env });
    expect(result.code).toBe(exitCode);
    const firstLine = result.stderr.split('\n')[0] ?? '';
    if (typeof expected === 'string') expect(firstLine).toBe(expected);
    else expect(result.stderr.trimEnd()).toMatch(expected);
    expect(result.stdout).toBe('');
    if (exitCode === 2 && args[0] === 'usage') expect(kimi.requests).toHaveLength(0);
  });

  it('"Kimi auth token is missing" stays the error of an explicitly chosen web source', async () => {
    expect((await sandbox.run(['config', 'set', 'kimi.cookieSource', 'manual'])).code).toBe(0);
    const result = await sandbox.run(['usage', '--source', 'web']);
    expect(result.stderr.trim()).toBe('Kimi auth token is missing');
    expect(result.code).toBe(3);
    expect((await sandbox.run(['config', 'set', 'kimi.cookieSource', 'automatic'])).code).toBe(0);
  });

  it('device login refresh rejected: "Signed out of Kimi — sign in again"', async () => {
    const secrets = await createSecretStore({ service: sandbox.env.KIMIBAR_KEYCHAIN_SERVICE });
    expect(await secrets.persistent()).toBe(true);
    await secrets.set('device-login', JSON.stringify({ accessToken: 'old-access', refreshToken: 'spent-refresh', expiresAt: Date.now() - 1000 }));
    kimi.on('token', { status: 400, body: { error: 'invalid_grant' } });
    const result = await sandbox.run(['usage', '--source', 'account']);
    expect(result.stderr.trim()).toBe('Signed out of Kimi — sign in again');
    expect(result.code).toBe(3);
    await secrets.delete('device-login');
  });
});

describe('kimibar with a spent quota (Code API 403 "usage limit")', () => {
  it('prints one line, exits 1, keeps the key in the keychain and uses it again once Kimi answers', async () => {
    const saved = await sandbox.run(['config', 'set-api-key', '--stdin'], { stdin: `${API_KEY}\n` });
    expect(saved.code).toBe(0);
    kimi.on('usages', { status: 403, body: QUOTA_403.weekly });

    for (const args of [['usage'], ['usage', '--json']]) {
      const result = await sandbox.run(args);
      expect(result).toEqual({ code: 1, stdout: '', stderr: 'Kimi usage limit reached: weekly limit\n' });
    }
    // `guard` says "not enough left" the same way: exit 1.
    expect((await sandbox.run(['guard', '--window', 'weekly', '--min-remaining', '10'])).code).toBe(1);

    const secrets = await createSecretStore({ service: sandbox.env.KIMIBAR_KEYCHAIN_SERVICE });
    expect(await secrets.get('api-key')).toBe(API_KEY);
    kimi.on('usages', () => ({ body: liveCodeApiUsage() }));
    const after = await sandbox.run(['usage']);
    expect(after.code).toBe(0);
    expect(kimi.requestsTo('usages').every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
    await secrets.delete('api-key');
  });

  it('repeats a denial’s words only short, on one line and without the key', async () => {
    const message = `Not for this client.\nBearer ${API_KEY} ${'x'.repeat(5000)}`;
    kimi.on('usages', { status: 403, body: { error: { type: 'permission_error', message } } });
    const result = await sandbox.run(['usage'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Kimi denied access \(HTTP 403\): Not for this client\. Bearer \[redacted\] x+…\n$/);
    expect(result.stderr.length).toBeLessThan(300);
  });
});

describe('config, guard and history', () => {
  it('config set/path/show round-trip through the shared settings file', async () => {
    expect((await sandbox.run(['config', 'path'])).stdout.trim()).toBe(join(sandbox.configDir, 'config.json'));
    const set = await sandbox.run(['config', 'set', 'kimi.cookieSource', 'manual']);
    expect(set.code).toBe(0);
    expect(SettingsSchema.parse(JSON.parse(readFileSync(join(sandbox.configDir, 'config.json'), 'utf8'))).accounts[0]!.cookieSource).toBe('manual');
    const bad = await sandbox.run(['config', 'set', 'kimi.cookieSource', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/automatic.*manual.*off/);
    const insecure = await sandbox.run(['config', 'set', 'kimi.apiBaseUrl', 'http://example.test']);
    expect(insecure.stderr.trim()).toBe('Kimi Code API base URL must use HTTPS without user info');
    expect(SettingsSchema.parse(JSON.parse(readFileSync(join(sandbox.configDir, 'config.json'), 'utf8'))).accounts[0]!.apiBaseUrl).toBeNull();
  });

  it('rejects another provider and a missing key', async () => {
    expect((await sandbox.run(['config', 'set-api-key', '--provider', 'openai', '--api-key', 'x'])).code).toBe(2);
    expect((await sandbox.run(['config', 'set-api-key', '--stdin'], { stdin: '\n' })).stderr.trim()).toBe('Kimi Code API key is missing');
  });

  it.each([
    ['5h', '30', 0, '5-hour: 30.5% left (at least 30%)'],
    ['5h', '31', 1, '5-hour: 30.5% left (below 31%)'],
    ['weekly', '89', 0, 'Weekly: 89.6% left (at least 89%)'],
    ['weekly', '90', 1, 'Weekly: 89.6% left (below 90%)'],
  ])('guard --window %s --min-remaining %s exits %i', async (window, min, code, line) => {
    const result = await sandbox.run(['guard', '--window', window, '--min-remaining', min], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(result.stdout.trim()).toBe(line);
    expect(result.code).toBe(code);
  });

  it('history lists the refreshes the CLI made', async () => {
    await sandbox.run(['usage'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    const json = await sandbox.run(['history', '--json']);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as { window: string; used: number | null }[];
    expect(rows.map((r) => [r.window, r.used])).toEqual(expect.arrayContaining([['5h', 139], ['weekly', 214]]));
    const csv = await sandbox.run(['history', '--csv', '--window', '5h']);
    expect(csv.stdout.split('\n')[0]).toMatch(/window/i);
    expect(csv.stdout).toContain('139');
  });
});

describe('secrets never leak', () => {
  it('no token or key appears in any output, error, settings file or history', async () => {
    const webToken = fakeJwt({ sub: 'leak-check', exp: Math.floor(Date.now() / 1000) + 600 });
    const outputs: string[] = [];
    const collect = async (args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string) => {
      const result = await sandbox.run(args, { env, stdin });
      outputs.push(result.stdout, result.stderr);
    };
    await collect(['config', 'set-api-key', '--api-key', API_KEY]);
    await collect(['usage']);
    await collect(['usage', '--json']);
    kimi.on('usages', { status: 401, body: { error: `bad key ${API_KEY}` } });
    await collect(['usage', '--source', 'api']);
    kimi.on('webUsages', { status: 500, body: { echo: webToken } });
    await collect(['usage', '--source', 'web'], { KIMI_AUTH_TOKEN: webToken });
    kimi.on('webUsages', { drop: true });
    await collect(['usage', '--source', 'web'], { KIMI_AUTH_TOKEN: webToken });
    await collect(['status'], { KIMI_AUTH_TOKEN: webToken });
    await collect(['config', 'show'], { KIMI_AUTH_TOKEN: webToken });
    await collect(['history', '--csv']);
    await collect(['cookies', '--json']);

    const files = listFiles(sandbox.configDir).map((path) => readFileSync(path).toString('latin1'));
    for (const text of [...outputs, ...files]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(webToken);
      expect(text).not.toContain(webToken.split('.')[1]);
    }
    expect(files.length).toBeGreaterThanOrEqual(2); // config.json and the history database at least
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
