// What the app controller publishes: the last good snapshot (kept and marked stale when a
// refresh fails), whether a refresh runs, why the last one failed and when the next one is
// due. It travels to the renderer, so it holds no token, key or raw response — only views.
import * as z from './zod.js';
import { AccountIdSchema, AccountNameSchema, MAX_ACCOUNTS } from './settings.js';
import { ErrorViewSchema, SourceKindSchema, UsageSnapshotSchema } from './usage.js';

const IsoTimeSchema = z.iso.datetime({ offset: true });

/** Why automatic refreshes are on hold: the system sleeps or the network is gone. */
export const RefreshPauseSchema = z.enum(['asleep', 'offline']);
export type RefreshPause = z.infer<typeof RefreshPauseSchema>;

/**
 * A sign-in KimiBar found on this machine that it does not hold itself: the Kimi Code CLI's
 * login. Auto uses it at the next refresh; the welcome offers that refresh ("Use it").
 */
export const FoundLoginSchema = z.enum(['kimi-cli']);
export type FoundLogin = z.infer<typeof FoundLoginSchema>;

/**
 * Nothing is set up: Auto found no credential at all. Every new user starts here, so it is a
 * state with its own welcome, not an error (`lastError` stays null).
 */
export const NotConfiguredSchema = z.object({
  /** Logins found since, each one "Use it" away. */
  found: z.array(FoundLoginSchema).check(z.maxLength(FoundLoginSchema.options.length)),
});
export type NotConfigured = z.infer<typeof NotConfiguredSchema>;

export const AppStateSchema = z.object({
  /** The last good snapshot; after a failed refresh it is kept with `stale` and `error` set. */
  snapshot: z.nullable(UsageSnapshotSchema),
  refreshing: z.boolean(),
  /** The last refresh's error; null once a refresh succeeds. */
  lastError: z.nullable(ErrorViewSchema),
  /** No credential is configured or it was revoked: the tray shows outlines only. */
  signedOut: z.boolean(),
  /** Set while nothing is configured (then `signedOut` is true too); null otherwise. */
  notConfigured: z.nullable(NotConfiguredSchema),
  consecutiveFailures: z.number().check(z.int(), z.nonnegative()),
  lastAttemptAt: z.nullable(IsoTimeSchema),
  lastSuccessAt: z.nullable(IsoTimeSchema),
  /** When the next automatic refresh runs; null for manual cadence, while paused or stopped. */
  nextRefreshAt: z.nullable(IsoTimeSchema),
  paused: z.nullable(RefreshPauseSchema),
  /** Which source Auto used for the last good snapshot (shown in settings). */
  lastAutoSource: z.nullable(SourceKindSchema),
});
export type AppState = z.infer<typeof AppStateSchema>;

/** A countdown tick: every second for the open popover, at most once a minute for the tray. */
export const CountdownTickSchema = z.object({
  target: z.enum(['popover', 'tray']),
  at: IsoTimeSchema,
});
export type CountdownTick = z.infer<typeof CountdownTickSchema>;

/** One enabled account and its own refresh state. */
export const AccountStateSchema = z.object({
  id: AccountIdSchema,
  name: AccountNameSchema,
  state: AppStateSchema,
});
export type AccountState = z.infer<typeof AccountStateSchema>;

/**
 * Every enabled account, in the settings' order. The `state` channel still carries the selected
 * account's state (the expanded part of the popover); this carries all of them for the rows.
 */
export const AccountsStateSchema = z.object({
  selectedAccount: AccountIdSchema,
  /** The account the tray draws: the selected one, or the one with the least left. */
  trayAccount: AccountIdSchema,
  accounts: z.array(AccountStateSchema).check(z.maxLength(MAX_ACCOUNTS)),
});
export type AccountsState = z.infer<typeof AccountsStateSchema>;
