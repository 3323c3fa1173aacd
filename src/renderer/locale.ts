// The page's language: the Language setting, else the OS languages the browser reports.
import type { Locale } from '../shared/i18n/index.js';
import { resolveLocale } from '../shared/i18n/index.js';
import type { Settings } from '../shared/settings.js';

export function pageLocale(settings: Settings | null): Locale {
  const locale = resolveLocale(settings?.general.language ?? 'system', navigator.languages);
  document.documentElement.lang = locale;
  return locale;
}
