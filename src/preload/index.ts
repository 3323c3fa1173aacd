// The preload of KimiBar's own windows: exposes the typed contract (src/shared/ipc.ts) as
// `window.kimibar` and nothing else. Sandboxed preloads are CommonJS and may only require
// 'electron', so this imports no zod; the main process validates every message.
import type { IpcRendererEvent } from 'electron';
import { contextBridge, ipcRenderer } from 'electron';
import { eventWireName, invokeWireName } from '../shared/ipc-channels.js';
import { createApiClient } from '../shared/ipc-client.js';
import type { IpcResult } from '../shared/ipc.js';

const api = createApiClient({
  invoke: (channel, request) => ipcRenderer.invoke(invokeWireName(channel), request) as Promise<IpcResult<unknown>>,
  subscribe: (event, listener) => {
    // The page never sees the IPC event object (it would expose `sender`).
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(eventWireName(event), handler);
    return () => {
      ipcRenderer.removeListener(eventWireName(event), handler);
    };
  },
});

contextBridge.exposeInMainWorld('kimibar', api);
