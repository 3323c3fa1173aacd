// The count text under a window's bar: "214/2048 requests" for the weekly quota, "Rate: 139/200
// per 5 hours" for the rate limit, and "42% used" where the server gave only a share.
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import { countUnit } from '../count-unit.js';
import type { UsageWindow } from '../usage.js';
import type { PercentMode } from './percent.js';
import { wholePercent } from './percent.js';

export type CountsInput = Pick<UsageWindow, 'id' | 'usedPercent' | 'used' | 'limit' | 'windowMinutes'>;

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 1440;

/** The counts worth printing, or null when the window is a share only: a ratio pool, unknown
 *  counts, or a limit that counts percent ("47/100 requests" would be false; it reads "47% used"
 *  like a pool). History samples carry no unit, so the limit decides, by the one rule. */
export function requestCounts(window: { readonly used?: number | null; readonly limit?: number | null }): { used: number; limit: number } | null {
  const { used, limit } = window;
  if (used === undefined || used === null || limit === undefined || limit === null || countUnit(limit) === 'percent') return null;
  return { used, limit };
}

/** "Up to 30 parallel requests": how many requests the plan serves at once. */
export function parallelText(locale: Locale, limit: number): string {
  return limit === 1 ? t(locale, 'parallel.one') : t(locale, 'parallel.many', { n: limit });
}

/**
 * "214/2048 requests", the rate text for the 5-hour row, or "42% used" for a share. With
 * "Show usage as used" the headline already says the share, so a share-only window has no
 * count text then (null).
 */
export function countText(locale: Locale, window: CountsInput, mode: PercentMode = 'left'): string | null {
  const counts = requestCounts(window);
  if (counts === null) return mode === 'used' ? null : t(locale, 'count.ratio', { percent: wholePercent(window.usedPercent, 'used') });
  if (window.id !== '5h') return t(locale, 'count.requests', counts);
  const per = perText(locale, window.windowMinutes);
  return per === null ? t(locale, 'count.rateBare', counts) : t(locale, 'count.rate', { ...counts, per });
}

/** "per 5 hours", "per hour", "per 90 minutes", "per 7 days": the window length as the rate's
 *  unit, worded whole because a language may join "per" and a lone unit ("每小时"). */
function perText(locale: Locale, minutes: number | undefined): string | null {
  if (minutes === undefined) return null;
  if (minutes % MINUTES_PER_DAY === 0) return count(locale, minutes / MINUTES_PER_DAY, 'per.day', 'per.days');
  if (minutes % MINUTES_PER_HOUR === 0) return count(locale, minutes / MINUTES_PER_HOUR, 'per.hour', 'per.hours');
  return count(locale, minutes, 'per.minute', 'per.minutes');
}

function count(locale: Locale, n: number, one: 'per.day' | 'per.hour' | 'per.minute', many: 'per.days' | 'per.hours' | 'per.minutes'): string {
  return n === 1 ? t(locale, one) : t(locale, many, { n });
}
