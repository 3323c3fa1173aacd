// The settings file (config.json) shared by the app and the CLI. No secrets live here: the
// API key and tokens are in the OS keychain. Missing keys take their defaults, so a
// file written by an older build still loads; a file that fails this schema is moved aside.
import * as z from 'zod';
import { SourceKindSchema } from './usage.js';

export const SETTINGS_VERSION = 1;

export const RegionSchema = z.enum(['kimi.com', 'kimi.ai']);
export type Region = z.infer<typeof RegionSchema>;

export const UsageSourceModeSchema = z.enum(['auto', 'api', 'account', 'web']);
export type UsageSourceMode = z.infer<typeof UsageSourceModeSchema>;

export const CookieSourceSchema = z.enum(['automatic', 'manual', 'off']);
export type CookieSource = z.infer<typeof CookieSourceSchema>;

export const RefreshCadenceSchema = z.enum(['manual', '1m', '2m', '5m', '15m', '30m', 'adaptive']);
export type RefreshCadence = z.infer<typeof RefreshCadenceSchema>;

export const MenuBarTextSchema = z.enum(['off', '5h', 'weekly', 'countdown']);
export type MenuBarText = z.infer<typeof MenuBarTextSchema>;

export const LanguageSchema = z.enum(['system', 'en', 'zh-CN']);
export type Language = z.infer<typeof LanguageSchema>;

const PercentLeftSchema = z.number().int().min(1).max(99);

export const KimiSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  region: RegionSchema.default('kimi.com'),
  usageSource: UsageSourceModeSchema.default('auto'),
  cookieSource: CookieSourceSchema.default('automatic'),
  /** Advanced: overrides https://api.kimi.com; checked before any token is sent. */
  apiBaseUrl: z.string().max(2048).nullable().default(null),
  /** Which source Auto used last, shown in settings. */
  lastAutoSource: SourceKindSchema.nullable().default(null),
});

export const NotificationSettingsSchema = z.object({
  /** Warn when a window's remaining share drops below each of these percents. */
  thresholds: z.array(PercentLeftSchema).max(5).default([50, 20]),
  thresholdWarnings: z.boolean().default(true),
  depleted: z.boolean().default(true),
  restored: z.boolean().default(true),
  preResetReminder: z.boolean().default(false),
  refreshFailing: z.boolean().default(true),
});

export const GeneralSettingsSchema = z.object({
  refreshCadence: RefreshCadenceSchema.default('adaptive'),
  refreshOnOpen: z.boolean().default(true),
  launchAtLogin: z.boolean().default(false),
  menuBarText: MenuBarTextSchema.default('off'),
  showUsageAsUsed: z.boolean().default(false),
  coloredIcon: z.boolean().default(false),
  language: LanguageSchema.default('system'),
  keepHistory: z.boolean().default(true),
  /** Read Kimi Code's own session logs for local token counts (Settings → Usage). Off: never read. */
  localStats: z.boolean().default(true),
  notifications: NotificationSettingsSchema.prefault({}),
});

/** App state that must survive restarts but is not a preference. */
export const PersistedStateSchema = z.object({
  /** Browser id → ISO time of the last keychain denial (no prompts for 6 hours after). */
  keychainDeniedAt: z.record(z.string(), z.iso.datetime({ offset: true })).default({}),
});

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  kimi: KimiSettingsSchema.prefault({}),
  general: GeneralSettingsSchema.prefault({}),
  state: PersistedStateSchema.prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
