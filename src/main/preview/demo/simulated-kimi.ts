// The demo's Kimi service: plausible usage that moves and resets over time, computed purely
// from the clock, so `npm run demo` can be clicked through without an account. Each window
// fills at a rate that changes from period to period (some periods run out early, most do
// not) with a gentle wobble, and empties at its reset like the real quota. What it returns are
// the server's raw figures; simulated-transport.ts puts them into the bodies Kimi sends.

export type SimulatedWindowId = '5h' | 'weekly' | 'monthly-total';

export interface SimulatedWindow {
  readonly id: SimulatedWindowId;
  readonly minutes: number;
  /** Counted windows report requests against a limit; ratio pools only a share. */
  readonly used: number | null;
  readonly limit: number | null;
  /** 0–1. */
  readonly usedRatio: number;
  readonly resetsAtMs: number;
}

interface WindowSpec {
  readonly id: SimulatedWindowId;
  readonly minutes: number;
  readonly limit: number | null;
  /** Where in its period the window is when the demo starts (0–1). */
  readonly startShare: number;
  /** Range of the share of the limit a whole period would use at that period's rate. */
  readonly minRate: number;
  readonly maxRate: number;
}

const WINDOWS: readonly WindowSpec[] = [
  { id: '5h', minutes: 300, limit: 200, startShare: 0.55, minRate: 0.45, maxRate: 1.35 },
  { id: 'weekly', minutes: 10_080, limit: 2048, startShare: 0.4, minRate: 0.35, maxRate: 0.9 },
  { id: 'monthly-total', minutes: 43_200, limit: null, startShare: 0.3, minRate: 0.3, maxRate: 0.8 },
];

const WOBBLES_PER_PERIOD = 6;

export interface SimulationInput {
  /** When the demo started: the windows' periods are laid out from here. */
  readonly epochMs: number;
  readonly nowMs: number;
  /** Another account's usage: its periods start elsewhere and fill at other rates (0: the first). */
  readonly variant?: number;
}

/** Where each further account's windows stand at the start, as a share of a period. */
const VARIANT_SHIFT = 0.29;

export function simulateUsage({ epochMs, nowMs, variant = 0 }: SimulationInput): SimulatedWindow[] {
  return WINDOWS.map((spec) => simulateWindow(spec, epochMs, nowMs, variant));
}

/** An account whose 5-hour window is used up (its reset time kept): the demo's depleted account. */
export function depleteFiveHour(windows: readonly SimulatedWindow[]): SimulatedWindow[] {
  return windows.map((window) => (window.id === '5h' && window.limit !== null ? { ...window, used: window.limit, usedRatio: 1 } : window));
}

function simulateWindow(spec: WindowSpec, epochMs: number, nowMs: number, variant: number): SimulatedWindow {
  const lengthMs = spec.minutes * 60_000;
  const startShare = (spec.startShare + VARIANT_SHIFT * variant) % 1;
  const firstStart = epochMs - startShare * lengthMs;
  const period = Math.floor((nowMs - firstStart) / lengthMs);
  const periodStart = firstStart + period * lengthMs;
  const elapsed = (nowMs - periodStart) / lengthMs;
  const seed = variant === 0 ? `${spec.id}:${period}` : `${spec.id}:${variant}:${period}`;
  const rate = spec.minRate + (spec.maxRate - spec.minRate) * unitHash(seed);
  const usedShare = Math.min(1, filledShare(elapsed, rate));
  const common = { id: spec.id, minutes: spec.minutes, resetsAtMs: Math.round(periodStart + lengthMs) };
  if (spec.limit === null) return { ...common, used: null, limit: null, usedRatio: Math.round(usedShare * 10_000) / 10_000 };
  const used = Math.floor(usedShare * spec.limit);
  return { ...common, used, limit: spec.limit, usedRatio: used / spec.limit };
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
