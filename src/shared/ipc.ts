// The IPC contract between the main process and the renderer: one map from channel to the zod
// schemas of its request and reply, one map from push event to its payload. The preload, the
// main handlers, the preview bridge and the renderer all take their types from here, and the
// main side validates every request (and its own replies) with these schemas.
// Nothing here ever carries a secret: the renderer sends keys and tokens in, and only learns
// "set / not set / expires …" back (SecretsView).
import * as z from './zod.js';
import { ApiKeySchema, MaskedApiKeySchema } from './api-key.js';
import { ImportReportSchema } from './cookies.js';
export type { ImportReport } from './cookies.js';
import { AccountsStateSchema, AppStateSchema, CountdownTickSchema } from './app-state.js';
import type { EventChannel, InvokeChannel } from './ipc-channels.js';
import { INTERNAL_ERROR, INVALID_REQUEST, POPOVER_HEIGHT_LIMITS, isInvokeChannel } from './ipc-channels.js';
import { LocalStatsQuerySchema, LocalStatsViewSchema } from './local-stats.js';
import { AccountIdSchema, AccountNameSchema, AccountSettingsSchema, GeneralSettingsSchema, MAX_ACCOUNTS, NotificationSettingsSchema, SettingsSchema, UsageSourceModeSchema } from './settings.js';
import type { Region } from './settings.js';
import type { ErrorView } from './usage.js';
import { ErrorViewSchema, WINDOW_IDS, WindowIdSchema } from './usage.js';

const IsoTimeSchema = z.iso.datetime({ offset: true });

/** A request without a payload. */
const NoRequest = z.undefined();
/** A reply that only says "done". */
const Done = z.null();

/** Links the renderer may open: ids, never URLs, so a compromised page cannot open anything. */
export const ExternalTargetSchema = z.enum(['usage-dashboard', 'api-docs', 'full-disk-access']);
export type ExternalTarget = z.infer<typeof ExternalTargetSchema>;

export function externalUrl(target: ExternalTarget, region: Region): string {
  switch (target) {
    case 'usage-dashboard':
      return `https://www.${region}/code/console`;
    case 'api-docs':
      return `https://www.${region}/code/docs`;
    case 'full-disk-access':
      return 'x-apple.systempreferences:com.apple.preference.security?Privacy_AllFiles';
  }
}

export const SettingsPaneSchema = z.enum(['general', 'kimi', 'usage']);
export type SettingsPane = z.infer<typeof SettingsPaneSchema>;

const kimi = AccountSettingsSchema.shape;
const general = GeneralSettingsSchema.shape;
const notifications = NotificationSettingsSchema.shape;

/**
 * What the renderer may change: every preference, each field optional. Defaults are unwrapped
 * so an absent field means "leave as is", not "reset to default". `lastAutoSource` and the
 * persisted `state` are the app's own records and cannot be written from a window.
 */
export const SettingsPatchSchema = z.strictObject({
  /** The account `kimi` changes; the selected one without it. */
  account: z.optional(AccountIdSchema),
  kimi: z.optional(
    z.partial(
      z.strictObject({
        name: kimi.name,
        thresholds: kimi.thresholds.def.innerType,
        enabled: kimi.enabled.def.innerType,
        region: kimi.region.def.innerType,
        usageSource: kimi.usageSource.def.innerType,
        cookieSource: kimi.cookieSource.def.innerType,
        apiBaseUrl: kimi.apiBaseUrl.def.innerType,
      }),
    ),
  ),
  general: z.optional(
    z.partial(
      z.strictObject({
        refreshCadence: general.refreshCadence.def.innerType,
        refreshOnOpen: general.refreshOnOpen.def.innerType,
        launchAtLogin: general.launchAtLogin.def.innerType,
        menuBarText: general.menuBarText.def.innerType,
        trayAccount: general.trayAccount.def.innerType,
        showUsageAsUsed: general.showUsageAsUsed.def.innerType,
        coloredIcon: general.coloredIcon.def.innerType,
        language: general.language.def.innerType,
        keepHistory: general.keepHistory.def.innerType,
        localStats: general.localStats.def.innerType,
        notifications: z.partial(
          z.strictObject({
            thresholds: notifications.thresholds.def.innerType,
            thresholdWarnings: notifications.thresholdWarnings.def.innerType,
            depleted: notifications.depleted.def.innerType,
            restored: notifications.restored.def.innerType,
            preResetReminder: notifications.preResetReminder.def.innerType,
            refreshFailing: notifications.refreshFailing.def.innerType,
          }),
        ),
      }),
    ),
  ),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Which secrets exist — never their values. */
export const SecretsViewSchema = z.object({
  apiKey: z.enum(['set', 'not-set']),
  /** The saved key as "sk-kimi-…1234" (never more), or null when none is saved. */
  apiKeyMasked: z.nullable(MaskedApiKeySchema),
  /** KIMI_CODE_API_KEY / KIMI_AUTH_TOKEN are present in the environment (used as fallbacks). */
  environment: z.object({ apiKey: z.boolean(), authToken: z.boolean() }),
  manualToken: z.object({
    state: z.enum(['set', 'not-set', 'expired']),
    expiresAt: z.nullable(IsoTimeSchema),
  }),
  /** KimiBar's own device login ("Sign in with Kimi Code…"). */
  account: z.object({ signedIn: z.boolean() }),
  /** The in-app kimi.com web session ("Sign in to Kimi…"). */
  webSession: z.object({ signedIn: z.boolean() }),
  /** 'session-only': no system keychain, so secrets last until the app quits (and the UI says so). */
  keychain: z.enum(['available', 'session-only']),
});
export type SecretsView = z.infer<typeof SecretsViewSchema>;

export const TokenWarningSchema = z.enum(['expired', 'expiring-soon', 'short-lived']);
export type TokenWarning = z.infer<typeof TokenWarningSchema>;

export const ManualTokenResultSchema = z.object({
  set: z.boolean(),
  expiresAt: z.nullable(IsoTimeSchema),
  warning: z.nullable(TokenWarningSchema),
});
export type ManualTokenResult = z.infer<typeof ManualTokenResultSchema>;

export const DeviceLoginStartSchema = z.object({
  userCode: z.string().check(z.minLength(1), z.maxLength(64)),
  verificationUri: z.url({ protocol: /^https$/ }),
  expiresAt: IsoTimeSchema,
  /** The main process opened the page itself (only https on the region's own domain). */
  browserOpened: z.boolean(),
});
export type DeviceLoginStart = z.infer<typeof DeviceLoginStartSchema>;

export const DeviceLoginEventSchema = z.object({
  status: z.enum(['waiting', 'signed-in', 'failed', 'cancelled']),
  error: z.nullable(ErrorViewSchema),
});
export type DeviceLoginEvent = z.infer<typeof DeviceLoginEventSchema>;

/** The most points one window's history comes as: more than a 320-px chart can show apart. */
export const HISTORY_MAX_POINTS = 500;

export const HistoryQuerySchema = z.strictObject({
  days: z.number().check(z.int(), z.gte(1), z.lte(90)),
  /** Without it, every window's points (each at most HISTORY_MAX_POINTS). */
  windowId: z.optional(WindowIdSchema),
  /** Whose history: the selected account's without it. */
  account: z.optional(AccountIdSchema),
});
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

export const HistoryPointSchema = z.object({
  at: IsoTimeSchema,
  windowId: WindowIdSchema,
  usedPercent: z.number().check(z.gte(0), z.lte(100)),
  used: z.nullable(z.number().check(z.int(), z.nonnegative())),
  limit: z.nullable(z.number().check(z.int(), z.positive())),
  resetsAt: z.nullable(IsoTimeSchema),
});
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

const MAX_PASTED_TOKEN_CHARS = 256 * 1024;

/** The account a request acts on (by id); the selected account when absent. */
const ForAccount = { account: z.optional(AccountIdSchema) };
/** A request whose only (optional) field is the account it acts on. */
const AccountRequest = z.optional(z.strictObject(ForAccount));
/** A request that names the account it acts on. */
const OneAccount = z.strictObject({ account: AccountIdSchema });

export const AddAccountRequestSchema = z.strictObject({
  name: AccountNameSchema,
  /** Auto (every source in order, as with one account) when absent. */
  usageSource: z.optional(UsageSourceModeSchema),
});
export type AddAccountRequest = z.infer<typeof AddAccountRequestSchema>;

interface ChannelSpec {
  readonly request: z.ZodMiniType;
  readonly reply: z.ZodMiniType;
}

export const IPC_INVOKE = {
  getState: { request: NoRequest, reply: AppStateSchema },
  /** Refreshes one account, or every enabled account without `account`; resolves when it has
   *  (they have) finished, with the selected account's state. */
  refresh: { request: AccountRequest, reply: AppStateSchema },
  /** The popover opened or closed: starts/stops the per-second countdown, may refresh. */
  setPopoverVisible: { request: z.strictObject({ visible: z.boolean() }), reply: Done },
  /** The popover page's content height: the shell sizes the window to it within the screen. */
  fitPopover: {
    request: z.strictObject({ height: z.number().check(z.int(), z.gte(POPOVER_HEIGHT_LIMITS.min), z.lte(POPOVER_HEIGHT_LIMITS.max)) }),
    reply: Done,
  },
  /** Escape in the popover: the shell hides it, as a menu closes. */
  closePopover: { request: NoRequest, reply: Done },
  openExternal: { request: z.strictObject({ target: ExternalTargetSchema }), reply: Done },
  openSettings: { request: z.optional(z.strictObject({ pane: SettingsPaneSchema })), reply: Done },
  quit: { request: NoRequest, reply: Done },
  getSettings: { request: NoRequest, reply: SettingsSchema },
  updateSettings: { request: SettingsPatchSchema, reply: SettingsSchema },
  /** An account's secrets (the selected account's without `account`). */
  getSecrets: { request: AccountRequest, reply: SecretsViewSchema },
  /** Replies with the key as the user may see it ("sk-kimi-…1234"), never the key. */
  setApiKey: {
    request: z.strictObject({ apiKey: ApiKeySchema, ...ForAccount }),
    reply: z.object({ set: z.boolean(), masked: MaskedApiKeySchema }),
  },
  clearApiKey: { request: AccountRequest, reply: Done },
  /** Accepts every pasted form: a JWT, kimi-auth=…, a Cookie header, a cURL command. */
  setManualToken: { request: z.strictObject({ input: z.string().check(z.maxLength(MAX_PASTED_TOKEN_CHARS)), ...ForAccount }), reply: ManualTokenResultSchema },
  clearManualToken: { request: AccountRequest, reply: Done },
  /** Starts the device login for an account; its outcome arrives as `deviceLogin` events (one
   *  sign-in waits at a time: starting another cancels it). */
  startDeviceLogin: { request: AccountRequest, reply: DeviceLoginStartSchema },
  cancelDeviceLogin: { request: NoRequest, reply: Done },
  /** "Open browser again": the waiting sign-in's page, through the links allow-list. */
  openDeviceLoginPage: { request: NoRequest, reply: Done },
  /** Signs out of the device login and the web session. */
  signOut: { request: AccountRequest, reply: Done },
  /** Opens the kimi.com sign-in window for an account; resolves once it closed (the selected
   *  account's `secrets` event follows a sign-in). */
  signInWeb: { request: AccountRequest, reply: Done },
  reimportCookies: { request: NoRequest, reply: z.array(ImportReportSchema) },
  getCookieReports: { request: NoRequest, reply: z.array(ImportReportSchema) },
  /** The popover asks only while it is open. */
  getHistory: { request: HistoryQuerySchema, reply: z.array(HistoryPointSchema).check(z.maxLength(HISTORY_MAX_POINTS * WINDOW_IDS.length)) },
  clearHistory: { request: NoRequest, reply: Done },
  /** Writes a support bundle (no secrets) and shows it in the file manager; replies with its path. */
  saveDiagnostics: { request: NoRequest, reply: z.object({ path: z.string() }) },
  /** Local usage from Kimi Code's session logs: reads what they gained, then sums (nothing is
   *  read while the setting is off). */
  getLocalStats: { request: LocalStatsQuerySchema, reply: LocalStatsViewSchema },
  /** Every enabled account's state (what the `accounts` event carries). */
  getAccounts: { request: NoRequest, reply: AccountsStateSchema },
  /** The account the popover expands and the tray shows (with `trayAccount: 'selected'`). */
  selectAccount: { request: OneAccount, reply: Done },
  /** Adds an account at the end of the list; replies with its settings (its new id). */
  addAccount: { request: AddAccountRequestSchema, reply: AccountSettingsSchema },
  /** Removes an account and deletes its secrets and files; the last account cannot be removed. */
  removeAccount: { request: OneAccount, reply: Done },
  /** Moves an account to `index` in the list (clamped to it). */
  moveAccount: { request: z.strictObject({ account: AccountIdSchema, index: z.number().check(z.int(), z.gte(0), z.lte(MAX_ACCOUNTS - 1)) }), reply: Done },
} as const satisfies Record<InvokeChannel, ChannelSpec>;

export const IPC_EVENTS = {
  state: AppStateSchema,
  tick: CountdownTickSchema,
  settings: SettingsSchema,
  secrets: SecretsViewSchema,
  deviceLogin: DeviceLoginEventSchema,
  /** Every enabled account's state; sent whenever any of them, the list or the selection changes. */
  accounts: AccountsStateSchema,
} as const satisfies Record<EventChannel, z.ZodMiniType>;

export type InvokeRequest<K extends InvokeChannel> = z.input<(typeof IPC_INVOKE)[K]['request']>;
export type InvokeReply<K extends InvokeChannel> = z.output<(typeof IPC_INVOKE)[K]['reply']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof IPC_EVENTS)[E]>;

/** Every reply travels as a result, so a typed error survives any transport (contextBridge
 *  keeps only the message of a thrown Error). */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

type Method<K extends InvokeChannel> = undefined extends InvokeRequest<K>
  ? (request?: InvokeRequest<K>) => Promise<IpcResult<InvokeReply<K>>>
  : (request: InvokeRequest<K>) => Promise<IpcResult<InvokeReply<K>>>;

/** The object the preload (or the preview bridge) exposes as `window.kimibar`. */
export type KimiBarApi = { readonly [K in InvokeChannel]: Method<K> } & {
  /** Subscribes to a push event; returns the unsubscribe function. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What the main side implements: one function per channel, given an already validated
 *  request. Throwing a KimiError (anything with `toView()`) becomes an `{ok: false}` reply. */
export type IpcHandlers = {
  readonly [K in InvokeChannel]: (request: z.output<(typeof IPC_INVOKE)[K]['request']>) => Promise<InvokeReply<K>>;
};

export type IpcEvent = { [E in EventChannel]: { channel: E; payload: EventPayload<E> } }[EventChannel];
export type IpcEventListener = (event: IpcEvent) => void;

/**
 * Runs one invoke on the main side: checks the channel and the request, calls the handler,
 * checks the reply. Never throws; an error's own text reaches the renderer only through its
 * `toView()` (KimiError messages are secret-free by construction), anything else is generic.
 */
export async function dispatchInvoke(handlers: IpcHandlers, channel: string, request: unknown): Promise<IpcResult<unknown>> {
  if (!isInvokeChannel(channel)) return { ok: false, error: INVALID_REQUEST };
  const spec: ChannelSpec = IPC_INVOKE[channel];
  const parsed = spec.request.safeParse(request);
  if (!parsed.success) return { ok: false, error: INVALID_REQUEST };
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    const value: unknown = await handler(parsed.data);
    return { ok: true, value: spec.reply.parse(value) };
  } catch (error) {
    return { ok: false, error: errorViewOf(error) };
  }
}

function errorViewOf(error: unknown): ErrorView {
  const toView = (error as { toView?: unknown } | null)?.toView;
  if (typeof toView !== 'function') return INTERNAL_ERROR;
  const view = ErrorViewSchema.safeParse(toView.call(error));
  return view.success ? view.data : INTERNAL_ERROR;
}

/** Checks an event on the main side before it is sent to any window. */
export function checkEvent(event: IpcEvent): IpcEvent {
  const payload: unknown = IPC_EVENTS[event.channel].parse(event.payload);
  return { channel: event.channel, payload } as IpcEvent;
}
