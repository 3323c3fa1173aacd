// Every error the core can report has its text in every language the app speaks.
import { describe, expect, it } from 'vitest';
import { KIMI_ERROR_CODES, KimiError } from '../../src/main/core/errors.js';
import { LOCALES, errorText, isMessageKey } from '../../src/shared/i18n/index.js';
import { ErrorActionSchema } from '../../src/shared/usage.js';

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

  it('lists exactly the actions some error suggests, each with a button text', () => {
    const produced = new Set(KIMI_ERROR_CODES.map((code) => new KimiError(code).action).filter((action) => action !== null));
    expect([...produced].sort()).toEqual([...ErrorActionSchema.options].sort());
    for (const action of ErrorActionSchema.options) expect(isMessageKey(`action.${action}`)).toBe(true);
  });
});
