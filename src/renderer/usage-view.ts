// What a usage window looks like in words and numbers: pure functions from the snapshot, the
// current time and the locale to display texts, so the popover only places them.
import type { MeterLevel, PercentMode } from '../shared/format/index.js';
import {
  barFillPercent,
  countText,
  extraUsageTexts,
  forecastText,
  isLimitReached,
  limitReachedText,
  meterLevel,
  paceText,
  paceTone,
  parallelText,
  percentText,
  resetText,
  wholePercent,
  windowTitle,
} from '../shared/format/index.js';
import type { Locale } from '../shared/i18n/index.js';
import { errorText, t } from '../shared/i18n/index.js';
import type { ErrorView, ExtraUsage, UsageSnapshot, UsageSource, UsageWindow } from '../shared/usage.js';

export type PaceTone = 'on-pace' | 'reserve' | 'deficit';

export interface WindowView {
  readonly id: UsageWindow['id'];
  readonly title: string;
  /** "31% left" or "69% used". */
  readonly percentText: string;
  /** The whole number in `percentText`, for the progress bar's accessible value. */
  readonly percentValue: number;
  /** Bar fill, 0–100: what is left, or what is used with "Show usage as used". */
  readonly fillPercent: number;
  /** The meter's colour, decided in shared/format for every surface. */
  readonly level: MeterLevel;
  readonly countText: string | null;
  readonly resetText: string | null;
  readonly paceText: string | null;
  readonly paceTone: PaceTone | null;
}

/** `stale`: the numbers are old (shared/staleness.ts), so nothing is extrapolated from them —
 *  no pace, no "Runs out in …". */
export function describeWindow(locale: Locale, window: UsageWindow, nowMs: number, showUsed: boolean, stale = false): WindowView {
  const usedPercent = Math.min(100, Math.max(0, window.usedPercent));
  const mode: PercentMode = showUsed ? 'used' : 'left';
  return {
    id: window.id,
    title: windowTitle(locale, window.id),
    percentText: percentText(locale, usedPercent, mode),
    percentValue: wholePercent(usedPercent, mode),
    fillPercent: barFillPercent(usedPercent, mode),
    level: meterLevel(usedPercent),
    countText: countText(locale, window, mode),
    resetText: resetText(locale, window.resetsAt, nowMs),
    paceText: window.pace === null || stale ? null : `${paceText(locale, window.pace)} · ${forecastText(locale, window.pace, nowMs)}`,
    paceTone: window.pace === null || stale ? null : paceTone(window.pace),
  };
}

export interface ExtraUsageView {
  readonly title: string;
  /** "$100.00 left": the headline. */
  readonly left: string;
  /** "of $200.00 bought". */
  readonly bought: string;
  /** "$50.00 of $200.00 this month", only with a monthly cap. */
  readonly month: string | null;
  /** Bar fill, 0–100: what is left of what was bought. */
  readonly fillPercent: number;
  /** The bar's words for a screen reader: "Extra usage: $100.00 left, of $200.00 bought". */
  readonly valueText: string;
}

/** The extra-usage row, or null when the account has none to show. */
export function describeExtraUsage(locale: Locale, extra: ExtraUsage | null | undefined): ExtraUsageView | null {
  if (extra === null || extra === undefined) return null;
  const texts = extraUsageTexts(locale, extra);
  return {
    title: t(locale, 'extra.title'),
    ...texts,
    fillPercent: Math.min(100, Math.max(0, (extra.left / extra.bought) * 100)),
    valueText: `${texts.left}, ${texts.bought}`,
  };
}

/** "Up to 30 parallel requests", or null when Kimi did not say. */
export function parallelFact(locale: Locale, limit: number | null | undefined): string | null {
  return limit === null || limit === undefined ? null : parallelText(locale, limit);
}

/** What the banner says: a spent quota as the plan's state ("Weekly limit reached · Resets in
 *  3d"), anything else as the error it is. */
export function bannerText(locale: Locale, error: ErrorView, snapshot: UsageSnapshot | null, nowMs: number): string {
  return isLimitReached(error) ? limitReachedText(locale, error, snapshot, nowMs) : errorText(locale, error);
}

/** The popover's "Updated …" line says it as every other screen does. */
export { updatedText } from '../shared/format/index.js';

/** The source as the user knows it; a web cookie keeps its "(Chrome · Profile 1)" detail. */
export function sourceText(locale: Locale, source: UsageSource): string {
  if (locale === 'en') return source.label;
  const detail = source.kind === 'web' ? /\(([^()]*)\)\s*$/.exec(source.label)?.[1] : undefined;
  const name = t(locale, `source.${source.kind}`);
  return detail === undefined ? name : `${name} (${detail})`;
}
