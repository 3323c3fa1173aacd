// Builds `window.kimibar` from a transport. The preload passes ipcRenderer.invoke/on; the
// preview build passes HTTP POST + Server-Sent Events. No zod here: replies were validated by
// the main side before they left it, and this file is bundled into the sandboxed preload and
// the browser bridge, which should stay small.
import type { EventChannel, InvokeChannel } from './ipc-channels.js';
import { INVOKE_CHANNELS } from './ipc-channels.js';
import type { IpcResult, KimiBarApi } from './ipc.js';

export interface IpcTransport {
  invoke(channel: InvokeChannel, request: unknown): Promise<IpcResult<unknown>>;
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void;
}

export function createApiClient(transport: IpcTransport): KimiBarApi {
  const methods: Record<string, (request?: unknown) => Promise<IpcResult<unknown>>> = {};
  for (const channel of INVOKE_CHANNELS) {
    methods[channel] = (request?: unknown) => transport.invoke(channel, request);
  }
  const on = (event: EventChannel, listener: (payload: never) => void): (() => void) =>
    transport.subscribe(event, listener as (payload: unknown) => void);
  return Object.freeze({ ...methods, on }) as unknown as KimiBarApi;
}
