import { describe, expect, it } from 'vitest';
import type { Credential } from '../../../src/main/core/kimi/credential.js';
import { useFirstWorkingSource, type CredentialSource, type SourceMode } from '../../../src/main/core/auth/priority.js';
import { KimiError, type KimiErrorCode } from '../../../src/main/core/errors.js';
import type { SourceKind } from '../../../src/shared/usage.js';

// The priority rules are a pure decision over sources; each source here is a scripted outcome.
type Outcome = { credential: Credential } | { missing: KimiErrorCode };

const credentials: Record<SourceKind, Credential> = {
  'api-key': { kind: 'api-key', token: 'sk-kimi-key', origin: 'settings' },
  'kimi-account': { kind: 'kimi-account', token: 'device-access' },
  'kimi-cli': { kind: 'kimi-cli', token: 'cli-access', path: '/x', baseUrl: 'https://api.kimi.com/coding/v1' },
  web: { kind: 'web', token: 'web-jwt', origin: 'env', label: 'Kimi web token (KIMI_AUTH_TOKEN)' },
};

function sourcesFrom(outcomes: Partial<Record<SourceKind, Outcome>>): Map<SourceKind, CredentialSource> {
  const map = new Map<SourceKind, CredentialSource>();
  for (const kind of ['api-key', 'kimi-account', 'kimi-cli', 'web'] as const) {
    const outcome = outcomes[kind] ?? { missing: 'auth-missing' };
    map.set(kind, {
      kind,
      resolve: async () => {
        if ('missing' in outcome) throw new KimiError(outcome.missing);
        return outcome.credential;
      },
    });
  }
  return map;
}

/** The server's answer per token: a value, or an error. */
function server(answers: Record<string, KimiError | string>) {
  const seen: string[] = [];
  const use = async (credential: Credential) => {
    seen.push(credential.token);
    const answer = answers[credential.token];
    if (answer === undefined) throw new Error(`unexpected token ${credential.token}`);
    if (answer instanceof KimiError) throw answer;
    return answer;
  };
  return { use, seen };
}

const all: Partial<Record<SourceKind, Outcome>> = {
  'api-key': { credential: credentials['api-key'] },
  'kimi-account': { credential: credentials['kimi-account'] },
  'kimi-cli': { credential: credentials['kimi-cli'] },
  web: { credential: credentials.web },
};

describe('Auto', () => {
  it('uses the API key first when everything is configured', async () => {
    const { use, seen } = server({ 'sk-kimi-key': 'from-api' });
    const result = await useFirstWorkingSource('auto', sourcesFrom(all), use);
    expect(result.value).toBe('from-api');
    expect(seen).toEqual(['sk-kimi-key']);
  });

  it.each<[string, KimiError]>([
    ['401', new KimiError('api-key-invalid', { status: 401 })],
    ['a 403 that is not about the quota', new KimiError('permission-denied', { status: 403 })],
    ['a 5xx', new KimiError('http', { status: 503 })],
    ['a network failure', new KimiError('network', { detail: 'connection refused' })],
    ['a parse failure', new KimiError('parse', { detail: 'no usage' })],
  ])('falls back to the next source after %s', async (_name, failure) => {
    const { use, seen } = server({ 'sk-kimi-key': failure, 'device-access': 'from-account' });
    const result = await useFirstWorkingSource('auto', sourcesFrom(all), use);
    expect(result.value).toBe('from-account');
    expect(result.credential.kind).toBe('kimi-account');
    expect(result.attempts).toEqual([{ source: 'api-key', error: failure }]);
    expect(seen).toEqual(['sk-kimi-key', 'device-access']);
  });

  it.each<[string, KimiError]>([
    ['a 429', new KimiError('http', { status: 429, retryAfterSeconds: 30 })],
    ['an insecure base URL', new KimiError('insecure-base-url')],
    ['cancellation', new KimiError('cancelled')],
    // The credential works; the account's quota is spent — another credential would not help.
    ['a spent quota (403 "usage limit")', new KimiError('quota-exhausted', { status: 403, window: 'weekly' })],
  ])('does not fall back after %s', async (_name, failure) => {
    const { use, seen } = server({ 'sk-kimi-key': failure });
    await expect(useFirstWorkingSource('auto', sourcesFrom(all), use)).rejects.toMatchObject({ code: failure.code });
    expect(seen).toEqual(['sk-kimi-key']);
  });

  it('walks API key → account → CLI → web past missing credentials', async () => {
    const { use, seen } = server({ 'web-jwt': 'from-web' });
    const result = await useFirstWorkingSource(
      'auto',
      sourcesFrom({ 'api-key': { missing: 'api-key-missing' }, 'kimi-account': { missing: 'not-signed-in' }, 'kimi-cli': { missing: 'cli-credential-missing' }, web: all.web! }),
      use,
    );
    expect(result.value).toBe('from-web');
    expect(result.attempts.map((a) => a.source)).toEqual(['api-key', 'kimi-account', 'kimi-cli']);
    expect(seen).toEqual(['web-jwt']);
  });

  it('says nothing is set up when no source has a credential (the first run, not an error)', async () => {
    const { use } = server({});
    await expect(useFirstWorkingSource('auto', sourcesFrom({}), use)).rejects.toMatchObject({ code: 'not-configured', exitCode: 6, action: null });
  });

  it('reports the first real failure rather than a later "missing"', async () => {
    const failure = new KimiError('api-key-invalid', { status: 401 });
    const { use } = server({ 'sk-kimi-key': failure });
    await expect(useFirstWorkingSource('auto', sourcesFrom({ 'api-key': all['api-key']! }), use)).rejects.toBe(failure);
  });

  it('stops at once when the signal is aborted', async () => {
    const controller = new AbortController();
    const use = async () => {
      controller.abort();
      throw new KimiError('network', { detail: 'aborted' });
    };
    await expect(useFirstWorkingSource('auto', sourcesFrom(all), use, controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('explicit modes use their one source and never fall back', () => {
  it.each<[SourceMode, SourceKind, string]>([
    ['api', 'api-key', 'sk-kimi-key'],
    ['account', 'kimi-account', 'device-access'],
    ['cli', 'kimi-cli', 'cli-access'],
    ['web', 'web', 'web-jwt'],
  ])('%s uses %s', async (mode, kind, token) => {
    const { use, seen } = server({ [token]: `from-${kind}` });
    const result = await useFirstWorkingSource(mode, sourcesFrom(all), use);
    expect(result.credential.kind).toBe(kind);
    expect(seen).toEqual([token]);
  });

  it('api mode with no key says the API key is missing', async () => {
    const { use } = server({ 'device-access': 'never used' });
    await expect(useFirstWorkingSource('api', sourcesFrom({ 'api-key': { missing: 'api-key-missing' }, 'kimi-account': all['kimi-account']! }), use)).rejects.toMatchObject({
      message: 'Kimi Code API key is missing',
    });
  });

  it('api mode with a rejected key fails without trying other sources', async () => {
    const { use, seen } = server({ 'sk-kimi-key': new KimiError('api-key-invalid', { status: 401 }) });
    await expect(useFirstWorkingSource('api', sourcesFrom(all), use)).rejects.toMatchObject({ message: 'Kimi Code API key is invalid or expired' });
    expect(seen).toEqual(['sk-kimi-key']);
  });
});

describe('renewal after a rejection', () => {
  it('retries once with a renewed credential (browser re-import)', async () => {
    const stale: Credential = { kind: 'web', token: 'old-cookie', origin: 'browser', label: 'Kimi web cookie (Chrome)' };
    const fresh: Credential = { ...stale, token: 'new-cookie' };
    let renewals = 0;
    const sources = new Map<SourceKind, CredentialSource>([
      ['web', { kind: 'web', resolve: async () => stale, renewAfterRejection: async () => (renewals++, fresh) }],
    ]);
    const { use, seen } = server({ 'old-cookie': new KimiError('auth-invalid', { status: 401 }), 'new-cookie': 'from-fresh' });
    const result = await useFirstWorkingSource('web', sources, use);
    expect(result.value).toBe('from-fresh');
    expect(result.credential).toBe(fresh);
    expect(renewals).toBe(1);
    expect(seen).toEqual(['old-cookie', 'new-cookie']);
  });

  it('does not renew after errors that are not rejections', async () => {
    let renewals = 0;
    const sources = new Map<SourceKind, CredentialSource>([
      ['web', { kind: 'web', resolve: async () => credentials.web, renewAfterRejection: async () => (renewals++, null) }],
    ]);
    const { use } = server({ 'web-jwt': new KimiError('http', { status: 500 }) });
    await expect(useFirstWorkingSource('web', sources, use)).rejects.toMatchObject({ status: 500 });
    expect(renewals).toBe(0);
  });
});
