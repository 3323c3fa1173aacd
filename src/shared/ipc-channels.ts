// The names of every IPC channel, without their schemas. Kept apart from ipc.ts so the preload
// and the renderer's preview bridge can list the channels without bundling zod (the main
// process validates every payload; the renderer side only forwards them).
import type { ErrorView } from './usage.js';

/** Invoke-style channels: the renderer asks, the main process replies once. */
export const INVOKE_CHANNELS = [
  'getState',
  'refresh',
  'setPopoverVisible',
  'fitPopover',
  'closePopover',
  'openExternal',
  'openSettings',
  'quit',
  'getSettings',
  'updateSettings',
  'getSecrets',
  'setApiKey',
  'clearApiKey',
  'setManualToken',
  'clearManualToken',
  'startDeviceLogin',
  'cancelDeviceLogin',
  'openDeviceLoginPage',
  'signOut',
  'signInWeb',
  'reimportCookies',
  'getCookieReports',
  'getHistory',
  'clearHistory',
  'saveDiagnostics',
  'getLocalStats',
  'getAccounts',
  'selectAccount',
  'addAccount',
  'removeAccount',
  'moveAccount',
] as const;
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

/** The heights the popover page may ask for (fitPopover), in CSS pixels: from a header and a
 *  menu alone up to a tall portrait screen. Here, not beside the schema, so the page can keep
 *  within them without bundling zod. The shell fits the window within the work area either way. */
export const POPOVER_HEIGHT_LIMITS = { min: 80, max: 4096 } as const;

/** Push events: the main process tells every open window. */
export const EVENT_CHANNELS = ['state', 'tick', 'settings', 'secrets', 'deviceLogin', 'accounts'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** The name on the wire (ipcMain.handle / ipcRenderer.invoke, the bridge's URL path). */
export function invokeWireName(channel: InvokeChannel): string {
  return `kimibar:${channel}`;
}

export function eventWireName(event: EventChannel): string {
  return `kimibar:event:${event}`;
}

export function isInvokeChannel(name: string): name is InvokeChannel {
  return (INVOKE_CHANNELS as readonly string[]).includes(name);
}

/** The request failed the contract's schema (or named no channel). */
export const INVALID_REQUEST: ErrorView = { code: 'invalid-request', message: 'Invalid request', action: null };
/** Anything that is not a typed error; its own text may hold anything, so it is not shown. */
export const INTERNAL_ERROR: ErrorView = { code: 'internal', message: 'Something went wrong inside KimiBar', action: null };
