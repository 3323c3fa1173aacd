// What the app controller publishes: the last good snapshot (kept and marked stale when a
// refresh fails), whether a refresh runs, why the last one failed and when the next one is
// due. It travels to the renderer, so it holds no token, key or raw response — only views.
import * as z from 'zod';
import { ErrorViewSchema, SourceKindSchema, UsageSnapshotSchema } from './usage.js';

const IsoTimeSchema = z.iso.datetime({ offset: true });

/** Why automatic refreshes are on hold: the system sleeps or the network is gone. */
export const RefreshPauseSchema = z.enum(['asleep', 'offline']);
export type RefreshPause = z.infer<typeof RefreshPauseSchema>;

export const AppStateSchema = z.object({
  /** The last good snapshot; after a failed refresh it is kept with `stale` and `error` set. */
  snapshot: UsageSnapshotSchema.nullable(),
  refreshing: z.boolean(),
  /** The last refresh's error; null once a refresh succeeds. */
  lastError: ErrorViewSchema.nullable(),
  /** No credential is configured or it was revoked: the tray shows outlines only. */
  signedOut: z.boolean(),
  consecutiveFailures: z.number().int().nonnegative(),
  lastAttemptAt: IsoTimeSchema.nullable(),
  lastSuccessAt: IsoTimeSchema.nullable(),
  /** When the next automatic refresh runs; null for manual cadence, while paused or stopped. */
  nextRefreshAt: IsoTimeSchema.nullable(),
  paused: RefreshPauseSchema.nullable(),
  /** Which source Auto used for the last good snapshot (shown in settings). */
  lastAutoSource: SourceKindSchema.nullable(),
});
export type AppState = z.infer<typeof AppStateSchema>;

/** A countdown tick: every second for the open popover, at most once a minute for the tray. */
export const CountdownTickSchema = z.object({
  target: z.enum(['popover', 'tray']),
  at: IsoTimeSchema,
});
export type CountdownTick = z.infer<typeof CountdownTickSchema>;
