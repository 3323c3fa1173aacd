// What a history chart says in words: the read-out for one reading and the summary a screen
// reader hears. Pure, like usage-view.ts.
import { percentText, requestCounts } from '../shared/format/index.js';
import type { Locale } from '../shared/i18n/index.js';
import { t } from '../shared/i18n/index.js';
import type { ChartGeometry, ChartSample } from './chart-geometry.js';

export interface Readout {
  readonly time: string;
  /** "62% left · 1270/2048": the percent as the card says it, and the counts when the server gave them. */
  readonly detail: string;
}

export function rangeText(locale: Locale, days: 1 | 7): string {
  return t(locale, days === 1 ? 'chart.range.day' : 'chart.range.week');
}

export function readout(locale: Locale, sample: ChartSample, days: 1 | 7, showUsed: boolean): Readout {
  const format = new Intl.DateTimeFormat(locale, days === 1 ? { hour: 'numeric', minute: '2-digit' } : { weekday: 'short', hour: 'numeric', minute: '2-digit' });
  const value = percentText(locale, sample.usedPercent, showUsed ? 'used' : 'left');
  const counts = requestCounts(sample);
  const count = counts === null ? null : t(locale, 'chart.count', counts);
  return { time: format.format(new Date(sample.at)), detail: count === null ? value : `${value} · ${count}` };
}

/** "5-hour usage. Last 24 hours: now 31% left. 2 resets. Projected to run out before the reset. …" */
export function chartSummary(locale: Locale, title: string, geometry: ChartGeometry, days: 1 | 7, showUsed: boolean): string {
  const current = percentText(locale, geometry.current.usedPercent, showUsed ? 'used' : 'left');
  const parts = [t(locale, 'chart.summary', { title, range: rangeText(locale, days), current })];
  if (geometry.samples.length < 2) parts.push(t(locale, 'chart.empty'));
  const resets = geometry.resets.filter((mark) => !mark.upcoming).length;
  if (resets === 1) parts.push(t(locale, 'chart.resets.one'));
  if (resets > 1) parts.push(t(locale, 'chart.resets.many', { n: resets }));
  if (geometry.projection !== null) parts.push(t(locale, 'chart.runsOut'));
  parts.push(t(locale, 'chart.keys'));
  return parts.join(' ');
}
