// What the windows and `kimibar stats --json` learn about local usage: token counts that Kimi
// Code wrote in its own session logs, summed per day, model and project (core/stats). Only
// numbers, model names, working directories and session ids: never a prompt or a reply.
import * as z from './zod.js';
import { STATS_GROUPS, STATS_PERIODS } from './stats-choices.js';

const Tokens = z.number().check(z.int(), z.nonnegative());

export const TokenCountsSchema = z.object({
  input: Tokens,
  output: Tokens,
  cacheRead: Tokens,
  cacheCreation: Tokens,
  requests: Tokens,
  /** input + output + cache read + cache creation (totalTokens). */
  total: Tokens,
});
export type TokenCounts = z.infer<typeof TokenCountsSchema>;

/** One line of a table: a day, a model, a project or a session, with its counts. */
export const LocalStatsRowSchema = z.extend(TokenCountsSchema, {
  key: z.string().check(z.maxLength(4096)),
  /** A session's project; null for the other groupings. */
  project: z.nullable(z.string().check(z.maxLength(4096))),
});
export type LocalStatsRow = z.infer<typeof LocalStatsRowSchema>;

export { STATS_GROUPS, STATS_PERIODS, type StatsGroup, type StatsPeriod } from './stats-choices.js';
export const StatsGroupSchema = z.enum(STATS_GROUPS);
export const StatsPeriodSchema = z.union(STATS_PERIODS.map((days) => z.literal(days)) as [z.ZodMiniLiteral<1>, z.ZodMiniLiteral<7>, z.ZodMiniLiteral<30>]);

/** The most rows of a table the windows get; the rest are summed into `otherRows`. */
export const MAX_VIEW_ROWS = 50;

const DaySchema = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const LocalStatsQuerySchema = z.strictObject({ days: StatsPeriodSchema });
export type LocalStatsQuery = z.infer<typeof LocalStatsQuerySchema>;

export const LocalStatsViewSchema = z.object({
  /** False: the setting is off and nothing was read. */
  enabled: z.boolean(),
  /** Today where the user is (YYYY-MM-DD). */
  today: DaySchema,
  todayTotals: TokenCountsSchema,
  /** Today's model with the most tokens. */
  topModel: z.nullable(z.string().check(z.maxLength(4096))),
  /** The last seven days, oldest first, today last. */
  week: z.array(z.object({ day: DaySchema, total: Tokens })).check(z.length(7)),
  days: StatsPeriodSchema,
  byModel: z.array(LocalStatsRowSchema).check(z.maxLength(MAX_VIEW_ROWS)),
  byProject: z.array(LocalStatsRowSchema).check(z.maxLength(MAX_VIEW_ROWS)),
  /** Rows beyond MAX_VIEW_ROWS in either table, not sent. */
  otherRows: z.number().check(z.int(), z.nonnegative()),
  /** How many log files were found; 0 means Kimi Code has not written any here. */
  files: z.number().check(z.int(), z.nonnegative()),
});
export type LocalStatsView = z.infer<typeof LocalStatsViewSchema>;

export function totalTokens(counts: { readonly input: number; readonly output: number; readonly cacheRead: number; readonly cacheCreation: number }): number {
  return counts.input + counts.output + counts.cacheRead + counts.cacheCreation;
}
