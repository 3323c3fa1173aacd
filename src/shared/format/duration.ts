// How long until something happens: "2h 13m", "4d 3h", "45m". Minutes are rounded up, so a
// countdown never shows "0m" while time is left and never promises a minute that is not there.
// Two units are enough to plan with; a zero second unit is left out ("2h", not "2h 0m").
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';

const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 1440;

/** The span of `ms` still ahead (at least "1m"); a caller says "now" once the moment has come.
 *  `compact`: for a place with no room (an account's row), without the spaces and long unit
 *  words Chinese otherwise takes ("2小时13分", not "2 小时 13 分钟"); English is short already. */
export function formatDuration(locale: Locale, ms: number, style: 'full' | 'compact' = 'full'): string {
  const totalMinutes = Math.max(1, Math.ceil(ms / MINUTE_MS));
  const d = Math.floor(totalMinutes / MINUTES_PER_DAY);
  const h = Math.floor((totalMinutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const m = totalMinutes % MINUTES_PER_HOUR;
  const keys = style === 'compact' ? COMPACT : FULL;
  if (d > 0) return t(locale, h > 0 ? keys.days : keys.daysOnly, { d, h });
  if (h > 0) return t(locale, m > 0 ? keys.hours : keys.hoursOnly, { h, m });
  return t(locale, keys.minutes, { m });
}

const FULL = { days: 'duration.days', daysOnly: 'duration.daysOnly', hours: 'duration.hours', hoursOnly: 'duration.hoursOnly', minutes: 'duration.minutes' } as const;
const COMPACT = {
  days: 'duration.compact.days',
  daysOnly: 'duration.compact.daysOnly',
  hours: 'duration.compact.hours',
  hoursOnly: 'duration.compact.hoursOnly',
  minutes: 'duration.compact.minutes',
} as const;

/** Milliseconds from `nowMs` to an ISO instant, or null when there is no readable instant. */
export function msUntil(instant: string | null | undefined, nowMs: number): number | null {
  if (instant === null || instant === undefined) return null;
  const at = Date.parse(instant);
  return Number.isNaN(at) ? null : at - nowMs;
}
