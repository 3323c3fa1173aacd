// The shape of a usage history chart as numbers: which stretch of time it covers, where each
// reading lands, where the line breaks (resets, gaps), where the reset marks go and where the
// projection to the reset runs. Pure, so it is tested without a DOM; history-chart.ts only
// turns it into SVG.
import type { HistoryPoint } from '../shared/ipc.js';
import type { UsageWindow, WindowId } from '../shared/usage.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** The history store starts a new row after a longer silence; a change across one is a gap. */
const MAX_JOIN_GAP_MS = 2 * HOUR_MS;
/** Reset times further apart than this belong to different periods (as the history store). */
const SAME_PERIOD_MS = 5 * MINUTE_MS;
/** How far past "now" the chart may look, as a share of its span, to show the next reset. */
const MAX_AHEAD_SHARE = 0.25;
/** A history reading this close to the snapshot is the snapshot itself. */
const SAME_READING_MS = 1_000;

/** The 5-hour window is charted over a day, every other window over a week. */
export function chartDays(windowId: WindowId): 1 | 7 {
  return windowId === '5h' ? 1 : 7;
}

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Room kept free inside the box, so the current dot and the line at 0 % / 100 % show whole. */
  readonly inset: number;
}

export interface ChartInput {
  readonly points: readonly HistoryPoint[];
  /** The window as the snapshot has it now: the current point, its reset and its pace. */
  readonly window: UsageWindow;
  /** When the snapshot was taken: the current point's time. */
  readonly updatedAt: number;
  readonly nowMs: number;
  readonly days: 1 | 7;
  /** Plot what is used (rising) instead of what is left (falling), as the card shows it. */
  readonly showUsed: boolean;
  readonly box: ChartBox;
}

/** One reading, placed. `value` is the percent as shown: used or left. */
export interface ChartSample {
  readonly at: number;
  readonly usedPercent: number;
  readonly value: number;
  readonly used: number | null;
  readonly limit: number | null;
  readonly x: number;
  readonly y: number;
}

export interface ResetMark {
  readonly at: number;
  readonly x: number;
  /** The coming reset, not one in the history. */
  readonly upcoming: boolean;
}

export interface ChartGeometry {
  readonly from: number;
  readonly to: number;
  /** Every reading in the range in time order, the current one last: what the read-out steps through. */
  readonly samples: readonly ChartSample[];
  readonly current: ChartSample;
  /** One path per unbroken run of readings (a reset or a gap in the history breaks the line). */
  readonly lines: readonly string[];
  /** The same runs closed down to the baseline, for the fill under the line. */
  readonly areas: readonly string[];
  readonly resets: readonly ResetMark[];
  /** Where "now" is; the part of the chart right of it is the future. */
  readonly nowX: number;
  /** Dashed path from the current point to exhaustion and on to the reset; null when it lasts. */
  readonly projection: string | null;
  /** y of 0 %, 50 % and 100 %, for the grid. */
  readonly gridY: readonly number[];
}

interface Reading {
  readonly at: number;
  readonly usedPercent: number;
  readonly used: number | null;
  readonly limit: number | null;
  readonly resetsAt: number | null;
}

export function chartGeometry(input: ChartInput): ChartGeometry {
  const { window, box, showUsed, nowMs } = input;
  const span = input.days * DAY_MS;
  const from = nowMs - span;
  const resetsAt = window.resetsAt === undefined ? null : Date.parse(window.resetsAt);
  const ahead = resetsAt === null ? 0 : clamp(resetsAt - nowMs, 0, span * MAX_AHEAD_SHARE);
  const to = nowMs + ahead;

  const scale = {
    x: (at: number): number => round(box.inset + ((at - from) / (to - from)) * (box.width - 2 * box.inset)),
    y: (value: number): number => round(box.inset + (1 - value / 100) * (box.height - 2 * box.inset)),
  };
  const shown = (usedPercent: number): number => (showUsed ? usedPercent : 100 - usedPercent);
  const place = (reading: Reading): ChartSample => {
    const value = shown(clamp(reading.usedPercent, 0, 100));
    return { at: reading.at, usedPercent: reading.usedPercent, value, used: reading.used, limit: reading.limit, x: scale.x(reading.at), y: scale.y(value) };
  };

  const currentReading: Reading = {
    at: Math.min(input.updatedAt, nowMs),
    usedPercent: window.usedPercent,
    used: window.used ?? null,
    limit: window.limit ?? null,
    resetsAt,
  };
  const readings = withCurrent(inRange(toReadings(input.points), from), currentReading);
  const runs = splitRuns(readings);

  const placedRuns = runs.map((run) => run.readings.map(place));
  const samples = placedRuns.flat();
  const current = samples.at(-1) ?? place(currentReading);
  const baseline = scale.y(0);
  const resets: ResetMark[] = runs.flatMap((run) => (run.startsAfterReset === null ? [] : [{ at: run.startsAfterReset, x: scale.x(run.startsAfterReset), upcoming: false }]));
  if (resetsAt !== null && resetsAt > nowMs && resetsAt <= to) resets.push({ at: resetsAt, x: scale.x(resetsAt), upcoming: true });

  return {
    from,
    to,
    samples,
    current,
    lines: placedRuns.map((run) => linePath(thin(run))),
    areas: placedRuns.filter((run) => run.length > 1).map((run) => areaPath(thin(run), baseline)),
    resets,
    nowX: scale.x(nowMs),
    projection: projectionPath(window, currentReading, to, (reading) => place(reading)),
    gridY: [0, 50, 100].map(scale.y),
  };
}

/** History points from the wire, in time order; unreadable times are dropped. */
function toReadings(points: readonly HistoryPoint[]): Reading[] {
  const readings: Reading[] = [];
  for (const point of points) {
    const at = Date.parse(point.at);
    if (!Number.isFinite(at)) continue;
    const resetsAt = point.resetsAt === null ? null : Date.parse(point.resetsAt);
    readings.push({ at, usedPercent: point.usedPercent, used: point.used, limit: point.limit, resetsAt: Number.isFinite(resetsAt) ? resetsAt : null });
  }
  return readings.sort((a, b) => a.at - b.at);
}

/**
 * The readings from `from` on. A run that began earlier is cut at `from`: its last earlier
 * reading moves to `from`, interpolated towards the next one when both share a period.
 */
function inRange(readings: readonly Reading[], from: number): Reading[] {
  const firstInside = readings.findIndex((reading) => reading.at >= from);
  if (firstInside === -1) {
    const last = readings.at(-1);
    return last === undefined ? [] : [{ ...last, at: from }];
  }
  const inside = readings.slice(firstInside);
  const before = readings[firstInside - 1];
  const next = readings[firstInside];
  if (before === undefined || next === undefined || next.at === from || breaksBetween(before, next) !== 'none') return inside;
  const share = (from - before.at) / (next.at - before.at);
  return [{ ...before, at: from, usedPercent: before.usedPercent + share * (next.usedPercent - before.usedPercent) }, ...inside];
}

/** The snapshot is the newest reading; a history row recorded from it is not drawn twice. */
function withCurrent(readings: Reading[], current: Reading): Reading[] {
  const kept = readings.filter((reading) => reading.at < current.at - SAME_READING_MS);
  return [...kept, current];
}

interface Run {
  readonly readings: Reading[];
  /** When this run began with a reset: the reset's time. */
  readonly startsAfterReset: number | null;
}

type Break = 'none' | 'reset' | 'gap';

function breaksBetween(previous: Reading, next: Reading): Break {
  const bothKnown = previous.resetsAt !== null && next.resetsAt !== null;
  if (bothKnown ? Math.abs(previous.resetsAt - next.resetsAt) > SAME_PERIOD_MS : next.usedPercent < previous.usedPercent) return 'reset';
  if (next.at - previous.at > MAX_JOIN_GAP_MS && next.usedPercent !== previous.usedPercent) return 'gap';
  return 'none';
}

function splitRuns(readings: readonly Reading[]): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  let previous: Reading | null = null;
  for (const reading of readings) {
    const kind: Break = previous === null ? 'gap' : breaksBetween(previous, reading);
    if (current === null || kind !== 'none') {
      current = { readings: [], startsAfterReset: kind === 'reset' && previous !== null ? resetTime(previous, reading) : null };
      runs.push(current);
    }
    current.readings.push(reading);
    previous = reading;
  }
  return runs;
}

/** The period's own reset time when it falls between the two readings, else the first new reading. */
function resetTime(previous: Reading, next: Reading): number {
  const scheduled = previous.resetsAt;
  return scheduled !== null && scheduled >= previous.at && scheduled <= next.at ? scheduled : next.at;
}

/**
 * At most two samples per pixel column (the lowest and the highest, in time order), so a week
 * of minute-by-minute readings stays a short path with its spikes kept.
 */
function thin(run: readonly ChartSample[]): ChartSample[] {
  const kept: ChartSample[] = [];
  let column: ChartSample[] = [];
  const flush = (): void => {
    if (column.length <= 2) kept.push(...column);
    else {
      const low = column.reduce((a, b) => (b.y > a.y ? b : a));
      const high = column.reduce((a, b) => (b.y < a.y ? b : a));
      kept.push(...(low.at <= high.at ? [low, high] : [high, low]));
    }
    column = [];
  };
  for (const sample of run) {
    const first = column[0];
    if (first !== undefined && Math.floor(sample.x) !== Math.floor(first.x)) flush();
    column.push(sample);
  }
  flush();
  const last = run.at(-1);
  if (last !== undefined && kept.at(-1) !== last) kept.push(last);
  return kept;
}

function linePath(run: readonly ChartSample[]): string {
  if (run.length === 1) {
    const only = run[0] as ChartSample;
    return `M${only.x} ${only.y}h0`;
  }
  return run.map((sample, index) => `${index === 0 ? 'M' : 'L'}${sample.x} ${sample.y}`).join('');
}

function areaPath(run: readonly ChartSample[], baseline: number): string {
  const first = run[0] as ChartSample;
  const last = run.at(-1) as ChartSample;
  return `${linePath(run)}L${last.x} ${baseline}L${first.x} ${baseline}Z`;
}

/**
 * When pace says the window runs out before its reset: straight from the current point to
 * exhaustion, then flat until the reset, cut where the chart ends.
 */
function projectionPath(window: UsageWindow, current: Reading, to: number, place: (reading: Reading) => ChartSample): string | null {
  const runsOutAt = window.pace?.runsOutAt == null ? null : Date.parse(window.pace.runsOutAt);
  if (runsOutAt === null || !Number.isFinite(runsOutAt) || runsOutAt <= current.at) return null;
  const at = (time: number, usedPercent: number): Reading => ({ ...current, at: time, usedPercent });
  const ends: Reading[] = [current];
  if (runsOutAt <= to) {
    ends.push(at(runsOutAt, 100));
    const resetsAt = current.resetsAt ?? to;
    if (resetsAt > runsOutAt) ends.push(at(Math.min(resetsAt, to), 100));
  } else {
    const share = (to - current.at) / (runsOutAt - current.at);
    ends.push(at(to, current.usedPercent + share * (100 - current.usedPercent)));
  }
  return linePath(ends.map(place));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Two decimals: crisp enough on a 2× screen, short in the path text. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Index of the sample nearest to `x` (samples are in x order); -1 when there are none. */
export function nearestSample(samples: readonly ChartSample[], x: number): number {
  let low = 0;
  let high = samples.length - 1;
  if (high < 0) return -1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((samples[middle] as ChartSample).x < x) low = middle + 1;
    else high = middle;
  }
  const after = samples[low] as ChartSample;
  const before = samples[low - 1];
  return before !== undefined && x - before.x <= after.x - x ? low - 1 : low;
}
