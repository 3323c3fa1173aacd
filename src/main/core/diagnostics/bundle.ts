// The support bundle: everything a maintainer needs to understand "my numbers are wrong" or
// "it says signed out", and nothing that identifies or authenticates the user. Versions and
// OS, the settings (which hold no secrets; the one free-text field is cut to its host), which
// credential sources are configured (never their values), the last errors, what browser import
// found per browser, and the shapes of the last answers (keys and types, never values).
// The schema is the bundle's documentation; `kimibar diagnose --json` prints exactly this.
import * as z from '../../../shared/zod.js';
import { ImportReportSchema, type ImportReport } from '../../../shared/cookies.js';
import { SettingsSchema, type Settings } from '../../../shared/settings.js';
import { redactSecrets } from '../errors.js';
import type { RecentActivity } from './recent-activity.js';
import type { Shape } from './response-shape.js';

const ShapeSchema: z.ZodMiniType<Shape> = z.lazy(() =>
  z.union([z.string(), z.object({ array: z.array(ShapeSchema), length: z.number() }), z.record(z.string(), ShapeSchema)]),
);

export const SourceStatusSchema = z.object({
  kind: z.string(),
  ready: z.boolean(),
  /** "set in the keychain", "signed in", "no login found": never the secret. */
  detail: z.string(),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

export const DiagnosticsBundleSchema = z.object({
  kind: z.literal('kimibar-diagnostics'),
  formatVersion: z.literal(1),
  createdAt: z.iso.datetime(),
  app: z.object({ version: z.string(), surface: z.enum(['app', 'cli', 'preview']) }),
  runtime: z.object({ node: z.string(), electron: z.nullable(z.string()), chrome: z.nullable(z.string()) }),
  os: z.object({ platform: z.string(), release: z.string(), arch: z.string(), locale: z.string() }),
  files: z.object({ configDir: z.string(), keychain: z.enum(['system', 'session-only']) }),
  settings: SettingsSchema,
  sources: z.array(SourceStatusSchema),
  lastErrors: z.array(z.object({ at: z.string(), source: z.nullable(z.string()), code: z.string(), message: z.string() })),
  cookieImport: z.nullable(z.array(ImportReportSchema)),
  responses: z.array(z.object({ endpoint: z.string(), at: z.string(), shape: ShapeSchema })),
});
export type DiagnosticsBundle = z.infer<typeof DiagnosticsBundleSchema>;

export interface DiagnosticsInput {
  readonly now: Date;
  readonly surface: DiagnosticsBundle['app']['surface'];
  readonly appVersion: string;
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly os: DiagnosticsBundle['os'];
  readonly home: string;
  readonly configDir: string;
  readonly keychainPersistent: boolean;
  readonly settings: Settings;
  readonly sources: readonly SourceStatus[];
  readonly activity: RecentActivity;
  /** Null when import was not looked at (cookie source off, or not asked). */
  readonly cookieImport: readonly ImportReport[] | null;
}

export function buildDiagnostics(input: DiagnosticsInput): DiagnosticsBundle {
  const { responses, errors } = input.activity.view();
  const bundle: DiagnosticsBundle = {
    kind: 'kimibar-diagnostics',
    formatVersion: 1,
    createdAt: input.now.toISOString(),
    app: { version: input.appVersion, surface: input.surface },
    runtime: { node: input.versions.node ?? 'unknown', electron: input.versions.electron ?? null, chrome: input.versions.chrome ?? null },
    os: input.os,
    files: { configDir: withoutHome(input.configDir, input.home), keychain: input.keychainPersistent ? 'system' : 'session-only' },
    settings: maskSettings(input.settings),
    sources: input.sources.map((source) => ({ ...source, detail: withoutHome(redactSecrets(source.detail), input.home) })),
    lastErrors: errors.map((error) => ({ ...error, message: redactSecrets(error.message) })),
    cookieImport: input.cookieImport ? [...input.cookieImport] : null,
    responses: [...responses],
  };
  // Validating our own output keeps the documented shape honest.
  return DiagnosticsBundleSchema.parse(bundle);
}

/**
 * The API base URL is the one field a person types: it may carry user info or a path with a
 * token in it (KimiBar refuses such a URL, but it is still in the file). Its origin is enough.
 */
function maskSettings(settings: Settings): Settings {
  const masked = structuredClone(settings);
  for (const account of masked.accounts) account.apiBaseUrl = account.apiBaseUrl === null ? null : originOnly(account.apiBaseUrl);
  return masked;
}

function originOnly(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.username || parsed.password ? ' (with user info)' : ''}`;
  } catch {
    return '(not a URL)';
  }
}

/** The user's name is in their home path; "~" says the same to a maintainer. */
function withoutHome(text: string, home: string): string {
  return home.length > 1 ? text.split(home).join('~') : text;
}
