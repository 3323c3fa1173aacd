// The usage snapshot: what every screen, the tray and `kimibar usage --json` render.
// This is a public shape, documented in the README under `--json` and read by scripts: add
// fields, never rename or remove them.
import * as z from 'zod';
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
  runsOutAt: IsoTimeSchema.nullable(),
});
export type Pace = z.infer<typeof PaceSchema>;

/** "percent" for limits of exactly 100, else "requests" (the rule: ./count-unit.ts). */
export const CountUnitSchema = z.enum(COUNT_UNITS);
export { countUnit, type CountUnit } from './count-unit.js';

export const UsageWindowSchema = z.object({
  id: WindowIdSchema,
  title: z.string(),
  /** 0–100, clamped; over-quota shows 100. */
  usedPercent: z.number().min(0).max(100),
  /** The server's counts. Absent for ratio-only pools; `used` is also absent when the server's
   *  counts contradict themselves (then the share is unknown and shown as 0 %, without pace). */
  used: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().optional(),
  /** Present with `limit`: "percent" when the counts are percentages (limit 100), else
   *  "requests". `used`/`limit` stay for compatibility; read them with this unit. */
  unit: CountUnitSchema.optional(),
  resetsAt: IsoTimeSchema.optional(),
  windowMinutes: z.number().int().positive().optional(),
  pace: PaceSchema.nullable(),
});
export type UsageWindow = z.infer<typeof UsageWindowSchema>;

/**
 * Extra usage: the prepaid balance (Kimi's "booster wallet") spent once a plan's quota is used
 * up. Amounts are in the currency's units (12.34 = 12.34 USD), rounded to whole cents.
 */
export const ExtraUsageSchema = z.object({
  /** ISO 4217 code as Kimi names it ("USD", "CNY"); null when it names none. */
  currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
  /** What is left of the balance. */
  left: z.number().nonnegative(),
  /** What was bought in total. */
  bought: z.number().positive(),
  /** Charged this month. */
  monthlySpent: z.number().nonnegative(),
  /** The monthly charge cap, when the user has enabled one; null = no cap. */
  monthlyCap: z.number().positive().nullable(),
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
  action: ErrorActionSchema.nullable(),
  /** The usage window the error is about: for `quota-exhausted`, the limit Kimi says is used
   *  up, when its message names one. */
  window: WindowIdSchema.optional(),
});
export type ErrorView = z.infer<typeof ErrorViewSchema>;

export const UsageSnapshotSchema = z.object({
  source: UsageSourceSchema,
  /** Plan name, or null when it is not known for sure — never a wrong one. */
  plan: z.string().nullable(),
  updatedAt: IsoTimeSchema,
  /** The last refresh failed: these are older numbers. */
  stale: z.boolean(),
  windows: z.array(UsageWindowSchema),
  /** How many requests the plan serves at once; null when Kimi did not say. */
  parallelLimit: z.number().int().positive().nullable().optional(),
  /** The extra-usage balance; null when the account has none or has turned it off. */
  extraUsage: ExtraUsageSchema.nullable().optional(),
  /** The last refresh's error, if it failed. */
  error: ErrorViewSchema.nullable().optional(),
});
export type UsageSnapshot = z.infer<typeof UsageSnapshotSchema>;
