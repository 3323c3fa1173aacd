// The composition root of the core: builds every domain from the real side effects (or the
// ones a test hands in) and exposes what the CLI, the Electron shell and the preview bridge
// share. Nothing here decides anything; it only wires.
import { findAccount, selectedAccount } from '../../shared/accounts.js';
import { refuseSharedChain, type SignInKind } from './accounts/token-chains.js';
import type { AccountId, AccountSettings, Settings } from '../../shared/settings.js';
import type { UsageSnapshot } from '../../shared/usage.js';
import { cliRegion, kimiCodeHome } from './auth/cli-login.js';
import type { ConfiguredDeps } from './auth/configured.js';
import { createCredentialSources } from './auth/sources.js';
import { useFirstWorkingSource, type SourceMode, type SourcedResult } from './auth/priority.js';
import { KimiError } from './errors.js';
import type { CookieImporter } from './cookies/types.js';
import { createRecentActivity, type RecentActivity } from './diagnostics/recent-activity.js';
import { toKimiError } from './errors.js';
import { openHistory, type HistoryNotice, type HistoryStore } from './history/index.js';
import { fetchUsageSnapshot, resolveEndpoints, type KimiEndpoints } from './kimi/index.js';
import type { DeviceLoginContext } from './kimi/device-login.js';
import { identityHeaders, loadDeviceId, systemDeviceFacts, type DeviceFacts, type IdentityHeaders } from './kimi/identity.js';
import { createOAuthTokenManager, type OAuthTokenManager, type OAuthTokens } from './kimi/token-manager.js';
import type { Transport } from './kimi/transport.js';
import { systemClock, type AppPaths, type Clock, type Environment, type KeychainItems, type SecretStore } from './ports.js';
import { resolveAppPaths } from './settings/paths.js';
import type { LocalStats } from './stats/index.js';
import { accountSecrets, openSecretStore } from './settings/secrets.js';
import { openSettings, type SettingsBackendFactory, type SettingsStore } from './settings/settings-store.js';

export interface RuntimeOptions {
  readonly env: Environment;
  readonly platform: NodeJS.Platform;
  readonly home: string;
  readonly appVersion: string;
  readonly clock?: Clock;
  /** Defaults to the OS keychain through keytar (memory for the session where there is none). */
  readonly secrets?: KeychainItems;
  readonly cookies?: CookieImporter;
  /** The app passes electron-store; the CLI writes the file itself (same file, same format). */
  readonly settingsBackend?: SettingsBackendFactory;
  readonly transport?: Transport;
  readonly device?: DeviceFacts;
  readonly timezone?: string;
  /** SQLite's quick_check when history opens: the app's (long-running) job; the CLI turns it off. */
  readonly checkHistoryIntegrity?: boolean;
}

/** One Kimi account: its settings, its own keychain items and sign-ins, its refresh. */
export interface AccountRuntime {
  readonly id: AccountId;
  /** Its settings as the file says now; throws `account-not-found` once it was removed. */
  settings(): AccountSettings;
  /** Its own keychain items (settings/secrets.ts, `secretItemName`). */
  readonly secrets: SecretStore;
  /** KimiBar's own device-login tokens (Kimi account). */
  readonly deviceLogin: OAuthTokenManager;
  /** The in-app kimi.com web session's tokens. */
  readonly webSession: OAuthTokenManager;
  /**
   * Saves a new sign-in's tokens as its device login or web session — after checking that no
   * other account holds the same token chain or Kimi user (accounts/token-chains.ts); throws
   * KimiError('account-duplicate') and saves nothing otherwise. Every new sign-in goes here,
   * never straight to `deviceLogin.save` / `webSession.save`.
   */
  saveSignIn(kind: SignInKind, tokens: OAuthTokens): Promise<void>;
  /** Endpoints for its current settings; throws `insecure-base-url` for a bad override. */
  endpoints(): KimiEndpoints;
  deviceLoginContext(): Promise<DeviceLoginContext>;
  /** Where the credential sources read from under its current settings: for readConfiguredSource. */
  credentialPlaces(): ConfiguredDeps;
  /** One refresh: picks the credential (Auto's order, auth/priority.ts), fetches, maps, records history. */
  fetchSnapshot(options?: { mode?: SourceMode; signal?: AbortSignal }): Promise<SourcedResult<UsageSnapshot>>;
}

export interface Runtime {
  readonly env: Environment;
  readonly paths: AppPaths;
  readonly settings: SettingsStore;
  /** The keychain, every account's items; an account reads its own through `account(id).secrets`. */
  readonly keychain: KeychainItems;
  readonly clock: Clock;
  readonly cookies: CookieImporter;
  /**
   * An account by id or name (case aside); the selected account without one. Throws
   * KimiError('account-not-found') for a name no account has.
   */
  account(idOrName?: string): AccountRuntime;
  /** The history database, opened on first use. */
  history(): HistoryStore;
  /** Local usage read from Kimi Code's session logs; the module (and SQLite) load on first use. */
  localStats(): Promise<LocalStats>;
  /** What the last refreshes saw and where they failed, for a support bundle. */
  readonly activity: RecentActivity;
  /** What went wrong with history since the last call (each kind once per run); nothing when
   *  history was never opened. The app and the CLI tell the user; nothing else reads it. */
  takeHistoryNotices(): HistoryNotice[];
  close(): void;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { env, platform, home, appVersion } = options;
  const clock = options.clock ?? systemClock;
  const paths = resolveAppPaths({ env, platform, homedir: home });
  // Until the user picks a region, KimiBar follows the Kimi Code CLI's (a kimi.ai login makes
  // kimi.ai the default); a region the user picked is kept whatever the CLI does later.
  const settings = openSettings({ configDir: paths.configDir, clock, backend: options.settingsBackend, defaultRegion: () => cliRegion(env, home) });
  // KIMIBAR_KEYCHAIN_SERVICE keeps separate instances (tests, a second profile) apart. The
  // keychain is loaded when a secret is first needed, not here.
  const keychain = options.secrets ?? openSecretStore({ service: env.KIMIBAR_KEYCHAIN_SERVICE || undefined, env, platform });
  const transport = options.transport;
  let zone = options.timezone;
  const timezone = (): string => (zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);

  let identity: Promise<IdentityHeaders> | null = null;
  const identityOnce = (): Promise<IdentityHeaders> =>
    (identity ??= loadDeviceId({ paths, kimiCodeHome: kimiCodeHome(env, home) }).then((deviceId) =>
      identityHeaders({ appVersion, device: options.device ?? systemDeviceFacts(), deviceId }),
    ));

  // Bookkeeping KimiBar writes for itself must not fail a refresh when the settings file cannot
  // be saved (unreadable, or a damaged file that could not be moved): the store has already
  // said so in a notice, and the next run simply does not remember.
  const saveState = (mutator: (draft: Settings) => void): void => {
    try {
      settings.update(mutator);
    } catch (error) {
      if (!(error instanceof KimiError && error.code === 'storage')) throw error;
    }
  };

  // The cookie importer (every browser's reader, their schemas) is loaded and built on its first
  // import: most runs, a CLI command with an API key among them, never read a cookie.
  let cookieImporter: Promise<CookieImporter> | null = null;
  const cookieImporterOnce = (): Promise<CookieImporter> =>
    (cookieImporter ??= import('./cookies/index.js').then(({ createCookieImporter, denialStoreOverRecord }) => {
      // Keychain denials are state, not preferences, but must survive restarts: a user who said
      // no must not be asked again by the next launch within the 6-hour quiet period.
      const keychainDenials = denialStoreOverRecord(
        () => settings.get().state.keychainDeniedAt,
        (next) => saveState((draft) => void (draft.state.keychainDeniedAt = next)),
      );
      return createCookieImporter({ platform, home, env, clock, denialStore: keychainDenials });
    }));
  const cookies: CookieImporter = options.cookies ?? { importKimiAuth: async (importOptions) => (await cookieImporterOnce()).importKimiAuth(importOptions) };

  let history: HistoryStore | null = null;
  const historyOnce = (): HistoryStore => (history ??= openHistory({ dir: paths.configDir, clock, checkIntegrity: options.checkHistoryIntegrity }));
  let localStats: Promise<LocalStats> | null = null;
  const localStatsOnce = (): Promise<LocalStats> =>
    (localStats ??= import('./stats/index.js').then(({ openLocalStats }) => openLocalStats({ dir: paths.configDir, env, home, clock, timeZone: timezone() })));

  const activity = createRecentActivity(clock);

  // One AccountRuntime per account for the runtime's life, so that each token chain's
  // one-renewal-at-a-time rule holds (docs/architecture.md, "Several accounts").
  const accounts = new Map<AccountId, AccountRuntime>();
  const accountRuntime = (id: AccountId): AccountRuntime => {
    let found = accounts.get(id);
    if (!found) {
      found = createAccountRuntime(id);
      accounts.set(id, found);
    }
    return found;
  };

  // New sign-ins are checked against every other account and saved one at a time, so two
  // accounts finishing the same sign-in together cannot both pass the check before either saves.
  let signInsSaved: Promise<unknown> = Promise.resolve();
  const oneSignInAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = signInsSaved.then(work, work);
    signInsSaved = next.catch(() => undefined);
    return next;
  };

  function account(idOrName?: string): AccountRuntime {
    const current = settings.get();
    const chosen = idOrName === undefined ? selectedAccount(current) : findAccount(current, idOrName);
    if (!chosen) throw new KimiError('account-not-found');
    return accountRuntime(chosen.id);
  }

  function createAccountRuntime(id: AccountId): AccountRuntime {
    const secrets = accountSecrets(keychain, id);
    // settings.get() reads the file (so the app sees the CLI's changes): read it once per use.
    const accountIn = (current: Settings): AccountSettings => {
      const found = current.accounts.find((candidate) => candidate.id === id);
      if (!found) throw new KimiError('account-not-found');
      return found;
    };
    const endpointsFor = (kimi: AccountSettings): KimiEndpoints => resolveEndpoints({ region: kimi.region, env, apiBaseUrl: kimi.apiBaseUrl });
    const endpoints = (): KimiEndpoints => endpointsFor(accountIn(settings.get()));

    const deviceLoginContext = async (): Promise<DeviceLoginContext> => ({
      authBaseUrl: endpoints().authBaseUrl,
      identity: await identityOnce(),
      transport,
      clock,
    });

    // The endpoint is looked up at refresh time so a region change takes effect at once.
    const deviceLogin = createOAuthTokenManager({
      secrets,
      account: 'device-login',
      clock,
      // The renewals' modules load when a token is renewed, not with every command.
      refresh: async (refreshToken) => (await import('./kimi/device-login.js')).refreshDeviceLogin(await deviceLoginContext(), refreshToken),
    });
    const webSession = createOAuthTokenManager({
      secrets,
      account: 'web-session',
      clock,
      refresh: async (refreshToken) => (await import('./kimi/web-session.js')).refreshWebSession({ authBaseUrl: endpoints().authBaseUrl, transport, clock }, refreshToken),
    });

    // Typed by use: the sources need the managers whole, a status display only their `load`.
    const placesFor = (kimi: AccountSettings) => ({
      env,
      home,
      clock,
      secrets,
      deviceLogin,
      webSession,
      cookieSource: kimi.cookieSource,
      baseUrlOverridden: (kimi.apiBaseUrl ?? '').trim() !== '',
      // An account set to the CLI login reads the CLI's login of its Region (both may be kept);
      // Auto reads whichever the CLI uses now.
      cliLoginRegion: kimi.usageSource === 'cli' ? kimi.region : null,
    });

    const saveSignIn = (kind: SignInKind, tokens: OAuthTokens): Promise<void> =>
      oneSignInAtATime(async () => {
        const others = settings.get().accounts.filter((other) => other.id !== id);
        const held = await Promise.all(
          others.map(async (other) => {
            const parts = accountRuntime(other.id);
            return { accountName: other.name, signIns: await Promise.all([parts.deviceLogin.load(), parts.webSession.load()]) };
          }),
        );
        refuseSharedChain(tokens, held);
        await (kind === 'device-login' ? deviceLogin : webSession).save(tokens);
      });

    async function fetchSnapshot(options: { mode?: SourceMode; signal?: AbortSignal } = {}): Promise<SourcedResult<UsageSnapshot>> {
      try {
        const result = await fetchAndRecord(options);
        for (const attempt of result.attempts) activity.errorSeen(attempt.error, attempt.source);
        return result;
      } catch (error) {
        activity.errorSeen(toKimiError(error));
        throw error;
      }
    }

    async function fetchAndRecord({ mode, signal }: { mode?: SourceMode; signal?: AbortSignal }): Promise<SourcedResult<UsageSnapshot>> {
      const current = settings.get();
      const kimi = accountIn(current);
      const chosenMode = mode ?? kimi.usageSource;
      const sources = createCredentialSources({ ...placesFor(kimi), cookies, region: kimi.region });
      const context = { endpoints: endpointsFor(kimi), identity: await identityOnce(), timezone, clock, transport, onResponse: activity.responseSeen.bind(activity) };
      const result = await useFirstWorkingSource(chosenMode, sources, (credential, s) => fetchUsageSnapshot(context, credential, s), signal);

      if (chosenMode === 'auto' && kimi.lastAutoSource !== result.credential.kind) {
        saveState((draft) => {
          const entry = draft.accounts.find((candidate) => candidate.id === id);
          if (entry) entry.lastAutoSource = result.credential.kind;
        });
      }
      if (current.general.keepHistory) historyOnce().record(result.value, id);
      return result;
    }

    return {
      id,
      settings: () => accountIn(settings.get()),
      secrets,
      deviceLogin,
      webSession,
      saveSignIn,
      endpoints,
      deviceLoginContext,
      credentialPlaces: () => placesFor(accountIn(settings.get())),
      fetchSnapshot,
    };
  }

  return {
    env,
    paths,
    settings,
    keychain,
    clock,
    cookies,
    account,
    history: historyOnce,
    localStats: localStatsOnce,
    activity,
    takeHistoryNotices: () => history?.takeNotices() ?? [],
    close: () => {
      history?.close();
      void localStats?.then((stats) => stats.close(), () => undefined);
    },
  };
}
