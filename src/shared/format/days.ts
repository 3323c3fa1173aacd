// Calendar days (YYYY-MM-DD, already local) as labels: "M" / "一" under a bar, "Mon, Nov 24" /
// "11月24日周一" where the whole day is said. Noon UTC, formatted in UTC, is that same day.
import type { Locale } from '../i18n/index.js';

const narrow = new Map<Locale, Intl.DateTimeFormat>();
const full = new Map<Locale, Intl.DateTimeFormat>();

function at(isoDay: string): number {
  return Date.parse(`${isoDay}T12:00:00Z`);
}

export function weekdayLetter(locale: Locale, isoDay: string): string {
  let format = narrow.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { weekday: 'narrow', timeZone: 'UTC' });
    narrow.set(locale, format);
  }
  return format.format(at(isoDay));
}

export function dayText(locale: Locale, isoDay: string): string {
  let format = full.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
    full.set(locale, format);
  }
  return format.format(at(isoDay));
}
