// How often each refresh cadence asks Kimi, as plain numbers. The controller's scheduler
// (core/app/cadence.ts) and the staleness rule (staleness.ts) both read these, so "how old may
// the numbers be" can never drift from "how often they are fetched".
import type { RefreshCadence } from './settings.js';

export const MINUTE_MS = 60_000;

/** The interval of each fixed cadence. */
export const FIXED_INTERVAL_MS = {
  '1m': 1 * MINUTE_MS,
  '2m': 2 * MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
} as const satisfies Record<Exclude<RefreshCadence, 'manual' | 'adaptive'>, number>;

/** The slowest automatic refresh: Adaptive's interval once the popover has stayed closed for hours. */
export const LONGEST_AUTOMATIC_INTERVAL_MS = 30 * MINUTE_MS;
