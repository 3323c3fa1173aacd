import { describe, expect, it } from 'vitest';
import { planName } from '../../../src/main/core/kimi/plan.js';

describe('planName', () => {
  // Kimi's version-1 goods catalog, as its membership page names the tiers.
  it.each([
    ['LEVEL_FREE', 'Adagio'],
    ['LEVEL_TRIAL', 'Andante'],
    ['LEVEL_BASIC', 'Moderato'],
    ['LEVEL_INTERMEDIATE', 'Allegretto'],
    ['LEVEL_ADVANCED', 'Allegro'],
  ])('%s in the version-1 catalog → %s, with or without the version field', (level, name) => {
    expect(planName({ level, catalogVersion: 'GOODS_VERSION_V1' })).toBe(name);
    // Bodies from before the version field existed: the version-1 catalog was the only one.
    expect(planName({ level })).toBe(name);
  });

  it.each([
    [{ level: ' level_trial ' }, 'Andante'],
    // The level wins over the 2025 request quotas: plans changed, the server knows.
    [{ level: 'LEVEL_ADVANCED', weeklyLimit: 2048 }, 'Allegro'],
    [{ weeklyLimit: 1024 }, 'Andante'],
    [{ weeklyLimit: 2048 }, 'Moderato'],
    [{ weeklyLimit: 7168 }, 'Allegretto'],
    [{ level: 'LEVEL_UNSPECIFIED', weeklyLimit: 2048 }, 'Moderato'],
    [{ level: 'GOLD', weeklyLimit: 1024 }, 'Andante'],
    [{ level: '', weeklyLimit: 7168 }, 'Allegretto'],
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
    [{ level: ' ' }],
    // Levels outside the catalog: seen (LEVEL_STANDARD) or not, a raw enum is not a plan name.
    [{ level: 'LEVEL_STANDARD' }],
    [{ level: 'LEVEL_PRO_PLUS' }],
    [{ level: 'LEVEL_FUTURE', catalogVersion: 'GOODS_VERSION_V1' }],
    // A tier the server named but we do not know is not named after a weekly quota either.
    [{ level: 'LEVEL_STANDARD', weeklyLimit: 2048 }],
    // Another catalog's levels may mean other tiers.
    [{ level: 'LEVEL_ADVANCED', catalogVersion: 'GOODS_VERSION_V2' }],
    [{ level: 'LEVEL_ADVANCED', catalogVersion: 'GOODS_VERSION_FUTURE' }],
    [{ level: 'LEVEL_ADVANCED', catalogVersion: '' }],
    [{ level: 'LEVEL_INTERMEDIATE', catalogVersion: null }],
    [{ level: 'LEVEL_INTERMEDIATE', catalogVersion: 'GOODS_VERSION_V2', weeklyLimit: 7168 }],
  ])('%j → no plan name', (evidence) => {
    expect(planName(evidence)).toBeNull();
  });
});
