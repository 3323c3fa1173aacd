// The choices local usage is asked with, without their schemas: the settings window imports
// these, and importing zod there would put its eval probe (refused by the page's CSP) in the
// renderer bundle. local-stats.ts builds the schemas from the same lists.

/** How `kimibar stats --by` groups the counts. */
export const STATS_GROUPS = ['day', 'model', 'project', 'session'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

/** The periods the Usage pane offers: today, the last 7 and the last 30 days (today included). */
export const STATS_PERIODS = [1, 7, 30] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];
