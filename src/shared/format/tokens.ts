// Token counts as people read them: "1.2M", "86K" in English and "120万" in Chinese (which
// groups by ten thousands), or every digit where the exact number is wanted (tables' tooltips,
// the CLI). Intl knows each language's compact form, so no unit is spelled out here.
import type { Locale } from '../i18n/index.js';

const compact = new Map<Locale, Intl.NumberFormat>();
const exact = new Map<Locale, Intl.NumberFormat>();

export function tokenText(locale: Locale, tokens: number): string {
  let format = compact.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    compact.set(locale, format);
  }
  return format.format(tokens);
}

export function tokenExact(locale: Locale, tokens: number): string {
  let format = exact.get(locale);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    exact.set(locale, format);
  }
  return format.format(tokens);
}
