// The app behind every window: the core runtime, the refresh controller and the IPC contract's
// handlers, with the push events they produce. The Electron shell and the preview bridge both
// serve this one object — the shell over ipcMain, the bridge over HTTP — so what a person can
// do in the preview is exactly what the app does. What only a shell can do (open a browser, a
// window, quit, show a notification) comes in as ShellPorts.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcEvent, IpcEventListener, IpcHandlers } from '../../../shared/ipc.js';
import type { UsageSnapshot } from '../../../shared/usage.js';
import { createController, type Controller } from '../app/controller.js';
import type { NotificationMemory } from '../app/notifications.js';
import type { Timers } from '../app/timers.js';
import type { Runtime } from '../runtime.js';
import { findLogins } from '../auth/found-logins.js';
import { createSnapshotCacheWriter } from '../status-line/cache-writer.js';
import { createHandlers } from './handlers.js';
import type { ShellPorts } from './shell-ports.js';
import { announceHistoryNotices } from './history-notices.js';

export interface AppCore {
  readonly runtime: Runtime;
  readonly controller: Controller;
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
  /** Replaces the real refresh (the demo's simulated service); defaults to the runtime's. */
  readonly fetchSnapshot?: (signal: AbortSignal) => Promise<UsageSnapshot>;
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

  const fetchUsage = fetchSnapshot ?? (async (signal: AbortSignal) => (await runtime.fetchSnapshot({ signal })).value);
  const controller = createController({
    // A refresh records history; whatever went wrong with the file is told right after.
    fetchSnapshot: async (signal) => {
      try {
        return await fetchUsage(signal);
      } finally {
        announceHistoryNotices(runtime, shell);
      }
    },
    getSettings: () => runtime.settings.get(),
    clock: runtime.clock,
    timers,
    notificationStore: notificationMemoryFile(join(runtime.paths.configDir, 'notifications.json')),
    notify: (decision) => shell.notify(decision),
    snapshotCache: createSnapshotCacheWriter({ configDir: runtime.paths.configDir, writtenBy: 'app', clock: runtime.clock }),
    onState: (state) => {
      announceSettingsNotices();
      emit({ channel: 'state', payload: state });
    },
    onTick: (tick) => emit({ channel: 'tick', payload: tick }),
    findLogins: () => findLogins(runtime),
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

/**
 * What was already notified survives a restart, so a threshold is not announced twice in one
 * reset period. The controller parses what `load` returns; a missing or broken file is "nothing".
 */
const MAX_MEMORY_FILE_BYTES = 64 * 1024;

function notificationMemoryFile(path: string): { load(): unknown; save(memory: NotificationMemory): void } {
  return {
    load() {
      try {
        if (statSync(path).size > MAX_MEMORY_FILE_BYTES) return null;
        return JSON.parse(readFileSync(path, 'utf8')) as unknown;
      } catch {
        return null;
      }
    },
    save(memory) {
      try {
        writeFileSync(path, JSON.stringify(memory), { mode: 0o600 });
      } catch {
        // Losing this only risks one repeated notice; it must never fail a refresh.
      }
    },
  };
}
