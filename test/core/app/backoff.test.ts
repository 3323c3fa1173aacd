import { describe, expect, it } from 'vitest';
import { backoffDelayMs, retryAfterMs } from '../../../src/main/core/app/backoff.js';
import { MIN } from './fixtures.js';

describe('backoffDelayMs', () => {
  it.each([
    [1, 2],
    [2, 4],
    [3, 8],
    [4, 16],
    [5, 30],
    [50, 30],
  ])('after %i failures at a 1-min cadence waits %i min', (failures, minutes) => {
    expect(backoffDelayMs(failures, MIN)).toBe(minutes * MIN);
  });

  it('honours a longer Retry-After and ignores a shorter one', () => {
    expect(backoffDelayMs(1, MIN, 300)).toBe(5 * MIN);
    expect(backoffDelayMs(3, MIN, 10)).toBe(8 * MIN);
  });

  it('caps a hostile Retry-After at an hour and ignores nonsense', () => {
    expect(retryAfterMs(1e15)).toBe(60 * MIN);
    expect(retryAfterMs(Number.NaN)).toBe(0);
    expect(retryAfterMs(-5)).toBe(0);
    expect(retryAfterMs(undefined)).toBe(0);
    expect(backoffDelayMs(1, 30 * MIN, Number.POSITIVE_INFINITY)).toBe(30 * MIN);
  });
});
