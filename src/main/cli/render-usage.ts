// The popover as terminal text: one block per window in display order — title, a bar of what
// is left, percent, counts — then reset countdown, pace and forecast, then "Updated …". The
// words and numbers come from shared/format, as the popover's do; CLI text is English, with
// clock times in the system's own format.
import type { MeterLevel } from '../../shared/format/index.js';
import { clockFormatter, countText, forecastText, meterLevel, paceText, percentText, resetText, updatedText, windowTitle } from '../../shared/format/index.js';
import type { UsageSnapshot, UsageWindow } from '../../shared/usage.js';
import type { Output } from './output.js';

const LOCALE = 'en';
const BAR_WIDTH = 24;
const TITLE_WIDTH = 14;
const PERCENT_WIDTH = 9;
/** The terminal colour of each meter level (ANSI has yellow, not amber). */
const TONES = { ok: 'green', warn: 'yellow', low: 'red' } as const satisfies Record<MeterLevel, string>;

export function renderUsage(snapshot: UsageSnapshot, now: Date, out: Pick<Output, 'style'>): string {
  const header = ['Kimi', snapshot.plan, snapshot.source.label].filter(Boolean).join(' · ');
  const lines = [out.style('bold', header)];
  for (const window of snapshot.windows) lines.push(...windowLines(window, now.getTime(), out));
  const updated = updatedText(LOCALE, snapshot.updatedAt, now.getTime(), clockFormatter());
  lines.push(out.style('dim', snapshot.stale ? `${updated} · stale` : updated));
  if (snapshot.error) lines.push(out.style('red', snapshot.error.message));
  return lines.join('\n');
}

function windowLines(window: UsageWindow, nowMs: number, out: Pick<Output, 'style'>): string[] {
  const left = 100 - Math.min(100, Math.max(0, window.usedPercent));
  const tone = TONES[meterLevel(window.usedPercent)];
  const filled = Math.round((left / 100) * BAR_WIDTH);
  const bar = out.style(tone, '█'.repeat(filled)) + out.style('dim', '░'.repeat(BAR_WIDTH - filled));
  const percent = percentText(LOCALE, window.usedPercent, 'left').padStart(PERCENT_WIDTH);
  const first = `${windowTitle(LOCALE, window.id).padEnd(TITLE_WIDTH)}${bar} ${percent}  ${countText(LOCALE, window) ?? ''}`;

  const details = [resetText(LOCALE, window.resetsAt, nowMs)];
  if (window.pace) details.push(paceText(LOCALE, window.pace), forecastText(LOCALE, window.pace, nowMs));
  const second = details.filter((part): part is string => part !== null).join(' · ');
  return second ? [first, `${' '.repeat(TITLE_WIDTH)}${out.style('dim', second)}`] : [first];
}
