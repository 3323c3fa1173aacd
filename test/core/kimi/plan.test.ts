import { describe, expect, it } from 'vitest';
import { planName } from '../../../src/main/core/kimi/plan.js';

describe('planName', () => {
  it.each([
    [{ level: 'LEVEL_INTERMEDIATE' }, 'Allegretto'],
    [{ level: 'LEVEL_ADVANCED' }, 'Allegro'],
    [{ level: 'LEVEL_TRIAL' }, 'Trial'],
    [{ level: 'LEVEL_FREE' }, 'Free'],
    [{ level: 'LEVEL_PRO_PLUS' }, 'Pro Plus'],
    [{ level: ' level_trial ' }, 'Trial'],
    // The level wins over the 2025 table's limits: plans changed, the server knows.
    [{ level: 'LEVEL_ADVANCED', weeklyLimit: 2048 }, 'Allegro'],
    [{ weeklyLimit: 1024 }, 'Andante'],
    [{ weeklyLimit: 2048 }, 'Moderato'],
    [{ weeklyLimit: 7168 }, 'Allegretto'],
    [{ level: 'LEVEL_UNSPECIFIED', weeklyLimit: 2048 }, 'Moderato'],
    [{ level: 'GOLD', weeklyLimit: 1024 }, 'Andante'],
  ])('%j → %s', (evidence, expected) => {
    expect(planName(evidence)).toBe(expected);
  });

  it.each([
    [{}],
    [{ weeklyLimit: 2047 }],
    [{ weeklyLimit: 4096 }],
    [{ weeklyLimit: 0 }],
    [{ level: 'LEVEL_UNSPECIFIED' }],
    [{ level: 'LEVEL_' }],
    [{ level: 'GOLD' }],
    [{ level: 'LEVEL_<script>' }],
    [{ level: '' }],
  ])('%j → no plan name', (evidence) => {
    expect(planName(evidence)).toBeNull();
  });
});
