// The words every screen shows for a window (SPEC §3): counts, reset countdowns, "updated",
// pace and forecast. The CLI, the tray tooltip and the renderer all use these, so the wording is
// the same everywhere. The words live in one object so a translation can replace them whole.
import type { Pace, UsageWindow } from '../../../shared/usage.js';
import { parseIsoInstant } from './wire.js';

type PeriodUnit = 'minute' | 'hour' | 'day';

export const ENGLISH_WORDS = {
  resetsIn: (duration: string) => `Resets in ${duration}`,
  resetsNow: 'Resets now',
  updatedJustNow: 'Updated just now',
  updatedMinutesAgo: (minutes: number) => `Updated ${minutes} min ago`,
  updatedAt: (clock: string) => `Updated at ${clock}`,
  requests: (used: number, limit: number) => `${used}/${limit} requests`,
  percentUsed: (percent: number) => `${percent}% used`,
  rate: (used: number, limit: number) => `Rate: ${used}/${limit}`,
  ratePer: (used: number, limit: number, period: string) => `Rate: ${used}/${limit} per ${period}`,
  period: (count: number, unit: PeriodUnit) => (count === 1 ? unit : `${count} ${unit}s`),
  onPace: 'On pace',
  inReserve: (percent: number) => `${percent}% in reserve`,
  inDeficit: (percent: number) => `${percent}% in deficit`,
  runsOutIn: (duration: string) => `Runs out in ${duration}`,
  runsOutNow: 'Runs out now',
  lastsUntilReset: 'Lasts until reset',
  durationUnits: { day: 'd', hour: 'h', minute: 'm' },
};
export type UsageWords = typeof ENGLISH_WORDS;

const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 1440;

/** "2h 13m", "4d 3h", "45m" — minutes rounded up; null when the moment has come. */
export function formatDuration(ms: number, words: UsageWords = ENGLISH_WORDS): string | null {
  const totalMinutes = Math.ceil(ms / MINUTE_MS);
  if (!Number.isFinite(totalMinutes) || totalMinutes <= 0) return null;
  const days = Math.floor(totalMinutes / MINUTES_PER_DAY);
  const hours = Math.floor((totalMinutes % MINUTES_PER_DAY) / MINUTES_PER_HOUR);
  const minutes = totalMinutes % MINUTES_PER_HOUR;
  const { day, hour, minute } = words.durationUnits;
  const parts: [number, string][] =
    days > 0 ? [[days, day], [hours, hour]] : hours > 0 ? [[hours, hour], [minutes, minute]] : [[minutes, minute]];
  // Two units are enough to plan with; a zero second unit is left out ("2h", not "2h 0m").
  return parts
    .filter(([count], index) => index === 0 || count > 0)
    .map(([count, unit]) => `${count}${unit}`)
    .join(' ');
}

/** "Resets in 2h 13m" / "Resets now"; null when the window has no (readable) reset time. */
export function formatResetIn(resetsAt: string | undefined, now: Date, words: UsageWords = ENGLISH_WORDS): string | null {
  const resetMs = parseIsoInstant(resetsAt);
  if (resetMs === undefined) return null;
  const duration = formatDuration(resetMs - now.getTime(), words);
  return duration === null ? words.resetsNow : words.resetsIn(duration);
}

/** A clock-time formatter ("14:05") for `formatUpdated`, in the given locale and zone. */
export function clockFormatter(locale?: string, timeZone?: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...(timeZone ? { timeZone } : {}) });
  return (date) => format.format(date);
}

/** "Updated just now" under a minute, "Updated 5 min ago" under an hour, then "Updated at 14:05". */
export function formatUpdated(
  updatedAt: string,
  now: Date,
  formatClock: (date: Date) => string = clockFormatter(),
  words: UsageWords = ENGLISH_WORDS,
): string {
  const updatedMs = parseIsoInstant(updatedAt);
  if (updatedMs === undefined) return words.updatedJustNow;
  const agoMs = now.getTime() - updatedMs;
  if (agoMs < MINUTE_MS) return words.updatedJustNow;
  if (agoMs < MINUTES_PER_HOUR * MINUTE_MS) return words.updatedMinutesAgo(Math.floor(agoMs / MINUTE_MS));
  return words.updatedAt(formatClock(new Date(updatedMs)));
}

export type CountsInput = Pick<UsageWindow, 'id' | 'usedPercent' | 'used' | 'limit' | 'windowMinutes'>;

/** "214/2048 requests", the rate text for the 5-hour row, or "42% used" for a ratio pool. */
export function formatCounts(window: CountsInput, words: UsageWords = ENGLISH_WORDS): string {
  if (window.used === undefined || window.limit === undefined) return words.percentUsed(displayPercent(window.usedPercent));
  if (window.id === '5h') return formatRate(window, words);
  return words.requests(window.used, window.limit);
}

/** "Rate: 139/200 per 5 hours", "… per 90 minutes", or "Rate: 139/200" when the length is unknown. */
export function formatRate(window: CountsInput, words: UsageWords = ENGLISH_WORDS): string {
  if (window.used === undefined || window.limit === undefined) return words.percentUsed(displayPercent(window.usedPercent));
  const period = periodText(window.windowMinutes, words);
  return period === null ? words.rate(window.used, window.limit) : words.ratePer(window.used, window.limit, period);
}

function periodText(minutes: number | undefined, words: UsageWords): string | null {
  if (minutes === undefined) return null;
  if (minutes % MINUTES_PER_DAY === 0) return words.period(minutes / MINUTES_PER_DAY, 'day');
  if (minutes % MINUTES_PER_HOUR === 0) return words.period(minutes / MINUTES_PER_HOUR, 'hour');
  return words.period(minutes, 'minute');
}

/** "On pace", "8% in reserve" or "8% in deficit". */
export function formatPace(pace: Pace, words: UsageWords = ENGLISH_WORDS): string {
  if (pace.stage === 'on-pace') return words.onPace;
  const distance = Math.round(Math.abs(pace.deltaPercent));
  return pace.deltaPercent > 0 ? words.inDeficit(distance) : words.inReserve(distance);
}

/** "Runs out in 1h 20m" or "Lasts until reset". */
export function formatForecast(pace: Pace, now: Date, words: UsageWords = ENGLISH_WORDS): string {
  const runsOutMs = parseIsoInstant(pace.runsOutAt);
  if (runsOutMs === undefined) return words.lastsUntilReset;
  const duration = formatDuration(runsOutMs - now.getTime(), words);
  return duration === null ? words.runsOutNow : words.runsOutIn(duration);
}

/** Whole percent for display; a window that is not full never reads "100%". */
function displayPercent(percent: number): number {
  const rounded = Math.round(percent);
  return rounded === 100 && percent < 100 ? 99 : rounded;
}
