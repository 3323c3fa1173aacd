// How long to wait after failed refreshes, so a failing server is not hammered: the cadence
// interval doubled per consecutive failure, at most 30 minutes, and never sooner than the
// server's Retry-After.
import { MINUTE_MS } from './cadence.js';

export const MAX_BACKOFF_MS = 30 * MINUTE_MS;

/** A server may ask us to wait, but a hostile or broken Retry-After cannot silence the app
 *  for longer than this. */
export const MAX_RETRY_AFTER_MS = 60 * MINUTE_MS;

/** Milliseconds from the failed attempt to the retry. `failures` ≥ 1. */
export function backoffDelayMs(failures: number, cadenceIntervalMs: number, retryAfterSeconds?: number): number {
  const doubled = Math.min(MAX_BACKOFF_MS, cadenceIntervalMs * 2 ** Math.max(1, Math.min(failures, 32)));
  return Math.max(doubled, retryAfterMs(retryAfterSeconds));
}

/** The server's Retry-After in milliseconds, clamped to [0, MAX_RETRY_AFTER_MS]; 0 when absent. */
export function retryAfterMs(retryAfterSeconds: number | undefined): number {
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds) || retryAfterSeconds <= 0) return 0;
  return Math.min(MAX_RETRY_AFTER_MS, retryAfterSeconds * 1000);
}
