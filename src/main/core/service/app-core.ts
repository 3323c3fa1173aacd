// The app behind every window: the core runtime, the refresh controller and the IPC contract's
// handlers, with the push events they produce. The Electron shell and the preview bridge both
// serve this one object — the shell over ipcMain, the bridge over HTTP — so what a person can
// do in the preview is exactly what the app does. What only a shell can do (open a browser, a
// window, quit, show a notification) comes in as ShellPorts.
import type { IpcEvent, IpcEventListener, IpcHandlers } from '../../../shared/ipc.js';
import type { UsageSnapshot } from '../../../shared/usage.js';
import { createAccountsController, type AccountsController } from '../app/accounts-controller.js';
import { createController } from '../app/controller.js';
import type { Timers } from '../app/timers.js';
import type { Runtime } from '../runtime.js';
import { findLogins } from '../auth/found-logins.js';
import { createSnapshotCacheWriter } from '../status-line/cache-writer.js';
import { namesAccounts } from '../app/tray-account.js';
import { createHandlers } from './handlers.js';
import type { ShellPorts } from './shell-ports.js';
import { announceHistoryNotices } from './history-notices.js';
import { notificationMemoryFile, notificationMemoryPath } from './account-files.js';

export interface AppCore {
  readonly runtime: Runtime;
  /** Every enabled account's refresh; `getState()` is the selected account's. */
  readonly controller: AccountsController;
  readonly invoke: IpcHandlers;
  /** Push events for every open window; returns the unsubscribe function. */
  subscribe(listener: IpcEventListener): () => void;
  /** Stops timers and closes files. */
  dispose(): void;
}

export interface AppCoreOptions {
  readonly runtime: Runtime;
  readonly shell: ShellPorts;
  readonly timers: Timers;
  /** Replaces the real refresh of an account; defaults to the runtime's. */
  readonly fetchSnapshot?: (signal: AbortSignal, accountId: string) => Promise<UsageSnapshot>;
}

export function createAppCore({ runtime, shell, timers, fetchSnapshot }: AppCoreOptions): AppCore {
  const listeners = new Set<IpcEventListener>();
  const emit = (event: IpcEvent): void => {
    for (const listener of listeners) listener(event);
  };

  // A settings file moved aside or left unreadable is found by whichever read meets it first:
  // the store's first read (before this core exists), or a later one when the file goes bad
  // while the app runs. The store queues each once; they are passed on at start, after a
  // refresh (which reads the settings) and when the settings change.
  const announceSettingsNotices = (): void => {
    for (const notice of runtime.settings.takeNotices()) shell.notifySettings(notice);
  };

  const fetchUsage =
    fetchSnapshot ?? (async (signal: AbortSignal, accountId: string) => (await runtime.account(accountId).fetchSnapshot({ signal })).value);
  const accountName = (accountId: string): string | undefined => {
    const settings = runtime.settings.get();
    // With one account the name is noise; with several it says whose window it is.
    return namesAccounts(settings) ? settings.accounts.find((account) => account.id === accountId)?.name : undefined;
  };
  const controller = createAccountsController({
    getSettings: () => runtime.settings.get(),
    createAccountController: ({ accountId, staggerMs, onState, onTick }) =>
      createController({
        // A refresh records history; whatever went wrong with the file is told right after.
        fetchSnapshot: async (signal) => {
          try {
            return await fetchUsage(signal, accountId);
          } finally {
            announceHistoryNotices(runtime, shell);
          }
        },
        getSettings: () => runtime.settings.get(),
        accountId,
        staggerMs,
        clock: runtime.clock,
        timers,
        notificationStore: notificationMemoryFile(notificationMemoryPath(runtime.paths.configDir, accountId)),
        notify: (decision) => shell.notify(decision, accountName(accountId)),
        snapshotCache: createSnapshotCacheWriter({ configDir: runtime.paths.configDir, writtenBy: 'app', clock: runtime.clock, accountId }),
        onState,
        onTick,
        findLogins: () => findLogins(runtime.account(accountId)),
      }),
    onState: (state) => {
      announceSettingsNotices();
      emit({ channel: 'state', payload: state });
    },
    onAccounts: (accounts) => emit({ channel: 'accounts', payload: accounts }),
    onTick: (tick) => emit({ channel: 'tick', payload: tick }),
  });
  const stopSettingsWatch = runtime.settings.onChange((settings) => {
    announceSettingsNotices();
    emit({ channel: 'settings', payload: settings });
    controller.settingsChanged();
  });
  announceSettingsNotices();

  const invoke = createHandlers({ runtime, controller, shell, emit });
  return {
    runtime,
    controller,
    invoke,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      stopSettingsWatch();
      controller.stop();
      runtime.close();
    },
  };
}
