// The IPC contract's handlers: what each window request does to the core. Requests arrive
// already validated (dispatchInvoke); replies never hold a secret — the renderer learns only
// "set / not set / expires …" (SecretsView).
import { selectedAccount } from '../../../shared/accounts.js';
import type { HistoryPoint, IpcEvent, IpcHandlers, ManualTokenResult, SecretsView } from '../../../shared/ipc.js';
import { HISTORY_MAX_POINTS, externalUrl } from '../../../shared/ipc.js';
import { mergeSettingsPatch } from '../../../shared/settings-patch.js';
import type { Region } from '../../../shared/settings.js';
import { WINDOW_IDS, type WindowId } from '../../../shared/usage.js';
import type { AccountsController } from '../app/accounts-controller.js';
import { addAccount, moveAccount, removeAccount, selectAccount } from '../accounts/manage.js';
import { readConfiguredSource } from '../auth/configured.js';
import { describeSourceStatus } from '../auth/source-status.js';
import { collectDiagnostics, writeDiagnosticsFile } from '../diagnostics/collect.js';
import { adviseTokenExpiry, parseTokenInput } from '../auth/token-input.js';
import { KimiError, toKimiError } from '../errors.js';
import type { HistoryPoint as StoredPoint } from '../history/index.js';
import type { LocalStatsView, StatsPeriod } from '../../../shared/local-stats.js';
import { disabledView } from '../stats/index.js';
import { mayOpenVerificationUri, pollDeviceLogin, startDeviceLogin } from '../kimi/device-login.js';
import { resolveEndpoints } from '../kimi/index.js';
import type { AccountRuntime, Runtime } from '../runtime.js';
import { maskApiKey } from '../../../shared/api-key.js';
import { acceptApiKey } from '../settings/api-key.js';
import { APP_VERSION } from '../version.js';
import { mayOpenExternally } from './external-links.js';
import type { ShellPorts } from './shell-ports.js';
import { announceHistoryNotices } from './history-notices.js';
import { removeAccountFiles } from './account-files.js';

const DAY_MS = 86_400_000;

interface HandlerDeps {
  readonly runtime: Runtime;
  readonly controller: AccountsController;
  readonly shell: ShellPorts;
  readonly emit: (event: IpcEvent) => void;
}

export function createHandlers({ runtime, controller, shell, emit }: HandlerDeps): IpcHandlers {
  const { settings } = runtime;
  let deviceLogin: AbortController | null = null;
  /** The waiting sign-in's page, for "Open browser again"; null when none waits. */
  let deviceLoginPage: { readonly url: string; readonly region: Region } | null = null;

  const now = (): Date => new Date(runtime.clock.now());
  const region = () => selectedAccount(settings.get()).region;
  /** The account a request names (its id), or the selected one; `account-not-found` otherwise. */
  const accountFor = (request?: { account?: string }): AccountRuntime => runtime.account(request?.account ?? undefined);

  /** Every link leaves through the allow-list, whichever shell serves the windows. */
  async function openLink(url: string): Promise<void> {
    if (!mayOpenExternally(url)) throw new KimiError('usage', { detail: 'this link is not one KimiBar opens' });
    await shell.openUrl(url);
  }

  /** An account's secrets changed: the `secrets` event carries the selected account's view (as
   *  `state` carries its state), and that account refreshes with what it now holds. */
  async function secretsChanged(account: AccountRuntime): Promise<void> {
    emit({ channel: 'secrets', payload: await secretsView(runtime) });
    void controller.refreshAccount(account.id, 'settings').catch(() => undefined);
  }

  return {
    getState: async () => controller.getState(),
    refresh: async (request) => {
      if (request?.account === undefined) await controller.refresh('manual');
      else await controller.refreshAccount(accountFor(request).id, 'manual');
      return controller.getState();
    },
    setPopoverVisible: async ({ visible }) => {
      controller.setPopoverVisible(visible);
      return null;
    },
    fitPopover: async ({ height }) => {
      shell.fitPopover(height);
      return null;
    },
    closePopover: async () => {
      shell.closePopover();
      return null;
    },
    openExternal: async ({ target }) => {
      await openLink(externalUrl(target, region()));
      return null;
    },
    openSettings: async (request) => {
      shell.openSettings(request?.pane ?? 'kimi');
      return null;
    },
    quit: async () => {
      shell.quit();
      return null;
    },
    getSettings: async () => settings.get(),
    updateSettings: async (patch) => {
      const before = settings.get();
      const next = mergeSettingsPatch(before, patch);
      // An unsafe base URL is refused when it is typed, not at the next refresh.
      const changed = (patch.account === undefined ? undefined : next.accounts.find((account) => account.id === patch.account)) ?? selectedAccount(next);
      resolveEndpoints({ region: changed.region, env: {}, apiBaseUrl: changed.apiBaseUrl });
      const saved = settings.update(() => next);
      if (saved.general.launchAtLogin !== before.general.launchAtLogin) shell.setLaunchAtLogin(saved.general.launchAtLogin);
      return saved;
    },
    getSecrets: async (request) => secretsView(runtime, accountFor(request)),
    setApiKey: async ({ apiKey, account: id }) => {
      const account = accountFor({ account: id });
      const key = acceptApiKey(apiKey);
      await account.secrets.set('api-key', key);
      await secretsChanged(account);
      return { set: true, masked: maskApiKey(key) };
    },
    clearApiKey: async (request) => {
      const account = accountFor(request);
      await account.secrets.delete('api-key');
      await secretsChanged(account);
      return null;
    },
    setManualToken: async ({ input, account: id }) => {
      const account = accountFor({ account: id });
      const { token, expiresAt } = parseTokenInput(input);
      await account.secrets.set('manual-token', token);
      await secretsChanged(account);
      return manualTokenResult(expiresAt, now());
    },
    clearManualToken: async (request) => {
      const account = accountFor(request);
      await account.secrets.delete('manual-token');
      await secretsChanged(account);
      return null;
    },
    startDeviceLogin: async (request) => {
      const account = accountFor(request);
      const accountRegion = account.settings().region;
      deviceLogin?.abort();
      const abort = new AbortController();
      deviceLogin = abort;
      const context = await account.deviceLoginContext();
      const start = await startDeviceLogin(context, abort.signal);
      const pageToOpen = start.verificationUriComplete ?? start.verificationUri;
      // The region's own domain, and the app-wide allow-list (no odd port, no user info).
      const browserOpened = mayOpenVerificationUri(pageToOpen, accountRegion) && mayOpenExternally(pageToOpen);
      if (browserOpened) await openLink(pageToOpen);
      deviceLoginPage = { url: pageToOpen, region: accountRegion };
      emit({ channel: 'deviceLogin', payload: { status: 'waiting', error: null } });

      void pollDeviceLogin(context, start, { signal: abort.signal })
        .then(async (tokens) => {
          await account.saveSignIn('device-login', tokens);
          emit({ channel: 'deviceLogin', payload: { status: 'signed-in', error: null } });
          await secretsChanged(account);
        })
        .catch((error: unknown) => {
          const failure = toKimiError(error);
          const status = failure.code === 'cancelled' ? 'cancelled' : 'failed';
          emit({ channel: 'deviceLogin', payload: { status, error: status === 'failed' ? failure.toView() : null } });
        })
        .finally(() => {
          if (deviceLogin !== abort) return;
          deviceLogin = null;
          deviceLoginPage = null;
        });

      return {
        userCode: start.userCode,
        verificationUri: pageToOpen,
        expiresAt: new Date(runtime.clock.now() + start.expiresIn * 1000).toISOString(),
        browserOpened,
      };
    },
    cancelDeviceLogin: async () => {
      deviceLogin?.abort();
      return null;
    },
    openDeviceLoginPage: async () => {
      if (deviceLoginPage === null) throw new KimiError('usage', { detail: 'no sign-in is waiting' });
      // The same checks as when the sign-in started: the region's domain, then the allow-list.
      if (!mayOpenVerificationUri(deviceLoginPage.url, deviceLoginPage.region)) throw new KimiError('usage', { detail: 'this link is not one KimiBar opens' });
      await openLink(deviceLoginPage.url);
      return null;
    },
    signOut: async (request) => {
      const account = accountFor(request);
      await Promise.all([account.deviceLogin.clear(), account.webSession.clear()]);
      await secretsChanged(account);
      return null;
    },
    signInWeb: async (request) => {
      const account = accountFor(request);
      const session = await shell.signInWeb({ id: account.id, region: account.settings().region });
      if (session) {
        await account.saveSignIn('web-session', session);
        await secretsChanged(account);
      }
      return null;
    },
    reimportCookies: async () => (await runtime.cookies.importKimiAuth({ region: region(), force: true })).reports.slice(),
    getCookieReports: async () => (await runtime.cookies.importKimiAuth({ region: region() })).reports.slice(),
    // The popover's charts ask while it is open: each window's line, thinned to what a chart
    // can draw (spikes and resets kept), never the raw rows.
    getHistory: async ({ days, windowId, account }) => {
      // An id no account has is an error (account-not-found), not an empty chart.
      const accountId = runtime.account(account).id;
      const to = runtime.clock.now();
      const range = { from: to - days * DAY_MS, to, maxPoints: HISTORY_MAX_POINTS };
      const history = runtime.history();
      const points = (windowId ? [windowId] : WINDOW_IDS).flatMap((id) => history.samples(accountId, id, range).map((point) => wirePoint(id, point)));
      announceHistoryNotices(runtime, shell);
      return points;
    },
    // Settings → General asks "Delete all usage history?": every account's rows go.
    clearHistory: async () => {
      runtime.history().clear();
      announceHistoryNotices(runtime, shell);
      return null;
    },
    getLocalStats: async ({ days }) => localStatsView(runtime, days),
    saveDiagnostics: async () => {
      const { cookieSource } = selectedAccount(settings.get());
      // The reports browser import already has (it imports only if it never ran this session).
      const cookieImport = cookieSource === 'automatic' ? (await runtime.cookies.importKimiAuth({ region: region() })).reports : null;
      const sources = (await describeSourceStatus(runtime)).map(({ kind, ready, detail }) => ({ kind, ready, detail }));
      // Served by Electron it is the app; served by the preview bridge, a browser tab.
      const surface = process.versions.electron ? 'app' : 'preview';
      const bundle = await collectDiagnostics(runtime, { surface, appVersion: APP_VERSION, sources, cookieImport });
      const path = writeDiagnosticsFile(runtime.paths.configDir, bundle);
      shell.showFile(path);
      return { path };
    },
    getAccounts: async () => controller.accounts(),
    // Each change lands in the settings file; its change event restarts the controllers.
    selectAccount: async ({ account }) => {
      selectAccount(runtime, account);
      return null;
    },
    addAccount: async (request) => addAccount(runtime, request),
    removeAccount: async ({ account }) => {
      const removed = await removeAccount(runtime, account);
      removeAccountFiles(runtime.paths.configDir, removed.id);
      return null;
    },
    moveAccount: async ({ account, index }) => {
      moveAccount(runtime, account, index);
      return null;
    },
  };
}

function wirePoint(windowId: WindowId, point: StoredPoint): HistoryPoint {
  return {
    at: new Date(point.time).toISOString(),
    windowId,
    usedPercent: point.value,
    used: point.used,
    limit: point.limit,
    resetsAt: point.resetsAt === null ? null : new Date(point.resetsAt).toISOString(),
  };
}

/** The setting is read at each ask, so turning it off stops the very next read. */
async function localStatsView(runtime: Runtime, days: StatsPeriod): Promise<LocalStatsView> {
  const stats = await runtime.localStats();
  if (!runtime.settings.get().general.localStats) return disabledView(days, stats.today());
  await stats.scan();
  return stats.view(days);
}

function manualTokenResult(expiresAt: Date | null, now: Date): ManualTokenResult {
  const advice = adviseTokenExpiry(expiresAt, now);
  const warning = advice.expired ? 'expired' : advice.expiringSoon ? 'expiring-soon' : advice.shortLived ? 'short-lived' : null;
  return { set: true, expiresAt: expiresAt?.toISOString() ?? null, warning };
}

export async function secretsView(runtime: Runtime, owner: AccountRuntime = runtime.account()): Promise<SecretsView> {
  const places = owner.credentialPlaces();
  const [apiKey, account, web] = await Promise.all([
    readConfiguredSource('api-key', places),
    readConfiguredSource('kimi-account', places),
    readConfiguredSource('web', places),
  ]);
  const manualExpiry = web.pasted?.expiresAt ?? null;
  const manualExpired = manualExpiry !== null && manualExpiry.getTime() <= runtime.clock.now();
  return {
    apiKey: apiKey.stored !== null ? 'set' : 'not-set',
    apiKeyMasked: apiKey.stored === null ? null : maskApiKey(apiKey.stored),
    environment: { apiKey: apiKey.env !== null, authToken: web.env !== null && !('error' in web.env) },
    manualToken: { state: web.pasted !== null ? (manualExpired ? 'expired' : 'set') : 'not-set', expiresAt: manualExpiry?.toISOString() ?? null },
    account: { signedIn: account.tokens !== null },
    webSession: { signedIn: web.session !== null },
    keychain: (await owner.secrets.persistent()) ? 'available' : 'session-only',
  };
}
