// The message catalog: `t(locale, key, params)` for every user-visible string, the locale
// choice (the OS language decides, the Language setting overrides) and error texts. How
// numbers are worded and rounded lives in ../format.
import type { Language } from '../settings.js';
import type { ErrorView } from '../usage.js';
import type { MessageKey, Messages } from './en.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export type { MessageKey } from './en.js';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

const CATALOGS: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zhCN };

export type MessageParams = Readonly<Record<string, string | number>>;

/** The message for `key`, with `{name}` placeholders filled; an unknown placeholder stays. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return CATALOGS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The setting wins; "system" takes the first of the OS languages we have, else English.
 *  Every Chinese variant gets Simplified Chinese: closer to the reader than English. */
export function resolveLocale(language: Language, preferred: readonly string[]): Locale {
  if (language !== 'system') return language;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}

/**
 * An error's text in the reader's language. The core writes English messages of the form
 * "<base>" or "<base>: <detail>"; the base is translated by the error code and the detail
 * (a status, a short reason) is kept as it is.
 */
export function errorText(locale: Locale, error: ErrorView): string {
  const key = `error.${error.code}`;
  if (!isMessageKey(key)) return error.message;
  const base = en[key];
  const detail = error.message.startsWith(base) ? error.message.slice(base.length) : '';
  return t(locale, key) + detail;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
