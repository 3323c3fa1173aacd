// "Updated just now" under a minute, "Updated 5 min ago" under an hour, then "Updated at 14:05":
// recent enough to trust is said in words, older in the clock time the reader can compare.
// Numbers shown as old say their age instead: "From 2 h ago".
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** A clock time ("2:05 PM", "14:05") in a BCP 47 locale's own short style (the system's
 *  locale when absent), so each reader sees the 12- or 24-hour clock they are used to. */
export function clockFormatter(locale?: string, timeZone?: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  return (date) => format.format(date);
}

/**
 * The "Updated …" line. A time ahead of the clock (a clock that moved) reads "just now"; an
 * unreadable one reads "not updated yet" rather than a made-up time. The clock time is in the
 * reader's language unless the caller passes another formatter.
 */
export function updatedText(locale: Locale, updatedAt: string, nowMs: number, formatClock: (date: Date) => string = clockFormatter(locale)): string {
  const updatedMs = Date.parse(updatedAt);
  if (Number.isNaN(updatedMs)) return t(locale, 'updated.never');
  const agoMs = nowMs - updatedMs;
  if (agoMs < MINUTE_MS) return t(locale, 'updated.justNow');
  if (agoMs < HOUR_MS) return t(locale, 'updated.minutes', { n: Math.floor(agoMs / MINUTE_MS) });
  return t(locale, 'updated.at', { time: formatClock(new Date(updatedMs)) });
}

const DAY_MS = 24 * HOUR_MS;

/**
 * How old shown numbers are, for cards that dim when they are old: "From 2 h ago",
 * "From 45 min ago", "From 3 d ago", and "From a moment ago" under a minute (as "Updated just
 * now" says beside it). One unit, rounded down: the reader needs the order of magnitude, and
 * rounding down never makes numbers sound older than they are.
 */
export function staleAgeText(locale: Locale, updatedAt: string, nowMs: number): string {
  const updatedMs = Date.parse(updatedAt);
  if (Number.isNaN(updatedMs)) return t(locale, 'updated.never');
  const agoMs = Math.max(0, nowMs - updatedMs);
  if (agoMs < MINUTE_MS) return t(locale, 'stale.fromMoment');
  const age =
    agoMs < HOUR_MS
      ? t(locale, 'age.minutes', { n: Math.floor(agoMs / MINUTE_MS) })
      : agoMs < 2 * DAY_MS
        ? t(locale, 'age.hours', { n: Math.floor(agoMs / HOUR_MS) })
        : t(locale, 'age.days', { n: Math.floor(agoMs / DAY_MS) });
  return t(locale, 'stale.from', { age });
}
