// The usage windows KimiBar knows, in display order: 5-hour first, then Weekly, then the monthly
// rows. Kept apart from the snapshot's schema (./usage.ts, which builds on it) so that `kimibar
// statusline`, started every second, can name windows without building the snapshot's schemas.
export const WINDOW_IDS = ['5h', 'weekly', 'monthly-total', 'monthly-code', 'code-7d'] as const;
export type WindowId = (typeof WINDOW_IDS)[number];
