// The colour a window's meter takes by what is left: green ("ok") from 50 % left, amber
// ("warn") from 20 %, red ("low") below. The popover's bar, the tray's coloured lanes and the
// CLI's bar all take their colour from here.
//
// The thresholds apply to the whole percent the reader sees, not to the raw share: at 49.6 %
// left the card reads "50% left", so it must be green, and "20% left" is never red. The
// rounding is wholePercent's, so the words and the colour cannot disagree.
import { wholePercent } from './percent.js';

export type MeterLevel = 'ok' | 'warn' | 'low';

/** From this many percent left (as shown) a meter is "ok". */
const OK_FROM_LEFT = 50;
/** From this many percent left (as shown) a meter is "warn"; below it, "low". */
const WARN_FROM_LEFT = 20;

/** The level of a window's `usedPercent` (any number; clamped to 0–100 as the text is). */
export function meterLevel(usedPercent: number): MeterLevel {
  const left = wholePercent(usedPercent, 'left');
  if (left >= OK_FROM_LEFT) return 'ok';
  return left >= WARN_FROM_LEFT ? 'warn' : 'low';
}
