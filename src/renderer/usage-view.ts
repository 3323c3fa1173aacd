// What a usage window looks like in words and numbers: pure functions from the snapshot, the
// current time and the locale to display texts, so the popover only places them.
import type { Locale } from '../shared/i18n/index.js';
import { formatDuration, t } from '../shared/i18n/index.js';
import type { UsageSource, UsageWindow } from '../shared/usage.js';

/** Colour of a meter by what is left: green ≥ 50 %, amber ≥ 20 %, red below (SPEC §7). */
export type MeterLevel = 'ok' | 'warn' | 'low';
export type PaceTone = 'on-pace' | 'reserve' | 'deficit';

export interface WindowView {
  readonly id: UsageWindow['id'];
  readonly title: string;
  /** "31% left" or "69% used". */
  readonly percentText: string;
  /** Bar fill, 0–100: what is left, or what is used with "Show usage as used". */
  readonly fillPercent: number;
  readonly level: MeterLevel;
  readonly countText: string | null;
  readonly resetText: string | null;
  readonly paceText: string | null;
  readonly paceTone: PaceTone | null;
}

export function describeWindow(locale: Locale, window: UsageWindow, nowMs: number, showUsed: boolean): WindowView {
  const usedPercent = clampPercent(window.usedPercent);
  const leftPercent = 100 - usedPercent;
  const shown = showUsed ? usedPercent : leftPercent;
  return {
    id: window.id,
    title: t(locale, `window.${window.id}`),
    percentText: t(locale, showUsed ? 'percent.used' : 'percent.left', { percent: Math.round(shown) }),
    fillPercent: shown,
    level: leftPercent >= 50 ? 'ok' : leftPercent >= 20 ? 'warn' : 'low',
    countText: countText(locale, window, showUsed),
    resetText: window.resetsAt === undefined ? null : resetText(locale, Date.parse(window.resetsAt) - nowMs),
    ...paceView(locale, window, nowMs),
  };
}

function countText(locale: Locale, window: UsageWindow, showUsed: boolean): string | null {
  const { used, limit } = window;
  if (used === undefined || limit === undefined) {
    // A ratio pool: "42% used" says something new only when the headline shows what is left.
    return showUsed ? null : t(locale, 'count.ratio', { percent: Math.round(clampPercent(window.usedPercent)) });
  }
  if (window.id !== '5h') return t(locale, 'count.requests', { used, limit });
  const period = ratePeriod(locale, window.windowMinutes);
  return period === null ? t(locale, 'count.rateBare', { used, limit }) : t(locale, 'count.rate', { used, limit, period });
}

/** "5 hours", "hour", "90 minutes" — the window length as the rate's unit. */
function ratePeriod(locale: Locale, minutes: number | undefined): string | null {
  if (minutes === undefined) return null;
  if (minutes === 60) return t(locale, 'period.hour');
  if (minutes % 60 === 0) return t(locale, 'period.hours', { n: minutes / 60 });
  return t(locale, 'period.minutes', { n: minutes });
}

export function resetText(locale: Locale, remainingMs: number): string {
  return remainingMs <= 0 ? t(locale, 'reset.now') : t(locale, 'reset.in', { duration: formatDuration(locale, remainingMs) });
}

function paceView(locale: Locale, window: UsageWindow, nowMs: number): Pick<WindowView, 'paceText' | 'paceTone'> {
  const { pace } = window;
  if (pace === null) return { paceText: null, paceTone: null };
  const delta = Math.round(Math.abs(pace.deltaPercent));
  const tone: PaceTone = pace.stage === 'on-pace' ? 'on-pace' : pace.deltaPercent > 0 ? 'deficit' : 'reserve';
  const stageText = tone === 'on-pace' ? t(locale, 'pace.on-pace') : t(locale, tone === 'deficit' ? 'pace.deficit' : 'pace.reserve', { n: delta });
  const forecast =
    pace.runsOutAt === null
      ? t(locale, 'pace.lasts')
      : t(locale, 'pace.runsOut', { duration: formatDuration(locale, Math.max(0, Date.parse(pace.runsOutAt) - nowMs)) });
  return { paceText: `${stageText} · ${forecast}`, paceTone: tone };
}

/** "Updated just now" under a minute, "Updated 5 min ago" under an hour, then a clock time. */
export function updatedText(locale: Locale, updatedAt: string, nowMs: number): string {
  const ageMs = Math.max(0, nowMs - Date.parse(updatedAt));
  if (ageMs < 60_000) return t(locale, 'updated.justNow');
  if (ageMs < 3_600_000) return t(locale, 'updated.minutes', { n: Math.floor(ageMs / 60_000) });
  const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(updatedAt));
  return t(locale, 'updated.at', { time });
}

/** The source as the user knows it; a web cookie keeps its "(Chrome · Profile 1)" detail. */
export function sourceText(locale: Locale, source: UsageSource): string {
  if (locale === 'en') return source.label;
  const detail = source.kind === 'web' ? /\(([^()]*)\)\s*$/.exec(source.label)?.[1] : undefined;
  const name = t(locale, `source.${source.kind}`);
  return detail === undefined ? name : `${name} (${detail})`;
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}
