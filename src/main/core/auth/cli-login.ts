// Which Kimi Code CLI login KimiBar may reuse, where its token file is and which server it
// belongs to — decided the way the CLI itself decides (docs/kimi-api.md, "The Kimi Code
// CLI's files"). A login is a slot keyed by its (OAuth host, base URL) pair: the mainland
// default is `credentials/kimi-code.json`; any other pair, such as a `kimi login --region
// global`, is `credentials/kimi-code-env-<hash>.json`, named in `config.toml`. Reading the
// wrong slot finds no login (or the wrong one), and sending a slot's token anywhere but its
// own base URL hands it to a server it was never issued for.
//
// Everything here only reads: the CLI owns these files and rotates their tokens.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import * as z from '../../../shared/zod.js';
import type { Region } from '../../../shared/settings.js';
import { regionHosts } from '../kimi/endpoints.js';
import type { Environment } from '../ports.js';
import { readSmallFile } from '../small-file.js';

/** The CLI's two region profiles (its names for them, and their OAuth hosts), by KimiBar region. */
const CLI_REGION_PROFILES: ReadonlyArray<{ readonly region: Region; readonly oauthHost: string; readonly marker: string }> = [
  { region: 'kimi.com', oauthHost: `https://${regionHosts('kimi.com').auth}`, marker: 'mainland-cn' },
  { region: 'kimi.ai', oauthHost: `https://${regionHosts('kimi.ai').auth}`, marker: 'global' },
];

/** The CLI's defaults, the mainland-China profile: `https://auth.kimi.com`, `https://api.kimi.com/coding/v1`. */
const DEFAULT_CLI_OAUTH_HOST = `https://${regionHosts('kimi.com').auth}`;
const DEFAULT_CLI_BASE_URL = `https://${regionHosts('kimi.com').api}/coding/v1`;

const DEFAULT_SLOT_KEY = 'oauth/kimi-code';
const SCOPED_SLOT_PREFIX = 'oauth/kimi-code-env-';
const MANAGED_PROVIDER = 'managed:kimi-code';

/** A config.toml holding model lists runs to a few kilobytes; this is far beyond any real one. */
export const MAX_CLI_CONFIG_BYTES = 1024 * 1024;
const MAX_MARKER_BYTES = 64;

/** `$KIMI_CODE_HOME` (when not empty, as the CLI reads it), else `~/.kimi-code`. */
export function kimiCodeHome(env: Environment, home: string): string {
  const override = env.KIMI_CODE_HOME;
  return override !== undefined && override.length > 0 ? override : join(home, '.kimi-code');
}

// The part of `[providers."managed:kimi-code"]` the slot depends on, as the CLI's own schema
// has it (storage and key required in `oauth`). The CLI drops an entry that fails its schema
// and carries on as if it were absent; so does this.
const OAuthRefSchema = z.object({
  storage: z.enum(['file', 'keyring']),
  key: z.string().check(z.minLength(1), z.maxLength(512)),
  oauth_host: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});
const ManagedProviderSchema = z.object({
  type: z.string(),
  base_url: z.optional(z.string().check(z.maxLength(2048))),
  oauth: z.optional(OAuthRefSchema),
});
type ManagedProvider = z.infer<typeof ManagedProviderSchema>;

const ConfigSchema = z.object({ providers: z.optional(z.record(z.string(), z.unknown())) });

export type CliConfigRead =
  | { readonly kind: 'ok'; readonly path: string; readonly provider: ManagedProvider | null }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string };

/** `<home>/config.toml`'s managed Kimi Code entry; a missing file is a config without one. */
export function readCliConfig(kimiHome: string): CliConfigRead {
  const path = join(kimiHome, 'config.toml');
  const text = readSmallFile(path, MAX_CLI_CONFIG_BYTES, 'too large to be a config file');
  if (text === null) return { kind: 'ok', path, provider: null };
  if (text instanceof Error) return { kind: 'unreadable', path, reason: text.message };
  let document: unknown;
  try {
    // `__proto__` and `constructor` keys are dropped: the document is only read, never merged.
    document = parseToml(text, { maxDepth: 32, unsafeKeyBehaviour: 'drop' });
  } catch {
    // The CLI refuses to start on a syntax error rather than look logged out; KimiBar likewise
    // says so instead of guessing which login the file meant.
    return { kind: 'unreadable', path, reason: 'not valid TOML' };
  }
  const config = ConfigSchema.safeParse(document);
  if (!config.success) return { kind: 'ok', path, provider: null };
  const entry = config.data.providers?.[MANAGED_PROVIDER];
  const provider = entry === undefined ? null : ManagedProviderSchema.safeParse(entry);
  return { kind: 'ok', path, provider: provider?.success ? provider.data : null };
}

/** Where the CLI's login is, and the only server its token may go to. */
export interface CliLoginPlace {
  /** The credential file the CLI reads for this login. */
  readonly path: string;
  /** The Code API base the login belongs to (no trailing slash). */
  readonly baseUrl: string;
  /** What decided it, for `kimibar status`; `region`: the account's Region named the login. */
  readonly decidedBy: 'config.toml' | 'environment' | 'default' | 'older layout' | 'region';
}

export type CliLoginResolution =
  | { readonly kind: 'place'; readonly place: CliLoginPlace; readonly fallback: CliLoginPlace | null }
  | { readonly kind: 'unreadable'; readonly path: string; readonly reason: string };

/**
 * The login the CLI would use, in its order: `KIMI_CODE_BASE_URL` / `KIMI_CODE_OAUTH_HOST`
 * (or `KIMI_OAUTH_HOST`) when set; else `config.toml`'s `base_url` and `oauth.oauth_host`;
 * else the defaults. The slot is computed from that pair; `oauth.key` is used only when it
 * equals the computed slot, as the CLI does. A key that tries to leave `credentials/` is
 * refused outright rather than quietly replaced. `fallback` is the older Python CLI's
 * `~/.kimi/credentials/kimi-code.json`, tried only for the default slot when it is missing.
 */
export function resolveCliLogin(env: Environment, home: string): CliLoginResolution {
  const kimiHome = kimiCodeHome(env, home);
  const config = readCliConfig(kimiHome);
  if (config.kind === 'unreadable') return config;
  const provider = config.provider;

  // Blank values count as unset here (the CLI would hash an empty string into a slot nobody
  // logs in to); everything else is taken as the CLI takes it.
  const envBaseUrl = nonBlank(env.KIMI_CODE_BASE_URL);
  const envOAuthHost = nonBlank(env.KIMI_CODE_OAUTH_HOST) ?? nonBlank(env.KIMI_OAUTH_HOST);
  const fromEnv = envBaseUrl !== undefined || envOAuthHost !== undefined;

  const baseUrl = trimSlashes(envBaseUrl ?? provider?.base_url ?? DEFAULT_CLI_BASE_URL);
  const oauthHost = fromEnv ? envOAuthHost : provider?.oauth?.oauth_host;
  const key = slotKey(oauthHost, baseUrl);

  const configuredKey = provider?.oauth?.key;
  if (!fromEnv && configuredKey !== undefined && !isSlotName(configuredKey)) {
    return { kind: 'unreadable', path: config.path, reason: 'oauth.key names a file outside credentials/ (not followed)' };
  }

  const decidedBy = fromEnv ? 'environment' : provider !== null ? 'config.toml' : 'default';
  const place: CliLoginPlace = { path: join(kimiHome, 'credentials', `${storageName(key)}.json`), baseUrl, decidedBy };
  const fallback =
    key === DEFAULT_SLOT_KEY && !fromEnv
      ? { path: join(home, '.kimi', 'credentials', 'kimi-code.json'), baseUrl, decidedBy: 'older layout' as const }
      : null;
  return { kind: 'place', place, fallback };
}

/**
 * The CLI's login for one region, whatever the CLI itself is set to use: `kimi login` keeps the
 * mainland login in the default slot and `kimi login --region global` in the global pair's slot,
 * side by side, so an account whose source is the CLI login says by its Region which of the two
 * it means. Neither `config.toml` nor the environment is read (they choose the CLI's current
 * login, which is what Auto follows); the token still goes only to that region's own base URL.
 * The mainland slot falls back to the older Python CLI's file, as the default slot does.
 */
export function regionCliLogin(env: Environment, home: string, region: Region): CliLoginResolution {
  const hosts = regionHosts(region);
  const baseUrl = `https://${hosts.api}/coding/v1`;
  const key = slotKey(`https://${hosts.auth}`, baseUrl);
  const place: CliLoginPlace = { path: join(kimiCodeHome(env, home), 'credentials', `${storageName(key)}.json`), baseUrl, decidedBy: 'region' };
  const fallback =
    key === DEFAULT_SLOT_KEY ? { path: join(home, '.kimi', 'credentials', 'kimi-code.json'), baseUrl, decidedBy: 'older layout' as const } : null;
  return { kind: 'place', place, fallback };
}

/**
 * The CLI's slot key for an (OAuth host, base URL) pair: `oauth/kimi-code` for the mainland
 * defaults, else `oauth/kimi-code-env-` + the first 16 hex digits of the SHA-256 of
 * `{"oauthHost": …, "baseUrl": …}` (keys in that order, the host trimmed, both without
 * trailing slashes).
 */
export function slotKey(oauthHost: string | undefined, baseUrl: string | undefined): string {
  const host = trimSlashes((oauthHost ?? DEFAULT_CLI_OAUTH_HOST).trim());
  const base = trimSlashes(baseUrl ?? DEFAULT_CLI_BASE_URL);
  if (host === DEFAULT_CLI_OAUTH_HOST && base === DEFAULT_CLI_BASE_URL) return DEFAULT_SLOT_KEY;
  const digest = createHash('sha256').update(JSON.stringify({ oauthHost: host, baseUrl: base })).digest('hex');
  return `${SCOPED_SLOT_PREFIX}${digest.slice(0, 16)}`;
}

/** The file name (without `.json`) of a computed key: `kimi-code` or `kimi-code-env-<hex>`. */
function storageName(key: string): string {
  return key === DEFAULT_SLOT_KEY ? 'kimi-code' : key.slice('oauth/'.length);
}

/**
 * A key the CLI could store as a file directly inside `credentials/`: `oauth/<name>` or
 * `<name>`, where the name is not empty, does not start with a dot and holds no path
 * separator. `../x`, `/etc/x`, `oauth/../../x`, `C:\x` all fail.
 */
function isSlotName(key: string): boolean {
  const name = key.startsWith('oauth/') ? key.slice('oauth/'.length) : key;
  return name.length > 0 && !name.startsWith('.') && !/[/\\\0:]/.test(name);
}

/**
 * The CLI's region, as a KimiBar region, in the CLI's order: an env OAuth host naming a
 * profile; `config.toml`'s `oauth.oauth_host`; the default slot key (only ever a mainland
 * login); the `<home>/region` marker its install script writes (skipped when
 * `KIMI_CODE_REGION_MARKER=off`). Null when none of these says anything, or the env names a
 * host of neither region.
 */
export function cliRegion(env: Environment, home: string): Region | null {
  const envHost = nonBlank(env.KIMI_CODE_OAUTH_HOST) ?? nonBlank(env.KIMI_OAUTH_HOST);
  if (envHost !== undefined) return regionOfOAuthHost(envHost);
  const kimiHome = kimiCodeHome(env, home);
  const config = readCliConfig(kimiHome);
  if (config.kind === 'unreadable') return null;
  const oauth = config.provider?.oauth;
  const configured = oauth?.oauth_host === undefined ? null : regionOfOAuthHost(oauth.oauth_host);
  if (configured !== null) return configured;
  if (oauth?.key === DEFAULT_SLOT_KEY) return 'kimi.com';
  if (env.KIMI_CODE_REGION_MARKER === 'off') return null;
  const marker = readSmallFile(join(kimiHome, 'region'), MAX_MARKER_BYTES);
  if (typeof marker !== 'string') return null;
  return CLI_REGION_PROFILES.find((profile) => profile.marker === marker.trim())?.region ?? null;
}

function regionOfOAuthHost(oauthHost: string): Region | null {
  const host = trimSlashes(oauthHost.trim());
  return CLI_REGION_PROFILES.find((profile) => profile.oauthHost === host)?.region ?? null;
}

function trimSlashes(value: string): string {
  return value.replace(/\/+$/, '');
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
