// The IPC contract: every malformed request is refused before a handler runs, replies are
// held to their schema (so nothing outside it, such as a secret, can reach a window), and
// errors cross as typed views without leaking the text of unexpected exceptions.
import { describe, expect, test } from 'vitest';
import { IDLE_STATE } from '../../src/main/core/app/controller.js';
import { KimiError } from '../../src/main/core/errors.js';
import { DEFAULT_SETTINGS } from '../../src/shared/settings.js';
import type { AppState } from '../../src/shared/app-state.js';
import { EVENT_CHANNELS, INVOKE_CHANNELS, INTERNAL_ERROR, INVALID_REQUEST, eventWireName, invokeWireName } from '../../src/shared/ipc-channels.js';
import type { IpcTransport } from '../../src/shared/ipc-client.js';
import { createApiClient } from '../../src/shared/ipc-client.js';
import type { IpcHandlers, SecretsView } from '../../src/shared/ipc.js';
import { IPC_EVENTS, IPC_INVOKE, checkEvent, dispatchInvoke, externalUrl } from '../../src/shared/ipc.js';

const STATE: AppState = {
  ...IDLE_STATE,
  signedOut: true,
};

const SECRETS: SecretsView = {
  apiKey: 'set',
  apiKeyMasked: 'sk-kimi-…1234',
  environment: { apiKey: false, authToken: false },
  manualToken: { state: 'not-set', expiresAt: null },
  account: { signedIn: false },
  webSession: { signedIn: false },
  keychain: 'available',
};

/** Handlers that record what reached them; every reply is valid unless a test overrides it. */
function recordingHandlers(overrides: Partial<Record<keyof IpcHandlers, (request: never) => Promise<unknown>>> = {}): { handlers: IpcHandlers; calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  const replies: Record<keyof IpcHandlers, unknown> = {
    getState: STATE,
    refresh: STATE,
    setPopoverVisible: null,
    fitPopover: null,
    closePopover: null,
    openExternal: null,
    openSettings: null,
    quit: null,
    getSettings: DEFAULT_SETTINGS,
    updateSettings: DEFAULT_SETTINGS,
    getSecrets: SECRETS,
    setApiKey: { set: true, masked: 'sk-kimi-…1234' },
    clearApiKey: null,
    setManualToken: { set: true, expiresAt: null, warning: null },
    clearManualToken: null,
    startDeviceLogin: { userCode: 'ABCD-2345', verificationUri: 'https://www.kimi.com/code/authorize', expiresAt: '2026-11-24T10:15:00.000Z', browserOpened: true },
    cancelDeviceLogin: null,
    openDeviceLoginPage: null,
    signOut: null,
    signInWeb: null,
    reimportCookies: [],
    getCookieReports: [],
    getHistory: [],
    clearHistory: null,
    saveDiagnostics: { path: '/tmp/kimibar-diagnostics.json' },
    getLocalStats: {
      enabled: false,
      today: '2026-11-26',
      todayTotals: { input: 0, output: 0, cacheRead: 0, cacheCreation: 0, requests: 0, total: 0 },
      topModel: null,
      week: ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26'].map((day) => ({ day, total: 0 })),
      days: 7,
      byModel: [],
      byProject: [],
      otherRows: 0,
      files: 0,
    },
    getAccounts: { selectedAccount: 'main', trayAccount: 'main', accounts: [{ id: 'main', name: 'Kimi', state: STATE }] },
    selectAccount: null,
    addAccount: DEFAULT_SETTINGS.accounts[0],
    removeAccount: null,
    moveAccount: null,
  };
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      async (request: unknown) => {
        calls.push([channel, request]);
        const override = overrides[channel];
        return override ? override(request as never) : replies[channel];
      },
    ]),
  ) as unknown as IpcHandlers;
  return { handlers, calls };
}

describe('the channel map', () => {
  test('names every channel exactly once, with distinct wire names', () => {
    expect(Object.keys(IPC_INVOKE).sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(Object.keys(IPC_EVENTS).sort()).toEqual([...EVENT_CHANNELS].sort());
    const wire = [...INVOKE_CHANNELS.map(invokeWireName), ...EVENT_CHANNELS.map(eventWireName)];
    expect(new Set(wire).size).toBe(wire.length);
  });

  test('external links are ids mapped to fixed URLs of the chosen region', () => {
    expect(externalUrl('usage-dashboard', 'kimi.com')).toBe('https://www.kimi.com/code/console');
    expect(externalUrl('usage-dashboard', 'kimi.ai')).toBe('https://www.kimi.ai/code/console');
    expect(externalUrl('full-disk-access', 'kimi.com')).toMatch(/^x-apple\.systempreferences:/);
  });
});

describe('dispatchInvoke refuses malformed requests before any handler runs', () => {
  const malformed: [string, unknown][] = [
    ['getState', { extra: true }],
    ['setPopoverVisible', undefined],
    ['setPopoverVisible', { visible: 'yes' }],
    ['openExternal', { target: 'https://evil.example' }],
    ['openExternal', { target: 'usage-dashboard', url: 'https://evil.example' }],
    ['openSettings', { pane: 'secrets' }],
    ['updateSettings', { version: 2 }],
    ['updateSettings', { state: { keychainDeniedAt: {} } }],
    ['updateSettings', { kimi: { lastAutoSource: 'api-key' } }],
    ['updateSettings', { kimi: { region: 'kimi.cn' } }],
    ['updateSettings', { kimi: { apiKey: 'sk-kimi-123456' } }],
    ['updateSettings', { general: { refreshCadence: '3m' } }],
    ['updateSettings', { general: { notifications: { thresholds: [0] } } }],
    ['updateSettings', { general: { notifications: { thresholds: [50, 40, 30, 20, 10, 5] } } }],
    ['updateSettings', { general: { notifications: { thresholds: [12.5] } } }],
    ['updateSettings', { kimi: { apiBaseUrl: 'x'.repeat(2049) } }],
    ['updateSettings', null],
    ['setApiKey', { apiKey: '' }],
    ['setApiKey', { apiKey: '   ' }],
    ['setApiKey', { apiKey: 'sk-kimi with space' }],
    ['setApiKey', { apiKey: 'sk-kimi-\u00e9' }],
    ['setApiKey', { apiKey: 'x'.repeat(4097) }],
    ['setApiKey', { key: 'sk-kimi-123' }],
    ['setApiKey', 'sk-kimi-123'],
    ['setManualToken', { input: 42 }],
    ['setManualToken', { input: 'x'.repeat(256 * 1024 + 1) }],
    ['getHistory', { days: 0 }],
    ['getHistory', { days: 91 }],
    ['getHistory', { days: 1.5 }],
    ['getHistory', { days: 7, windowId: 'daily' }],
    ['getHistory', { days: 7, account: 'Work' }],
    ['getHistory', { days: 7, account: '' }],
    ['getHistory', undefined],
    ['fitPopover', { height: 79 }],
    ['fitPopover', { height: 4097 }],
    ['fitPopover', { height: 480.5 }],
    ['fitPopover', { height: Number.NaN }],
    ['fitPopover', { height: '480' }],
    ['fitPopover', { height: 480, width: 800 }],
    ['fitPopover', undefined],
    ['closePopover', { force: true }],
    // Accounts are named by id (lowercase letters and digits), never by a path or a name.
    ['getSecrets', { account: 'Work' }],
    ['getSecrets', { account: '../main' }],
    ['refresh', { account: '' }],
    ['refresh', { all: true }],
    ['setApiKey', { apiKey: 'sk-kimi-123', account: 'x'.repeat(25) }],
    ['selectAccount', undefined],
    ['selectAccount', { account: 'work', extra: 1 }],
    ['addAccount', { name: '' }],
    ['addAccount', { name: '-rm' }],
    ['addAccount', { name: 'x'.repeat(33) }],
    ['addAccount', { name: 'Work', usageSource: 'password' }],
    ['removeAccount', {}],
    ['moveAccount', { account: 'work', index: -1 }],
    ['moveAccount', { account: 'work', index: 10 }],
    ['moveAccount', { account: 'work', index: 1.5 }],
    ['getAccounts', { account: 'main' }],
  ];

  test.each(malformed)('%s %j', async (channel, request) => {
    const { handlers, calls } = recordingHandlers();
    expect(await dispatchInvoke(handlers, channel, request)).toEqual({ ok: false, error: INVALID_REQUEST });
    expect(calls).toEqual([]);
  });

  test('an unknown channel, or an inherited property name, is refused', async () => {
    const { handlers, calls } = recordingHandlers();
    for (const channel of ['readSecret', 'constructor', '__proto__', 'toString', '']) {
      expect(await dispatchInvoke(handlers, channel, undefined)).toEqual({ ok: false, error: INVALID_REQUEST });
    }
    expect(calls).toEqual([]);
  });
});

describe('dispatchInvoke passes valid requests through, parsed', () => {
  test('a settings patch reaches the handler as given, without defaults filled in', async () => {
    const { handlers, calls } = recordingHandlers();
    const patch = { general: { notifications: { thresholds: [40, 10] } } };
    expect(await dispatchInvoke(handlers, 'updateSettings', patch)).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(calls).toEqual([['updateSettings', patch]]);
  });

  test('an API key is trimmed before it reaches the handler', async () => {
    const { handlers, calls } = recordingHandlers();
    expect(await dispatchInvoke(handlers, 'setApiKey', { apiKey: '  sk-kimi-abc123\n' })).toEqual({ ok: true, value: { set: true, masked: 'sk-kimi-…1234' } });
    expect(calls).toEqual([['setApiKey', { apiKey: 'sk-kimi-abc123' }]]);
  });

  test('account-scoped requests carry an account id, or none for the selected account', async () => {
    const { handlers, calls } = recordingHandlers();
    for (const [channel, request] of [
      ['getSecrets', undefined],
      ['getSecrets', { account: 'k3x9' }],
      ['refresh', undefined],
      ['refresh', { account: 'main' }],
      ['setApiKey', { apiKey: 'sk-kimi-abc123', account: 'k3x9' }],
      ['setManualToken', { input: 'token', account: 'k3x9' }],
      ['signOut', { account: 'k3x9' }],
      ['addAccount', { name: ' Work ', usageSource: 'api' }],
      ['moveAccount', { account: 'k3x9', index: 0 }],
    ] as const) {
      expect((await dispatchInvoke(handlers, channel, request)).ok).toBe(true);
    }
    expect(calls).toContainEqual(['addAccount', { name: 'Work', usageSource: 'api' }]);
    expect(calls).toContainEqual(['getSecrets', { account: 'k3x9' }]);
  });

  test('the popover asks for a whole height within the limits', async () => {
    const { handlers, calls } = recordingHandlers();
    for (const height of [80, 480, 4096]) expect(await dispatchInvoke(handlers, 'fitPopover', { height })).toEqual({ ok: true, value: null });
    expect(calls).toEqual([80, 480, 4096].map((height) => ['fitPopover', { height }]));
  });

  test('requests without a payload accept undefined only', async () => {
    const { handlers } = recordingHandlers();
    expect(await dispatchInvoke(handlers, 'getState', undefined)).toEqual({ ok: true, value: STATE });
    expect(await dispatchInvoke(handlers, 'openSettings', undefined)).toEqual({ ok: true, value: null });
  });
});

describe('replies are held to the contract', () => {
  test('fields outside the reply schema — a secret, say — are dropped, never forwarded', async () => {
    const { handlers } = recordingHandlers({ setApiKey: async () => ({ set: true, masked: 'sk-kimi-…alue', apiKey: 'sk-kimi-secret-value' }) });
    const result = await dispatchInvoke(handlers, 'setApiKey', { apiKey: 'sk-kimi-secret-value' });
    expect(result).toEqual({ ok: true, value: { set: true, masked: 'sk-kimi-…alue' } });
    expect(JSON.stringify(result)).not.toContain('secret-value');
  });

  test('a reply that breaks its schema becomes the generic error', async () => {
    const { handlers } = recordingHandlers({ getSecrets: async () => ({ apiKey: 'sk-kimi-leaked' }) });
    const result = await dispatchInvoke(handlers, 'getSecrets', undefined);
    expect(result).toEqual({ ok: false, error: INTERNAL_ERROR });
    expect(JSON.stringify(result)).not.toContain('leaked');
  });

  test('a KimiError crosses as its view; any other exception as the generic error, its text withheld', async () => {
    const { handlers } = recordingHandlers({
      setManualToken: async () => {
        throw new KimiError('auth-invalid', { detail: 'no kimi-auth token found in the pasted text' });
      },
      clearApiKey: async () => {
        throw new Error('keytar failed for sk-kimi-very-secret');
      },
    });
    expect(await dispatchInvoke(handlers, 'setManualToken', { input: 'hello' })).toEqual({
      ok: false,
      error: { code: 'auth-invalid', message: 'Kimi auth token is invalid or expired: no kimi-auth token found in the pasted text', action: 'paste-token' },
    });
    const generic = await dispatchInvoke(handlers, 'clearApiKey', undefined);
    expect(generic).toEqual({ ok: false, error: INTERNAL_ERROR });
  });
});

describe('events', () => {
  test('checkEvent passes a valid payload and refuses a malformed one', () => {
    expect(checkEvent({ channel: 'secrets', payload: SECRETS })).toEqual({ channel: 'secrets', payload: SECRETS });
    expect(() => checkEvent({ channel: 'tick', payload: { target: 'window', at: 'now' } } as never)).toThrow();
    expect(() => checkEvent({ channel: 'secrets', payload: { ...SECRETS, apiKey: 'sk-kimi-123' } } as never)).toThrow();
  });
});

describe('createApiClient', () => {
  test('one method per channel, each forwarding to the transport; events subscribe and unsubscribe', async () => {
    const { handlers, calls } = recordingHandlers();
    const listeners = new Map<string, (payload: unknown) => void>();
    const transport: IpcTransport = {
      invoke: (channel, request) => dispatchInvoke(handlers, channel, request),
      subscribe(event, listener) {
        listeners.set(event, listener);
        return () => listeners.delete(event);
      },
    };
    const api = createApiClient(transport);
    expect(Object.keys(api).sort()).toEqual([...INVOKE_CHANNELS, 'on'].sort());
    expect(await api.setPopoverVisible({ visible: true })).toEqual({ ok: true, value: null });
    expect(await api.getSecrets()).toEqual({ ok: true, value: SECRETS });
    expect(calls).toEqual([
      ['setPopoverVisible', { visible: true }],
      ['getSecrets', undefined],
    ]);

    const seen: unknown[] = [];
    const off = api.on('tick', (tick) => seen.push(tick.at));
    listeners.get('tick')?.({ target: 'popover', at: '2026-11-24T10:00:00.000Z' });
    off();
    expect(seen).toEqual(['2026-11-24T10:00:00.000Z']);
    expect(listeners.has('tick')).toBe(false);
  });
});
