// `kimibar diagnose` as a user runs it: a real child process, fake-kimi, the real keyring.
import { readFileSync, statSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { DiagnosticsBundleSchema } from '../../src/main/core/diagnostics/bundle.js';
import { createSecretStore } from '../../src/main/core/settings/secrets.js';
import { fakeJwt } from '../fake-kimi/index.js';
import { useFakeKimi } from '../fake-kimi/lifecycle.js';
import { cliSandbox, type CliSandbox } from './run-cli.js';

const API_KEY = 'sk-kimi-diagnose-test-key-0123456789';
const HOUR = 3_600_000;

const kimi = useFakeKimi();
let sandbox: CliSandbox;

beforeEach(() => {
  sandbox = cliSandbox(kimi.url);
});

function usageBody(secretish: string) {
  return {
    user: { userId: secretish, membership: { level: 'LEVEL_INTERMEDIATE' } },
    usage: { limit: '2048', used: '214', resetTime: new Date(Date.now() + 24 * HOUR).toISOString() },
    limits: [{ window: { duration: 300, timeUnit: 'TIME_UNIT_MINUTE' }, detail: { limit: '200', used: '139', resetTime: new Date(Date.now() + HOUR).toISOString() } }],
  };
}

describe('kimibar diagnose', () => {
  it('prints a valid bundle with the answer’s shape, the sources and the last error — and no secret', async () => {
    const webToken = fakeJwt({ sub: 'diagnose-leak-check', exp: Math.floor(Date.now() / 1000) + 600 });
    const deviceTokens = { accessToken: 'device-access-secret-0123456789', refreshToken: 'device-refresh-secret-0123456789', expiresAt: Date.now() + HOUR };
    const secrets = await createSecretStore({ service: sandbox.env.KIMIBAR_KEYCHAIN_SERVICE });
    await secrets.set('device-login', JSON.stringify(deviceTokens));
    await secrets.set('manual-token', webToken);
    expect((await sandbox.run(['config', 'set-api-key', '--api-key', API_KEY])).code).toBe(0);

    // The server echoes a secret as a value: a shape must not carry it.
    kimi.on('usages', () => ({ body: usageBody(API_KEY) }));
    const ok = await sandbox.run(['diagnose', '--json'], { env: { KIMI_AUTH_TOKEN: webToken } });
    expect(ok.code).toBe(0);
    const bundle = DiagnosticsBundleSchema.parse(JSON.parse(ok.stdout));
    expect(bundle.app.surface).toBe('cli');
    expect(bundle.files.configDir).toBe('~/config');
    expect(bundle.responses).toEqual([
      expect.objectContaining({ endpoint: 'code-api-usages', shape: expect.objectContaining({ usage: { limit: 'numeric string', used: 'numeric string', resetTime: 'string' } }) as unknown }),
    ]);
    expect(bundle.sources.map((source) => [source.kind, source.ready])).toEqual([
      ['api-key', true],
      ['kimi-account', true],
      ['kimi-cli', false],
      ['web', true],
    ]);
    expect(bundle.cookieImport).not.toBeNull();

    // A refused key: the error is in the bundle, the command still succeeds.
    kimi.on('usages', { status: 401, body: { error: `bad key ${API_KEY}` } });
    const written = await sandbox.run(['diagnose'], { env: { KIMI_AUTH_TOKEN: webToken } });
    expect(written.code).toBe(0);
    const path = /Diagnostics written to (\S+)/.exec(written.stdout)?.[1] ?? '';
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const fileText = readFileSync(path, 'utf8');
    const fromFile = DiagnosticsBundleSchema.parse(JSON.parse(fileText));
    expect(fromFile.lastErrors.map((error) => error.code)).toContain('api-key-invalid');

    for (const text of [ok.stdout, ok.stderr, written.stdout, written.stderr, fileText]) {
      for (const secret of [API_KEY, webToken, webToken.split('.')[1] ?? '', deviceTokens.accessToken, deviceTokens.refreshToken]) {
        expect(text).not.toContain(secret);
      }
    }
    // The bundle names no user: the home folder is "~".
    for (const bundleText of [ok.stdout, fileText]) expect(bundleText).not.toContain(sandbox.home);
  });

  it('--no-refresh makes no request', async () => {
    kimi.on('usages', () => ({ body: usageBody('u1') }));
    const result = await sandbox.run(['diagnose', '--json', '--no-refresh'], { env: { KIMI_CODE_API_KEY: API_KEY } });
    expect(result.code).toBe(0);
    expect(kimi.requestsTo('usages')).toHaveLength(0);
    expect(DiagnosticsBundleSchema.parse(JSON.parse(result.stdout)).responses).toEqual([]);
  });
});
