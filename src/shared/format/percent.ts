// How a share of a window becomes a whole percent, the one rule every screen uses.
//
// What is left is rounded to the nearest whole percent (half up), except that a window with
// anything left never reads "0% left" and one with anything used never reads "100% left":
// "0% left" tells the reader to stop, so it must mean nothing is left, and at 99.6 % used the
// honest word is "1% left". What is used is the complement of what is left, so a card that
// shows both ("31% left · 69% used") always adds up to 100 and the two modes of "Show usage as
// used" never disagree about the same reading.
import type { Locale } from '../i18n/index.js';
import { t } from '../i18n/index.js';

/** Which share a number names: the default "left", or "used" with "Show usage as used". */
export type PercentMode = 'left' | 'used';

/** Float arithmetic (used / limit × 100) can miss 0 or 100 by this much; no real share is so
 *  small (the smallest real remainder is 100 / limit). */
const NOISE = 1e-9;

/** The whole percent shown for a window's `usedPercent` (any number; clamped to 0–100). */
export function wholePercent(usedPercent: number, mode: PercentMode): number {
  const left = 100 - Math.min(100, Math.max(0, usedPercent));
  const shownLeft = left <= NOISE ? 0 : left >= 100 - NOISE ? 100 : Math.min(99, Math.max(1, Math.round(left)));
  return mode === 'left' ? shownLeft : 100 - shownLeft;
}

/** How much of a bar a window fills, 0–100: what is left, or what is used with "Show usage as
 *  used" (the exact share, clamped; only the text is rounded). */
export function barFillPercent(usedPercent: number, mode: PercentMode): number {
  const used = Math.min(100, Math.max(0, usedPercent));
  return mode === 'used' ? used : 100 - used;
}

/** "31% left" or "69% used". */
export function percentText(locale: Locale, usedPercent: number, mode: PercentMode): string {
  return t(locale, mode === 'left' ? 'percent.left' : 'percent.used', { percent: wholePercent(usedPercent, mode) });
}

/** "31%": the number alone, as the menu-bar title shows it. */
export function percentFigure(locale: Locale, usedPercent: number, mode: PercentMode): string {
  return t(locale, 'percent.figure', { percent: wholePercent(usedPercent, mode) });
}
