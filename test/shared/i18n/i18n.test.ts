import { describe, expect, test } from 'vitest';
import { en } from '../../../src/shared/i18n/en.js';
import { errorText, resolveLocale, t } from '../../../src/shared/i18n/index.js';
import { zhCN } from '../../../src/shared/i18n/zh-CN.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('catalogs', () => {
  test('Simplified Chinese has every English key and no other', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  test('every translation keeps the same placeholders and is not empty', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
      expect(zhCN[key].trim(), key).not.toBe('');
    }
  });

  test('the error texts people and scripts already know keep their wording', () => {
    expect(en['error.auth-missing']).toBe('Kimi auth token is missing');
    expect(en['error.auth-invalid']).toBe('Kimi auth token is invalid or expired');
    expect(en['error.no-cookies']).toBe('No Kimi session cookies found');
    expect(en['error.parse']).toBe('Failed to parse Kimi usage data');
  });
});

describe('t', () => {
  test('fills placeholders in the chosen language', () => {
    expect(t('en', 'count.rate', { used: 139, limit: 200, per: 'per 5 hours' })).toBe('Rate: 139/200 per 5 hours');
    expect(t('zh-CN', 'percent.left', { percent: 31 })).toBe('剩余 31%');
  });

  test('a missing parameter leaves its placeholder visible rather than printing "undefined"', () => {
    expect(t('en', 'reset.in')).toBe('Resets in {duration}');
  });
});

describe('resolveLocale', () => {
  test('the setting overrides the OS languages', () => {
    expect(resolveLocale('en', ['zh-CN'])).toBe('en');
    expect(resolveLocale('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  test('"system" takes the first OS language we have; every Chinese variant reads Simplified Chinese', () => {
    expect(resolveLocale('system', ['zh-Hans-CN', 'en'])).toBe('zh-CN');
    expect(resolveLocale('system', ['zh-TW'])).toBe('zh-CN');
    expect(resolveLocale('system', ['de-DE', 'en-GB', 'zh'])).toBe('en');
    expect(resolveLocale('system', ['fr'])).toBe('en');
    expect(resolveLocale('system', [])).toBe('en');
  });
});

describe('errorText', () => {
  test('English shows the core message as it is', () => {
    expect(errorText('en', { code: 'http', message: 'Kimi API error: HTTP 429 (rate limited)', action: 'retry' })).toBe('Kimi API error: HTTP 429 (rate limited)');
  });

  test('Chinese translates the base by code and keeps the detail', () => {
    expect(errorText('zh-CN', { code: 'http', message: 'Kimi API error: HTTP 429 (rate limited)', action: 'retry' })).toBe('Kimi API 错误: HTTP 429 (rate limited)');
    expect(errorText('zh-CN', { code: 'auth-missing', message: 'Kimi auth token is missing', action: 'open-settings' })).toBe('缺少 Kimi 认证令牌');
  });

  test('an unknown code falls back to the message it came with', () => {
    expect(errorText('zh-CN', { code: 'brand-new', message: 'Something new', action: null })).toBe('Something new');
  });
});
