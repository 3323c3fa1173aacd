// Every error the core can report has its text in every language the app speaks.
import { describe, expect, it } from 'vitest';
import { KIMI_ERROR_CODES, KimiError } from '../../src/main/core/errors.js';
import { LOCALES, errorText, isMessageKey } from '../../src/shared/i18n/index.js';

describe('error texts', () => {
  it.each(KIMI_ERROR_CODES)('%s has a catalog entry', (code) => {
    expect(isMessageKey(`error.${code}`)).toBe(true);
  });

  it.each(LOCALES)('%s keeps the detail after the translated base text', (locale) => {
    const view = new KimiError('network', { detail: 'connection refused' }).toView();
    const text = errorText(locale, view);
    expect(text.endsWith(': connection refused')).toBe(true);
    if (locale === 'en') expect(text).toBe('Kimi network error: connection refused');
    else expect(text).not.toContain('Kimi network error');
  });
});
