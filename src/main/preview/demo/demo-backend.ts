// `--demo`: the bridge's handlers backed by the real app controller, with the simulated Kimi
// service in place of the network and in-memory settings, secrets and history. Secrets are
// never kept at all — the demo only remembers whether one was given — but pasted tokens and
// API base URLs go through the real core parsers, so what the demo accepts the app accepts.
import type { ImportReport } from '../../core/cookies/types.js';
import type { NotificationDecision } from '../../core/app/notifications.js';
import { createController } from '../../core/app/controller.js';
import type { Timers } from '../../core/app/timers.js';
import { systemTimers } from '../../core/app/timers.js';
import { adviseTokenExpiry, parseTokenInput } from '../../core/auth/token-input.js';
import { KimiError } from '../../core/errors.js';
import { resolveEndpoints } from '../../core/kimi/endpoints.js';
import type { Clock } from '../../core/ports.js';
import { systemClock } from '../../core/ports.js';
import type { ExternalTarget, HistoryPoint, IpcEvent, IpcEventListener, IpcHandlers, ManualTokenResult, SecretsView, SettingsPane, SettingsPatch, TokenWarning } from '../../../shared/ipc.js';
import { externalUrl } from '../../../shared/ipc.js';
import type { Settings } from '../../../shared/settings.js';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../../shared/settings.js';
import { mergeSettingsPatch } from '../../../shared/settings-patch.js';
import type { UsageSnapshot, UsageSource } from '../../../shared/usage.js';
import type { BridgeHandlers } from '../bridge-server.js';
import { simulateSnapshot } from './simulated-kimi.js';

export interface DemoBackendOptions {
  /** The demo's time; pass a faster clock for a time-lapse. */
  readonly clock?: Clock;
  readonly timers?: Timers;
  readonly openUrl: (url: string) => Promise<void>;
  readonly onQuit: () => void;
  readonly onOpenSettings?: (pane: SettingsPane) => void;
  readonly onNotification?: (decision: NotificationDecision) => void;
  /** Start with no credential at all: the first-run experience. */
  readonly signedOut?: boolean;
  /** How long the simulated browser confirmation of a device login takes. */
  readonly deviceLoginDelayMs?: number;
}

export interface DemoBackend extends BridgeHandlers {
  start(): void;
  stop(): void;
}

const HISTORY_LIMIT = 10_000;
const DAY_MS = 86_400_000;
const DEVICE_CODE_TTL_MS = 15 * 60_000;

const LABELS: Readonly<Record<UsageSource['kind'], string>> = {
  'api-key': 'Kimi Code API key',
  'kimi-account': 'Kimi account (signed in)',
  'kimi-cli': 'Kimi Code CLI',
  web: 'Kimi web cookie',
};

const DEMO_REPORTS: readonly ImportReport[] = [
  { browser: 'chrome', browserName: 'Chrome', profile: 'Default', status: 'not-found', expiresAt: null, detail: null },
  { browser: 'safari', browserName: 'Safari', profile: null, status: 'needs-full-disk-access', expiresAt: null, detail: null },
  { browser: 'firefox', browserName: 'Firefox', profile: 'default-release', status: 'not-found', expiresAt: null, detail: null },
];

export function createDemoBackend(options: DemoBackendOptions): DemoBackend {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const epochMs = clock.now();
  const listeners = new Set<IpcEventListener>();
  let settings: Settings = DEFAULT_SETTINGS;
  // Unless asked for the first run, the demo starts with an API key "set", so it shows numbers.
  const secrets = { apiKey: options.signedOut !== true, manualToken: null as { expiresAt: Date | null } | null, account: false, webSession: false };
  let history: HistoryPoint[] = [];
  let pendingLogin: unknown = null;

  const emit = (event: IpcEvent): void => {
    for (const listener of listeners) listener(event);
  };

  const controller = createController({
    fetchSnapshot: async () => simulateSnapshot({ epochMs, nowMs: clock.now(), source: pickSource() }),
    getSettings: () => settings,
    clock,
    timers,
    history: { record: recordHistory },
    notify: (decision) => options.onNotification?.(decision),
    onState: (state) => emit({ channel: 'state', payload: state }),
    onTick: (tick) => {
      if (tick.target === 'popover') emit({ channel: 'tick', payload: tick });
    },
  });

  /** Auto's order (SPEC §4), over the demo's pretend credentials; explicit modes never fall back. */
  function pickSource(): UsageSource {
    const mode = settings.kimi.usageSource;
    const webReady = secrets.webSession || (settings.kimi.cookieSource === 'manual' && secrets.manualToken !== null);
    const candidates: [boolean, UsageSource['kind']][] = [
      [mode !== 'account' && mode !== 'web' && secrets.apiKey, 'api-key'],
      [(mode === 'auto' || mode === 'account') && secrets.account, 'kimi-account'],
      [(mode === 'auto' || mode === 'web') && webReady, 'web'],
    ];
    const found = candidates.find(([ready]) => ready);
    if (found) return { kind: found[1], label: LABELS[found[1]] };
    if (mode === 'api') throw new KimiError('api-key-missing');
    if (mode === 'account') throw new KimiError('not-signed-in');
    if (mode === 'web' && settings.kimi.cookieSource === 'automatic') throw new KimiError('no-cookies');
    throw new KimiError('auth-missing');
  }

  function recordHistory(snapshot: UsageSnapshot): void {
    if (!settings.general.keepHistory) return;
    const points = snapshot.windows.map((window) => ({
      at: snapshot.updatedAt,
      windowId: window.id,
      usedPercent: window.usedPercent,
      used: window.used ?? null,
      limit: window.limit ?? null,
      resetsAt: window.resetsAt ?? null,
    }));
    history = [...history, ...points].slice(-HISTORY_LIMIT);
  }

  function secretsView(): SecretsView {
    const manual = secrets.manualToken;
    const expired = manual?.expiresAt != null && manual.expiresAt.getTime() <= clock.now();
    return {
      apiKey: secrets.apiKey ? 'set' : 'not-set',
      environment: { apiKey: false, authToken: false },
      manualToken: {
        state: manual === null ? 'not-set' : expired ? 'expired' : 'set',
        expiresAt: manual?.expiresAt?.toISOString() ?? null,
      },
      account: { signedIn: secrets.account },
      webSession: { signedIn: secrets.webSession },
      keychain: 'available',
    };
  }

  /** A credential changed: tell the windows and refresh, as the app does. */
  function credentialsChanged(): void {
    emit({ channel: 'secrets', payload: secretsView() });
    void controller.refresh('settings');
  }

  function applyPatch(patch: SettingsPatch): Settings {
    const next = mergeSettingsPatch(settings, patch);
    const { kimi } = next;
    if (kimi.apiBaseUrl !== null && kimi.apiBaseUrl.trim() === '') kimi.apiBaseUrl = null;
    // The real endpoint rules: an insecure override is refused before it is ever saved.
    resolveEndpoints({ region: kimi.region, env: {}, apiBaseUrl: kimi.apiBaseUrl });
    return SettingsSchema.parse(next);
  }

  function cancelLogin(): boolean {
    if (pendingLogin === null) return false;
    timers.clearTimeout(pendingLogin);
    pendingLogin = null;
    return true;
  }

  const invoke: IpcHandlers = {
    getState: async () => controller.getState(),
    refresh: async () => {
      await controller.refresh('manual');
      return controller.getState();
    },
    setPopoverVisible: async ({ visible }) => {
      controller.setPopoverVisible(visible);
      return null;
    },
    openExternal: async ({ target }: { target: ExternalTarget }) => {
      await options.openUrl(externalUrl(target, settings.kimi.region));
      return null;
    },
    openSettings: async (request) => {
      options.onOpenSettings?.(request?.pane ?? 'kimi');
      return null;
    },
    quit: async () => {
      options.onQuit();
      return null;
    },
    getSettings: async () => settings,
    updateSettings: async (patch) => {
      settings = applyPatch(patch);
      emit({ channel: 'settings', payload: settings });
      controller.settingsChanged();
      return settings;
    },
    getSecrets: async () => secretsView(),
    setApiKey: async () => {
      secrets.apiKey = true;
      credentialsChanged();
      return { set: true };
    },
    clearApiKey: async () => {
      secrets.apiKey = false;
      credentialsChanged();
      return null;
    },
    setManualToken: async ({ input }): Promise<ManualTokenResult> => {
      const { expiresAt } = parseTokenInput(input);
      secrets.manualToken = { expiresAt };
      credentialsChanged();
      return { set: true, expiresAt: expiresAt?.toISOString() ?? null, warning: tokenWarning(expiresAt, new Date(clock.now())) };
    },
    clearManualToken: async () => {
      secrets.manualToken = null;
      credentialsChanged();
      return null;
    },
    startDeviceLogin: async () => {
      cancelLogin();
      const userCode = deviceCode();
      pendingLogin = timers.setTimeout(() => {
        pendingLogin = null;
        secrets.account = true;
        emit({ channel: 'deviceLogin', payload: { status: 'signed-in', error: null } });
        credentialsChanged();
      }, options.deviceLoginDelayMs ?? 4000);
      emit({ channel: 'deviceLogin', payload: { status: 'waiting', error: null } });
      return {
        userCode,
        verificationUri: `https://www.${settings.kimi.region}/code/authorize?user_code=${userCode}`,
        expiresAt: new Date(clock.now() + DEVICE_CODE_TTL_MS).toISOString(),
        browserOpened: false,
      };
    },
    cancelDeviceLogin: async () => {
      if (cancelLogin()) emit({ channel: 'deviceLogin', payload: { status: 'cancelled', error: null } });
      return null;
    },
    signOut: async () => {
      secrets.account = false;
      secrets.webSession = false;
      credentialsChanged();
      return null;
    },
    signInWeb: async () => {
      secrets.webSession = true;
      credentialsChanged();
      return null;
    },
    reimportCookies: async () => [...DEMO_REPORTS],
    getCookieReports: async () => [...DEMO_REPORTS],
    getHistory: async ({ days, windowId }) => {
      const since = clock.now() - days * DAY_MS;
      return history.filter((point) => Date.parse(point.at) >= since && (windowId === undefined || point.windowId === windowId));
    },
    clearHistory: async () => {
      history = [];
      return null;
    },
  };

  return {
    invoke,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: () => controller.start(),
    stop() {
      cancelLogin();
      controller.stop();
    },
  };
}

function tokenWarning(expiresAt: Date | null, now: Date): TokenWarning | null {
  const advice = adviseTokenExpiry(expiresAt, now);
  if (advice.expired) return 'expired';
  if (advice.expiringSoon) return 'expiring-soon';
  return advice.shortLived ? 'short-lived' : null;
}

/** "ABCD-2345": the shape of a real device-login code, without look-alike characters. */
function deviceCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const pick = () => alphabet[Math.floor(Math.random() * alphabet.length)] ?? 'A';
  const part = () => Array.from({ length: 4 }, pick).join('');
  return `${part()}-${part()}`;
}
