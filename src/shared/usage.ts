// The usage snapshot: what every screen, the tray and `kimibar usage --json` render.
// This is a public shape, documented in the README under `--json` and read by scripts: add
// fields, never rename or remove them.
import { z } from 'zod';

export const SourceKindSchema = z.enum(['api-key', 'kimi-account', 'kimi-cli', 'web']);
export type SourceKind = z.infer<typeof SourceKindSchema>;

/** Display order everywhere: 5-hour first, then Weekly, then the monthly rows. */
export const WINDOW_IDS = ['5h', 'weekly', 'monthly-total', 'monthly-code', 'code-7d'] as const;
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

export const UsageWindowSchema = z.object({
  id: WindowIdSchema,
  title: z.string(),
  /** 0–100, clamped; over-quota shows 100. */
  usedPercent: z.number().min(0).max(100),
  /** Counts are present when the server gave counts, absent for ratio-only pools. */
  used: z.number().int().nonnegative().optional(),
  limit: z.number().int().positive().optional(),
  resetsAt: IsoTimeSchema.optional(),
  windowMinutes: z.number().int().positive().optional(),
  pace: PaceSchema.nullable(),
});
export type UsageWindow = z.infer<typeof UsageWindowSchema>;

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
  /** The last refresh's error, if it failed. */
  error: ErrorViewSchema.nullable().optional(),
});
export type UsageSnapshot = z.infer<typeof UsageSnapshotSchema>;
