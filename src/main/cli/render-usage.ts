// The popover as terminal text: one block per window in display order — title, a bar of what
// is left, percent, counts — then reset countdown, pace and forecast, then "Updated …".
import type { UsageSnapshot, UsageWindow } from '../../shared/usage.js';
import { formatCounts, formatForecast, formatPace, formatResetIn, formatUpdated } from '../core/kimi/format.js';
import type { Output } from './output.js';

const BAR_WIDTH = 24;
const TITLE_WIDTH = 14;

export function renderUsage(snapshot: UsageSnapshot, now: Date, out: Pick<Output, 'style'>): string {
  const header = ['Kimi', snapshot.plan, snapshot.source.label].filter(Boolean).join(' · ');
  const lines = [out.style('bold', header)];
  for (const window of snapshot.windows) lines.push(...windowLines(window, now, out));
  const updated = formatUpdated(snapshot.updatedAt, now);
  lines.push(out.style('dim', snapshot.stale ? `${updated} · stale` : updated));
  if (snapshot.error) lines.push(out.style('red', snapshot.error.message));
  return lines.join('\n');
}

function windowLines(window: UsageWindow, now: Date, out: Pick<Output, 'style'>): string[] {
  const left = 100 - window.usedPercent;
  const tone = left >= 50 ? 'green' : left >= 20 ? 'yellow' : 'red';
  const filled = Math.round((left / 100) * BAR_WIDTH);
  const bar = out.style(tone, '█'.repeat(filled)) + out.style('dim', '░'.repeat(BAR_WIDTH - filled));
  const first = `${window.title.padEnd(TITLE_WIDTH)}${bar} ${`${Math.round(left)}% left`.padStart(9)}  ${formatCounts(window)}`;

  const details = [formatResetIn(window.resetsAt, now)];
  if (window.pace) details.push(formatPace(window.pace), formatForecast(window.pace, now));
  const second = details.filter((part): part is string => part !== null).join(' · ');
  return second ? [first, `${' '.repeat(TITLE_WIDTH)}${out.style('dim', second)}`] : [first];
}
