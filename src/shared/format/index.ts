// How KimiBar words and rounds its numbers, in every language the catalogs have: percent
// left or used and the meter colour that goes with it, counts, money, durations, reset countdowns,
// pace and forecast, "Updated …". The tray, the popover, the notifications and the CLI all
// call these, so the same reading reads the same everywhere.
export { countText, parallelText, requestCounts } from './counts.js';
export type { ExtraUsageTexts } from './money.js';
export { extraUsageTexts, moneyText } from './money.js';
export { formatDuration } from './duration.js';
export type { MeterLevel } from './level.js';
export { meterLevel } from './level.js';
export { isLimitReached, limitReachedText, limitResetsAt } from './limit-text.js';
export type { PercentMode } from './percent.js';
export { barFillPercent, percentFigure, percentText, wholePercent } from './percent.js';
export { clockFormatter, staleAgeText, updatedText } from './updated.js';
export { tokenExact, tokenText } from './tokens.js';
export { dayText, weekdayLetter } from './days.js';
export { forecastText, paceText, paceTone, resetText, windowTitle } from './window-text.js';
export { shortErrorText } from './short-error.js';
