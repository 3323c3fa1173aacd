// The settings file (config.json) shared by the app and the CLI. No secrets live here: the
// API key and tokens are in the OS keychain. Missing keys take their defaults, so a
// file written by an older build still loads; a file that fails this schema is moved aside.
// Version 1 held one Kimi account under `kimi`; version 2 holds a list of accounts, and a
// version-1 file is read as a list of one (core/settings/migrate.ts).
import * as z from './zod.js';
import { ACCOUNT_NAME_MAX, ACCOUNT_NAME_PATTERN, FIRST_ACCOUNT_ID, FIRST_ACCOUNT_NAME, MAX_ACCOUNTS, accountNameKey } from './accounts.js';
export { FIRST_ACCOUNT_ID, FIRST_ACCOUNT_NAME, MAX_ACCOUNTS } from './accounts.js';
import { SourceKindSchema } from './usage.js';
import { USAGE_SOURCE_MODES } from './usage-source-modes.js';

export const SETTINGS_VERSION = 2;

export const RegionSchema = z.enum(['kimi.com', 'kimi.ai']);
export type Region = z.infer<typeof RegionSchema>;

/** ./usage-source-modes.ts says what each is. */
export const UsageSourceModeSchema = z.enum(USAGE_SOURCE_MODES);
export type UsageSourceMode = z.infer<typeof UsageSourceModeSchema>;

export const CookieSourceSchema = z.enum(['automatic', 'manual', 'off']);
export type CookieSource = z.infer<typeof CookieSourceSchema>;

export const RefreshCadenceSchema = z.enum(['manual', '1m', '2m', '5m', '15m', '30m', 'adaptive']);
export type RefreshCadence = z.infer<typeof RefreshCadenceSchema>;

export const MenuBarTextSchema = z.enum(['off', '5h', 'weekly', 'countdown']);
export type MenuBarText = z.infer<typeof MenuBarTextSchema>;

export const LanguageSchema = z.enum(['system', 'en', 'zh-CN']);
export type Language = z.infer<typeof LanguageSchema>;

const PercentLeftSchema = z.number().check(z.int(), z.gte(1), z.lte(99));
const ThresholdsSchema = z.array(PercentLeftSchema).check(z.maxLength(5));

/** KimiBar makes ids itself (lowercase letters and digits); people use names. */
export const AccountIdSchema = z.string().check(z.regex(/^[a-z0-9]{1,24}$/));
export type AccountId = z.infer<typeof AccountIdSchema>;

/** A name people type after `--account`: no control or format characters, no leading dash. */
export const AccountNameSchema = z
  .string()
  .check(z.trim(), z.minLength(1), z.maxLength(ACCOUNT_NAME_MAX), z.regex(ACCOUNT_NAME_PATTERN, 'a name of letters, digits and spaces'));

/** One Kimi account's source settings. */
export const KimiSettingsSchema = z.object({
  enabled: z._default(z.boolean(), true),
  region: z._default(RegionSchema, 'kimi.com'),
  usageSource: z._default(UsageSourceModeSchema, 'auto'),
  cookieSource: z._default(CookieSourceSchema, 'automatic'),
  /** Advanced: overrides https://api.kimi.com; checked before any token is sent. */
  apiBaseUrl: z._default(z.nullable(z.string().check(z.maxLength(2048))), null),
  /** Which source Auto used last, shown in settings. */
  lastAutoSource: z._default(z.nullable(SourceKindSchema), null),
});
export type KimiSettings = z.infer<typeof KimiSettingsSchema>;

export const AccountSettingsSchema = z.extend(KimiSettingsSchema, {
  id: AccountIdSchema,
  name: AccountNameSchema,
  /** This account's warning thresholds; null: the general list (general.notifications.thresholds). */
  thresholds: z._default(z.nullable(ThresholdsSchema), null),
});
export type AccountSettings = z.infer<typeof AccountSettingsSchema>;

/** What the tray draws: the selected account, or whichever has the least left. */
export const TrayAccountSchema = z.enum(['selected', 'most-constrained']);
export type TrayAccount = z.infer<typeof TrayAccountSchema>;

const AccountListSchema = z.array(AccountSettingsSchema).check(
  z.minLength(1),
  z.maxLength(MAX_ACCOUNTS),
  z.superRefine((accounts, context) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    for (const [index, account] of accounts.entries()) {
      if (ids.has(account.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: 'duplicate account id' });
      const name = accountNameKey(account.name);
      if (names.has(name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: 'duplicate account name' });
      ids.add(account.id);
      names.add(name);
    }
  }),
);

export const NotificationSettingsSchema = z.object({
  /** Warn when a window's remaining share drops below each of these percents. */
  thresholds: z._default(ThresholdsSchema, [50, 20]),
  thresholdWarnings: z._default(z.boolean(), true),
  depleted: z._default(z.boolean(), true),
  restored: z._default(z.boolean(), true),
  preResetReminder: z._default(z.boolean(), false),
  refreshFailing: z._default(z.boolean(), true),
});

export const GeneralSettingsSchema = z.object({
  refreshCadence: z._default(RefreshCadenceSchema, 'adaptive'),
  refreshOnOpen: z._default(z.boolean(), true),
  launchAtLogin: z._default(z.boolean(), false),
  menuBarText: z._default(MenuBarTextSchema, 'off'),
  trayAccount: z._default(TrayAccountSchema, 'selected'),
  showUsageAsUsed: z._default(z.boolean(), false),
  coloredIcon: z._default(z.boolean(), false),
  language: z._default(LanguageSchema, 'system'),
  keepHistory: z._default(z.boolean(), true),
  /** Read Kimi Code's own session logs for local token counts (Settings → Usage). Off: never read. */
  localStats: z._default(z.boolean(), true),
  notifications: z.prefault(NotificationSettingsSchema, {}),
});

/** App state that must survive restarts but is not a preference. */
export const PersistedStateSchema = z.object({
  /** Browser id → ISO time of the last keychain denial (no prompts for 6 hours after). */
  keychainDeniedAt: z._default(z.record(z.string(), z.iso.datetime({ offset: true })), {}),
});

export const SettingsSchema = z.object({
  version: z._default(z.literal(SETTINGS_VERSION), SETTINGS_VERSION),
  /** In the order the popover lists them. */
  accounts: z._default(AccountListSchema, () => [AccountSettingsSchema.parse({ id: FIRST_ACCOUNT_ID, name: FIRST_ACCOUNT_NAME })]),
  /** The account the popover expands and the tray shows; an id no longer listed means the first. */
  selectedAccount: z._default(AccountIdSchema, FIRST_ACCOUNT_ID),
  general: z.prefault(GeneralSettingsSchema, {}),
  state: z.prefault(PersistedStateSchema, {}),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

