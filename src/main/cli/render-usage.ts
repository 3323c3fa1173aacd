// The popover as terminal text: a header with the account's name, the plan, the source and the
// parallel limit (the first account is called "Kimi" until renamed), one
// block per window in display order — title, a bar of what is left, percent, counts — then
// reset countdown, pace and forecast, then the extra usage, then "Updated …". The
// words and numbers come from shared/format, as the popover's do; CLI text is English, with
// clock times in the system's own format.
import { FIRST_ACCOUNT_NAME } from '../../shared/accounts.js';
import type { MeterLevel } from '../../shared/format/index.js';
import {
  barFillPercent,
  clockFormatter,
  countText,
  extraUsageTexts,
  forecastText,
  meterLevel,
  paceText,
  parallelText,
  percentText,
  resetText,
  updatedText,
  windowTitle,
} from '../../shared/format/index.js';
import { t } from '../../shared/i18n/index.js';
import type { ExtraUsage, UsageSnapshot, UsageWindow } from '../../shared/usage.js';
import type { Output } from './output.js';

const LOCALE = 'en';
const BAR_WIDTH = 24;
const TITLE_WIDTH = 14;
const PERCENT_WIDTH = 9;
/** The terminal colour of each meter level (ANSI has yellow, not amber). */
const TONES = { ok: 'green', warn: 'yellow', low: 'red' } as const satisfies Record<MeterLevel, string>;

export function renderUsage(snapshot: UsageSnapshot, now: Date, out: Pick<Output, 'style'>, accountName: string = FIRST_ACCOUNT_NAME): string {
  const parallel = snapshot.parallelLimit ? parallelText(LOCALE, snapshot.parallelLimit) : null;
  const header = [accountName, snapshot.plan, snapshot.source.label, parallel].filter(Boolean).join(' · ');
  const lines = [out.style('bold', header)];
  for (const window of snapshot.windows) lines.push(...windowLines(window, now.getTime(), out));
  if (snapshot.extraUsage) lines.push(...extraUsageLines(snapshot.extraUsage, out));
  const updated = updatedText(LOCALE, snapshot.updatedAt, now.getTime(), clockFormatter());
  lines.push(out.style('dim', snapshot.stale ? `${updated} · stale` : updated));
  if (snapshot.error) lines.push(out.style('red', snapshot.error.message));
  return lines.join('\n');
}

function windowLines(window: UsageWindow, nowMs: number, out: Pick<Output, 'style'>): string[] {
  const tone = TONES[meterLevel(window.usedPercent)];
  const filled = Math.round((barFillPercent(window.usedPercent, 'left') / 100) * BAR_WIDTH);
  const bar = out.style(tone, '█'.repeat(filled)) + out.style('dim', '░'.repeat(BAR_WIDTH - filled));
  const percent = percentText(LOCALE, window.usedPercent, 'left').padStart(PERCENT_WIDTH);
  const first = `${windowTitle(LOCALE, window.id).padEnd(TITLE_WIDTH)}${bar} ${percent}  ${countText(LOCALE, window) ?? ''}`;

  const details = [resetText(LOCALE, window.resetsAt, nowMs)];
  if (window.pace) details.push(paceText(LOCALE, window.pace), forecastText(LOCALE, window.pace, nowMs));
  const second = details.filter((part): part is string => part !== null).join(' · ');
  return second ? [first, `${' '.repeat(TITLE_WIDTH)}${out.style('dim', second)}`] : [first];
}

/** "Extra usage   $100.00 left of $200.00 bought", and the month against its cap below it. */
function extraUsageLines(extra: ExtraUsage, out: Pick<Output, 'style'>): string[] {
  const texts = extraUsageTexts(LOCALE, extra);
  const first = `${t(LOCALE, 'extra.title').padEnd(TITLE_WIDTH)}${texts.left} ${texts.bought}`;
  return texts.month === null ? [first] : [first, `${' '.repeat(TITLE_WIDTH)}${out.style('dim', texts.month)}`];
}
