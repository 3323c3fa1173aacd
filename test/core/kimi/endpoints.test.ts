import { describe, expect, it } from 'vitest';
import { KimiError } from '../../../src/main/core/errors.js';
import { cliLoginUsagesUrl, kimiServiceBaseUrl, regionHosts, resolveEndpoints } from '../../../src/main/core/kimi/endpoints.js';

describe('regionHosts', () => {
  it('names www, api and auth hosts per region', () => {
    expect(regionHosts('kimi.com')).toEqual({ domain: 'kimi.com', www: 'www.kimi.com', api: 'api.kimi.com', auth: 'auth.kimi.com' });
    expect(regionHosts('kimi.ai')).toEqual({ domain: 'kimi.ai', www: 'www.kimi.ai', api: 'api.kimi.ai', auth: 'auth.kimi.ai' });
  });
});

describe('resolveEndpoints', () => {
  it('uses the region hosts without overrides', () => {
    expect(resolveEndpoints({ region: 'kimi.com', env: {} })).toEqual({
      codeApiUsagesUrl: 'https://api.kimi.com/coding/v1/usages',
      webBaseUrl: 'https://www.kimi.com',
      authBaseUrl: 'https://auth.kimi.com',
    });
    expect(resolveEndpoints({ region: 'kimi.ai', env: {} }).codeApiUsagesUrl).toBe('https://api.kimi.ai/coding/v1/usages');
  });

  it.each([
    ['https://proxy.example', 'https://proxy.example/coding/v1/usages'],
    ['https://proxy.example/', 'https://proxy.example/coding/v1/usages'],
    ['https://proxy.example/coding', 'https://proxy.example/coding/v1/usages'],
    ['https://proxy.example/coding/', 'https://proxy.example/coding/v1/usages'],
    ['https://proxy.example/coding/v1', 'https://proxy.example/coding/v1/usages'],
    ['https://proxy.example/coding/v1/', 'https://proxy.example/coding/v1/usages'],
    ['https://proxy.example:8443/kimi', 'https://proxy.example:8443/kimi/coding/v1/usages'],
    ['https://127.0.0.1:9000/coding/v1', 'https://127.0.0.1:9000/coding/v1/usages'],
    ['https://[::1]:9000', 'https://[::1]:9000/coding/v1/usages'],
  ])('appends the usages path to %s without doubling /coding', (base, expected) => {
    const endpoints = resolveEndpoints({ region: 'kimi.com', env: { KIMI_CODE_BASE_URL: base } });
    expect(endpoints.codeApiUsagesUrl).toBe(expected);
  });

  it('prefers the settings field over KIMI_CODE_BASE_URL, and ignores blank values', () => {
    const env = { KIMI_CODE_BASE_URL: 'https://env.example' };
    expect(resolveEndpoints({ region: 'kimi.com', env, apiBaseUrl: 'https://settings.example' }).codeApiUsagesUrl).toBe(
      'https://settings.example/coding/v1/usages',
    );
    expect(resolveEndpoints({ region: 'kimi.com', env, apiBaseUrl: '  ' }).codeApiUsagesUrl).toBe('https://env.example/coding/v1/usages');
    expect(resolveEndpoints({ region: 'kimi.ai', env: { KIMI_CODE_BASE_URL: '' }, apiBaseUrl: null }).codeApiUsagesUrl).toBe('https://api.kimi.ai/coding/v1/usages');
  });

  it('applies the web and OAuth host overrides without moving the Code API', () => {
    const endpoints = resolveEndpoints({
      region: 'kimi.com',
      env: { KIMIBAR_WEB_BASE_URL: 'https://127.0.0.1:4443/', KIMI_CODE_OAUTH_HOST: 'https://localhost:4444' },
    });
    expect(endpoints.webBaseUrl).toBe('https://127.0.0.1:4443');
    expect(endpoints.authBaseUrl).toBe('https://localhost:4444');
    expect(endpoints.codeApiUsagesUrl).toBe('https://api.kimi.com/coding/v1/usages');
  });

  const refused = [
    'http://api.kimi.com',
    'https://user:pass@api.kimi.com',
    'https://user@api.kimi.com',
    'ftp://api.kimi.com',
    'api.kimi.com',
    '/coding/v1',
    'https://api.kimi.com?x=1',
    'https://api.kimi.com/#frag',
    'https://api.kimi.com/?',
    'https://api.ki%6di.com',
    'https://api_kimi.com',
    'javascript:alert(1)',
    'not a url',
  ];
  for (const variable of ['KIMI_CODE_BASE_URL', 'KIMIBAR_WEB_BASE_URL', 'KIMI_CODE_OAUTH_HOST']) {
    it.each(refused)(`refuses ${variable}=%s with insecure-base-url`, (value) => {
      const attempt = (): unknown => resolveEndpoints({ region: 'kimi.com', env: { [variable]: value } });
      expect(attempt).toThrow(KimiError);
      expect(attempt).toThrow('Kimi Code API base URL must use HTTPS without user info');
    });
  }

  it('refuses an insecure settings field even when the environment is fine', () => {
    expect(() =>
      resolveEndpoints({ region: 'kimi.com', env: { KIMI_CODE_BASE_URL: 'https://ok.example' }, apiBaseUrl: 'http://proxy.example' }),
    ).toThrow(expect.objectContaining({ code: 'insecure-base-url' }));
  });
});

// A Kimi Code CLI login's token goes only to its own base URL, and only when that is Kimi's.
describe('cliLoginUsagesUrl', () => {
  it.each([
    ['https://api.kimi.ai/coding/v1', 'https://api.kimi.ai/coding/v1/usages'],
    ['https://api.kimi.com/coding/v1/', 'https://api.kimi.com/coding/v1/usages'],
    ['https://API.Kimi.AI/coding/v1', 'https://api.kimi.ai/coding/v1/usages'],
    ['https://kimi.com/coding', 'https://kimi.com/coding/v1/usages'],
    ['https://api.kimi.com', 'https://api.kimi.com/coding/v1/usages'],
    ['https://api.kimi.ai:443/coding/v1', 'https://api.kimi.ai/coding/v1/usages'],
  ])('reads %s at %s', (base, expected) => {
    expect(cliLoginUsagesUrl(base)).toBe(expected);
  });

  it.each([
    ['http://api.kimi.ai/coding/v1', "its login's base URL (api.kimi.ai) does not use https"],
    ['https://api.kimi.ai:8443/coding/v1', "its login's base URL for api.kimi.ai:8443 is not a plain https address"],
    ['https://api.dev.example.test/coding/v1', "its login is for api.dev.example.test, not one of Kimi's servers"],
    ['https://kimi.ai.evil.example/coding/v1', "its login is for kimi.ai.evil.example, not one of Kimi's servers"],
    ['https://evilkimi.ai/coding/v1', "its login is for evilkimi.ai, not one of Kimi's servers"],
    ['https://127.0.0.1/coding/v1', "its login is for 127.0.0.1, not one of Kimi's servers"],
    ['https://user:secret@api.kimi.ai/coding/v1', "its login's base URL for api.kimi.ai is not a plain https address"],
    ['https://api.kimi.ai/coding/v1?x=1', "its login's base URL for api.kimi.ai is not a plain https address"],
    ['', 'its login names a base URL that is not a URL'],
  ])('refuses %s, saying why without user info', (base, why) => {
    expect(kimiServiceBaseUrl(base)).toBeNull();
    const attempt = (): unknown => cliLoginUsagesUrl(base);
    expect(attempt).toThrow(expect.objectContaining({ code: 'cli-credential-missing' }));
    expect(attempt).toThrow(`No usable Kimi Code CLI login found: ${why}; its token is only sent to https on kimi.com or kimi.ai`);
    expect(attempt).not.toThrow(/secret/);
  });
});
