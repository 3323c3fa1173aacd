import { describe, expect, it } from 'vitest';
import { KimiError } from '../../../src/main/core/errors.js';
import { regionHosts, resolveEndpoints } from '../../../src/main/core/kimi/endpoints.js';

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
      usingBaseUrlOverride: false,
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
    expect(endpoints.usingBaseUrlOverride).toBe(true);
  });

  it('prefers the settings field over KIMI_CODE_BASE_URL, and ignores blank values', () => {
    const env = { KIMI_CODE_BASE_URL: 'https://env.example' };
    expect(resolveEndpoints({ region: 'kimi.com', env, apiBaseUrl: 'https://settings.example' }).codeApiUsagesUrl).toBe(
      'https://settings.example/coding/v1/usages',
    );
    expect(resolveEndpoints({ region: 'kimi.com', env, apiBaseUrl: '  ' }).codeApiUsagesUrl).toBe('https://env.example/coding/v1/usages');
    expect(resolveEndpoints({ region: 'kimi.com', env: { KIMI_CODE_BASE_URL: '' }, apiBaseUrl: null }).usingBaseUrlOverride).toBe(false);
  });

  it('applies the web and OAuth host overrides without marking the Code API as overridden', () => {
    const endpoints = resolveEndpoints({
      region: 'kimi.com',
      env: { KIMIBAR_WEB_BASE_URL: 'https://127.0.0.1:4443/', KIMI_CODE_OAUTH_HOST: 'https://localhost:4444' },
    });
    expect(endpoints.webBaseUrl).toBe('https://127.0.0.1:4443');
    expect(endpoints.authBaseUrl).toBe('https://localhost:4444');
    expect(endpoints.usingBaseUrlOverride).toBe(false);
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
