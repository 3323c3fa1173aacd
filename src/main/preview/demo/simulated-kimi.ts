// The demo's Kimi service: plausible usage that moves and resets over time, computed purely
// from the clock, so `npm run demo` can be clicked through without an account. Each window
// fills at a rate that changes from period to period (some periods run out early, most do
// not) with a gentle wobble, and empties at its reset like the real quota.
import type { UsageSnapshot, UsageSource, UsageWindow } from '../../../shared/usage.js';
import { computePace } from '../../core/kimi/pace.js';

interface SimulatedWindow {
  readonly id: UsageWindow['id'];
  readonly title: string;
  readonly minutes: number;
  /** Counted windows have a request limit; ratio pools only a percent. */
  readonly limit: number | null;
  /** Where in its period the window is when the demo starts (0–1). */
  readonly startShare: number;
  /** Range of the share of the limit a whole period would use at that period's rate. */
  readonly minRate: number;
  readonly maxRate: number;
}

const WINDOWS: readonly SimulatedWindow[] = [
  { id: '5h', title: '5-hour', minutes: 300, limit: 200, startShare: 0.55, minRate: 0.45, maxRate: 1.35 },
  { id: 'weekly', title: 'Weekly', minutes: 10_080, limit: 2048, startShare: 0.4, minRate: 0.35, maxRate: 0.9 },
  { id: 'monthly-total', title: 'Monthly total', minutes: 43_200, limit: null, startShare: 0.3, minRate: 0.3, maxRate: 0.8 },
];

const WOBBLES_PER_PERIOD = 6;

export interface SimulationInput {
  /** When the demo started: the windows' periods are laid out from here. */
  readonly epochMs: number;
  readonly nowMs: number;
  readonly source: UsageSource;
}

export function simulateSnapshot({ epochMs, nowMs, source }: SimulationInput): UsageSnapshot {
  const now = new Date(nowMs);
  const windows = WINDOWS.map((spec) => simulateWindow(spec, epochMs, nowMs)).map((window) => ({
    ...window,
    pace: computePace(window, now),
  }));
  return { source, plan: 'Moderato', updatedAt: now.toISOString(), stale: false, windows, error: null };
}

function simulateWindow(spec: SimulatedWindow, epochMs: number, nowMs: number): Omit<UsageWindow, 'pace'> {
  const lengthMs = spec.minutes * 60_000;
  const firstStart = epochMs - spec.startShare * lengthMs;
  const period = Math.floor((nowMs - firstStart) / lengthMs);
  const periodStart = firstStart + period * lengthMs;
  const elapsed = (nowMs - periodStart) / lengthMs;
  const rate = spec.minRate + (spec.maxRate - spec.minRate) * unitHash(`${spec.id}:${period}`);
  const usedShare = Math.min(1, filledShare(elapsed, rate));
  const common = {
    id: spec.id,
    title: spec.title,
    resetsAt: new Date(periodStart + lengthMs).toISOString(),
    windowMinutes: spec.minutes,
  };
  if (spec.limit === null) return { ...common, usedPercent: round2(usedShare * 100) };
  const used = Math.floor(usedShare * spec.limit);
  return { ...common, usedPercent: round2((used / spec.limit) * 100), used, limit: spec.limit };
}

/** Increasing in `elapsed` (the wobble's slope never exceeds the base rate), 0 at the start. */
function filledShare(elapsed: number, rate: number): number {
  const k = 2 * Math.PI * WOBBLES_PER_PERIOD;
  return rate * elapsed + ((rate * 0.8) / k) * (1 - Math.cos(k * elapsed));
}

/** A stable number in [0, 1) per text: the same period always gets the same rate. */
function unitHash(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) / 2 ** 32;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
