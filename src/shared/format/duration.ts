// How long until something happens: "2h 13m", "4d 3h", "45m". Minutes are rounded up, so a
// countdown never shows "0m" while time is left and never promises a minute that is not there.
// Two units are enough to plan with; a zero second unit is left out ("2h", not "2h 0m").
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';

const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 1440;

/** The span of `ms` still ahead (at least "1m"); a caller says "now" once the moment has come. */
export function formatDuration(locale: Locale, ms: number): string {
  const totalMinutes = Math.max(1, Math.ceil(ms / MINUTE_MS));
  const d = Math.floor(totalMinutes / MINUTES_PER_DAY);
  const h = Math.floor((totalMinutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const m = totalMinutes % MINUTES_PER_HOUR;
  if (d > 0) return t(locale, h > 0 ? 'duration.days' : 'duration.daysOnly', { d, h });
  if (h > 0) return t(locale, m > 0 ? 'duration.hours' : 'duration.hoursOnly', { h, m });
  return t(locale, 'duration.minutes', { m });
}

/** Milliseconds from `nowMs` to an ISO instant, or null when there is no readable instant. */
export function msUntil(instant: string | null | undefined, nowMs: number): number | null {
  if (instant === null || instant === undefined) return null;
  const at = Date.parse(instant);
  return Number.isNaN(at) ? null : at - nowMs;
}
