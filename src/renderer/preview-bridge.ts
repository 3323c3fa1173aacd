// Preview build only: installs `window.kimibar` over the preview server's HTTP bridge when no
// preload did. Invokes are POSTs carrying the per-launch token the server put in the page;
// push events arrive on one shared EventSource.
import type { EventChannel } from '../shared/ipc-channels.js';
import { INTERNAL_ERROR } from '../shared/ipc-channels.js';
import type { IpcTransport } from '../shared/ipc-client.js';
import { createApiClient } from '../shared/ipc-client.js';
import type { IpcResult } from '../shared/ipc.js';

function bridgeTransport(token: string): IpcTransport {
  let source: EventSource | null = null;
  const events = (): EventSource => {
    source ??= new EventSource(`/__bridge/events?token=${encodeURIComponent(token)}`);
    return source;
  };
  return {
    async invoke(channel, request) {
      try {
        const response = await fetch(`/__bridge/invoke/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-kimibar-bridge': token },
          body: request === undefined ? '' : JSON.stringify(request),
        });
        if (!response.ok) return { ok: false, error: INTERNAL_ERROR };
        return (await response.json()) as IpcResult<unknown>;
      } catch {
        return { ok: false, error: INTERNAL_ERROR };
      }
    },
    subscribe(event: EventChannel, listener) {
      const handler = (message: MessageEvent<string>): void => listener(JSON.parse(message.data));
      events().addEventListener(event, handler);
      return () => events().removeEventListener(event, handler);
    },
  };
}

const token = document.querySelector<HTMLMetaElement>('meta[name="kimibar-bridge"]')?.content;
if (window.kimibar === undefined && token !== undefined) {
  window.kimibar = createApiClient(bridgeTransport(token));
}
