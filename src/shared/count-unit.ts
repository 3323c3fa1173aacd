// What a window's counts count. Since 2026 most accounts get limits of exactly 100 that are
// percentages of the window, not requests ("47/100" means 47 % used); real request plans
// (1024, 2048, 7168 … a week, 200 per 5 hours) never have a limit of 100. The one rule for
// telling them apart, used by the mapping and by every screen (docs/kimi-api.md, "Percent
// units"). Kept free of zod: the renderer's strict CSP forbids the code zod compiles.
export const COUNT_UNITS = ['percent', 'requests'] as const;
export type CountUnit = (typeof COUNT_UNITS)[number];

const PERCENT_UNIT_LIMIT = 100;

export function countUnit(limit: number): CountUnit {
  return limit === PERCENT_UNIT_LIMIT ? 'percent' : 'requests';
}
