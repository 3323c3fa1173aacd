// The time words of a window: when it resets, how its pace compares with an even rate, and
// whether it lasts until the reset.
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';
import type { Pace, WindowId } from '../usage.js';
import { formatDuration, msUntil } from './duration.js';

/** "Resets in 2h 13m", or "Resets now" once the time has come; null without a reset time. */
export function resetText(locale: Locale, resetsAt: string | null | undefined, nowMs: number): string | null {
  const ms = msUntil(resetsAt, nowMs);
  if (ms === null) return null;
  return ms <= 0 ? t(locale, 'reset.now') : t(locale, 'reset.in', { duration: formatDuration(locale, ms) });
}

/** "On pace", "8% in reserve" or "8% in deficit". */
export function paceText(locale: Locale, pace: Pace): string {
  if (pace.stage === 'on-pace') return t(locale, 'pace.on-pace');
  const n = Math.round(Math.abs(pace.deltaPercent));
  return t(locale, pace.deltaPercent > 0 ? 'pace.deficit' : 'pace.reserve', { n });
}

/** The tone a pace is shown in: behind an even rate is a reserve, ahead of it a deficit. */
export function paceTone(pace: Pace): 'on-pace' | 'reserve' | 'deficit' {
  if (pace.stage === 'on-pace') return 'on-pace';
  return pace.deltaPercent > 0 ? 'deficit' : 'reserve';
}

/** "Runs out in 1h 20m", "Runs out now", or "Lasts until reset". */
export function forecastText(locale: Locale, pace: Pace, nowMs: number): string {
  const ms = msUntil(pace.runsOutAt, nowMs);
  if (ms === null) return t(locale, 'pace.lasts');
  return ms <= 0 ? t(locale, 'pace.runsOutNow') : t(locale, 'pace.runsOut', { duration: formatDuration(locale, ms) });
}

/** "5-hour", "Weekly", … in the reader's language (the snapshot's own titles are English). */
export function windowTitle(locale: Locale, id: WindowId): string {
  return t(locale, `window.${id}`);
}
