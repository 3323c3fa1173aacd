// Which credential sources are configured, read from each source's own place: KimiBar's
// keychain items, the environment and the Kimi Code CLI's file. The refresh (sources.ts),
// `kimibar status` and the settings screen all ask this one function, so they agree on what
// counts as set — a blank value does not.
//
// It is free of side effects, so a status display may call it at any time: it never imports
// from a browser (reading a browser's cookie store can raise a keychain prompt for another
// app's item, e.g. "Chrome Safe Storage") and never renews a token (a network call that
// rotates the refresh token). That is why a status display repeats Auto's order over these
// readings instead of asking the sources to resolve.
import type { CookieSource, Region } from '../../../shared/settings.js';
import type { SourceKind } from '../../../shared/usage.js';
import { KimiError } from '../errors.js';
import { jwtExpiry } from '../jwt.js';
import type { OAuthTokens } from '../kimi/token-manager.js';
import type { Clock, Environment, SecretStore } from '../ports.js';
import { findCliCredential, type CliCredentialLookup } from './cli-credential.js';
import { parseTokenInput } from './token-input.js';

/** KimiBar's stored OAuth tokens (device login, web session), read without renewing them. */
export interface StoredTokens {
  load(): Promise<OAuthTokens | null>;
}

export interface ConfiguredDeps {
  readonly env: Environment;
  readonly home: string;
  readonly clock: Clock;
  readonly secrets: Pick<SecretStore, 'get'>;
  readonly deviceLogin: StoredTokens;
  readonly webSession: StoredTokens;
  readonly cookieSource: CookieSource;
  /**
   * The settings field "API base URL" is set: KimiBar's Code API calls go to a server the user
   * chose, and the CLI's login (which only ever goes to its own Kimi server) is not used
   * beside it. `KIMI_CODE_BASE_URL` is different: the CLI reads it too, to pick its login.
   */
  readonly baseUrlOverridden: boolean;
  /**
   * Which of the CLI's logins to read: a region's, for an account whose source is explicitly the
   * CLI login (its Region names the login, auth/cli-login.ts `regionCliLogin`); absent or null,
   * the one the CLI itself uses now, as Auto always has.
   */
  readonly cliLoginRegion?: Region | null;
}

export interface WebTokenText {
  readonly token: string;
  readonly expiresAt: Date | null;
}

/** A variable that holds no token is an error naming it, never a silent "not set". */
export type EnvWebToken = WebTokenText | { readonly error: KimiError };

export type TypedWebToken = (WebTokenText & { readonly origin: 'manual' | 'env' }) | { readonly origin: 'env'; readonly error: KimiError };

export interface ConfiguredSources {
  /** The key in the keychain wins over KIMI_CODE_API_KEY. */
  readonly 'api-key': { readonly kind: 'api-key'; readonly stored: string | null; readonly env: string | null };
  readonly 'kimi-account': { readonly kind: 'kimi-account'; readonly tokens: OAuthTokens | null };
  /** Skipped (its files not even read) while the settings' API base URL is set. */
  readonly 'kimi-cli': { readonly kind: 'kimi-cli'; readonly skipped: true } | { readonly kind: 'kimi-cli'; readonly skipped: false; readonly lookup: CliCredentialLookup };
  readonly web: {
    readonly kind: 'web';
    readonly session: OAuthTokens | null;
    /** The token pasted in the settings, whatever the cookie source (it is used only in "manual"). */
    readonly pasted: WebTokenText | null;
    /** KIMI_AUTH_TOKEN, read by the pasted-token parser; null when unset or blank. */
    readonly env: EnvWebToken | null;
    readonly cookieSource: CookieSource;
  };
}

export type ConfiguredSource = ConfiguredSources[SourceKind];

type Readers = { readonly [K in SourceKind]: (deps: ConfiguredDeps) => Promise<ConfiguredSources[K]> };

const READERS: Readers = {
  'api-key': async ({ secrets, env }) => ({
    kind: 'api-key',
    stored: nonBlank(await secrets.get('api-key')),
    // KIMI_API_KEY belongs to a different Kimi product and is deliberately not read.
    env: nonBlank(env.KIMI_CODE_API_KEY),
  }),
  'kimi-account': async ({ deviceLogin }) => ({ kind: 'kimi-account', tokens: await deviceLogin.load() }),
  'kimi-cli': async ({ env, home, clock, baseUrlOverridden, cliLoginRegion }) =>
    baseUrlOverridden
      ? { kind: 'kimi-cli', skipped: true }
      : { kind: 'kimi-cli', skipped: false, lookup: await findCliCredential(env, home, new Date(clock.now()), cliLoginRegion ?? null) },
  web: async ({ secrets, env, webSession, cookieSource }) => ({
    kind: 'web',
    session: await webSession.load(),
    // Stored already parsed (by the settings screen), so it is used as it is.
    pasted: storedWebToken(await secrets.get('manual-token')),
    env: envWebToken(env.KIMI_AUTH_TOKEN),
    cookieSource,
  }),
};

/** What one source has configured; reads only that source's own places. */
export function readConfiguredSource<K extends SourceKind>(kind: K, deps: ConfiguredDeps): Promise<ConfiguredSources[K]> {
  return READERS[kind](deps);
}

/**
 * The typed-in web token a refresh uses after the in-app sign-in: the pasted one when the
 * cookie source is "manual", then KIMI_AUTH_TOKEN (or why it cannot be used). Null when
 * neither is set.
 */
export function typedWebToken(web: ConfiguredSources['web']): TypedWebToken | null {
  if (web.cookieSource === 'manual' && web.pasted) return { ...web.pasted, origin: 'manual' };
  if (web.env) return { ...web.env, origin: 'env' };
  return null;
}

/**
 * A credential is there to try without importing from a browser. An OAuth sign-in counts
 * while its tokens are stored: whether the server still renews them shows at the refresh.
 */
export function isConfigured(source: ConfiguredSource): boolean {
  switch (source.kind) {
    case 'api-key':
      return (source.stored ?? source.env) !== null;
    case 'kimi-account':
      return source.tokens !== null;
    case 'kimi-cli':
      return !source.skipped && source.lookup.status === 'found';
    case 'web':
      return source.session !== null || isUsable(typedWebToken(source));
  }
}

function isUsable(typed: TypedWebToken | null): boolean {
  return typed !== null && !('error' in typed);
}

function storedWebToken(value: string | null): WebTokenText | null {
  const token = nonBlank(value);
  return token === null ? null : { token, expiresAt: jwtExpiry(token) };
}

function envWebToken(value: string | undefined): EnvWebToken | null {
  if (nonBlank(value) === null) return null;
  try {
    return parseTokenInput(value ?? '', 'KIMI_AUTH_TOKEN');
  } catch (error) {
    if (error instanceof KimiError && error.code === 'auth-missing') return null; // only quotes: blank
    if (error instanceof KimiError) return { error };
    throw error;
  }
}

function nonBlank(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
