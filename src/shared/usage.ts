// The usage snapshot: what every screen, the tray and `kimibar usage --json` render.
// This is a public shape, documented in the README under `--json` and read by scripts: add
// fields, never rename or remove them.
import * as z from './zod.js';
import { COUNT_UNITS } from './count-unit.js';
import { WINDOW_IDS } from './window-ids.js';

export const SourceKindSchema = z.enum(['api-key', 'kimi-account', 'kimi-cli', 'web']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/** Display order everywhere (./window-ids.ts). */
export { WINDOW_IDS };
export const WindowIdSchema = z.enum(WINDOW_IDS);
export type WindowId = z.infer<typeof WindowIdSchema>;

const IsoTimeSchema = z.iso.datetime({ offset: true });

export const PaceStageSchema = z.enum(['on-pace', 'small', 'medium', 'large']);
export type PaceStage = z.infer<typeof PaceStageSchema>;

export const PaceSchema = z.object({
  /** Share of the window that has elapsed, as the percent one would have used at an even rate. */
  expectedPercent: z.number(),
  /** actual − expected: positive is a deficit (ahead of pace), negative is reserve. */
  deltaPercent: z.number(),
  stage: PaceStageSchema,
  /** When the current rate exhausts the window before its reset; null = lasts until reset. */
  runsOutAt: z.nullable(IsoTimeSchema),
});
export type Pace = z.infer<typeof PaceSchema>;

/** "percent" for limits of exactly 100, else "requests" (the rule: ./count-unit.ts). */
export const CountUnitSchema = z.enum(COUNT_UNITS);
export { countUnit, type CountUnit } from './count-unit.js';

export const UsageWindowSchema = z.object({
  id: WindowIdSchema,
  title: z.string(),
  /** 0–100, clamped; over-quota shows 100. */
  usedPercent: z.number().check(z.gte(0), z.lte(100)),
  /** The server's counts. Absent for ratio-only pools; `used` is also absent when the server's
   *  counts contradict themselves (then the share is unknown and shown as 0 %, without pace). */
  used: z.optional(z.number().check(z.int(), z.nonnegative())),
  limit: z.optional(z.number().check(z.int(), z.positive())),
  /** Present with `limit`: "percent" when the counts are percentages (limit 100), else
   *  "requests". `used`/`limit` stay for compatibility; read them with this unit. */
  unit: z.optional(CountUnitSchema),
  resetsAt: z.optional(IsoTimeSchema),
  windowMinutes: z.optional(z.number().check(z.int(), z.positive())),
  pace: z.nullable(PaceSchema),
});
export type UsageWindow = z.infer<typeof UsageWindowSchema>;

/**
 * Extra usage: the prepaid balance (Kimi's "booster wallet") spent once a plan's quota is used
 * up. Amounts are in the currency's units (12.34 = 12.34 USD), rounded to whole cents.
 */
export const ExtraUsageSchema = z.object({
  /** ISO 4217 code as Kimi names it ("USD", "CNY"); null when it names none. */
  currency: z.nullable(z.string().check(z.regex(/^[A-Z]{3}$/))),
  /** What is left of the balance. */
  left: z.number().check(z.nonnegative()),
  /** What was bought in total. */
  bought: z.number().check(z.positive()),
  /** Charged this month. */
  monthlySpent: z.number().check(z.nonnegative()),
  /** The monthly charge cap, when the user has enabled one; null = no cap. */
  monthlyCap: z.nullable(z.number().check(z.positive())),
});
export type ExtraUsage = z.infer<typeof ExtraUsageSchema>;

export const UsageSourceSchema = z.object({
  kind: SourceKindSchema,
  /** Shown to the user, e.g. "Kimi web cookie (Chrome · Profile 1)". */
  label: z.string(),
});
export type UsageSource = z.infer<typeof UsageSourceSchema>;

/** What the user can do about an error; the shell and the renderer map ids to buttons. */
export const ErrorActionSchema = z.enum([
  'open-settings',
  'sign-in',
  'sign-in-web',
  'paste-token',
  'retry',
]);
export type ErrorAction = z.infer<typeof ErrorActionSchema>;

/** An error as it may travel to a screen or a JSON consumer: never a token, never a raw body. */
export const ErrorViewSchema = z.object({
  code: z.string(),
  message: z.string(),
  action: z.nullable(ErrorActionSchema),
  /** The usage window the error is about: for `quota-exhausted`, the limit Kimi says is used
   *  up, when its message names one. */
  window: z.optional(WindowIdSchema),
});
export type ErrorView = z.infer<typeof ErrorViewSchema>;

export const UsageSnapshotSchema = z.object({
  source: UsageSourceSchema,
  /** Plan name, or null when it is not known for sure — never a wrong one. */
  plan: z.nullable(z.string()),
  updatedAt: IsoTimeSchema,
  /** The last refresh failed: these are older numbers. */
  stale: z.boolean(),
  windows: z.array(UsageWindowSchema),
  /** How many requests the plan serves at once; null when Kimi did not say. */
  parallelLimit: z.optional(z.nullable(z.number().check(z.int(), z.positive()))),
  /** The extra-usage balance; null when the account has none or has turned it off. */
  extraUsage: z.optional(z.nullable(ExtraUsageSchema)),
  /** The last refresh's error, if it failed. */
  error: z.optional(z.nullable(ErrorViewSchema)),
});
export type UsageSnapshot = z.infer<typeof UsageSnapshotSchema>;
