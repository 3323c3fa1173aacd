// One exchange over any fetch-compatible function (./connection.ts): Electron's `net.fetch` in
// the app. Always `redirect: 'manual'`, so a 3xx comes back to the transport to judge (or, under
// `net.fetch`, is rejected: "Redirect was cancelled", see docs/architecture.md).
import type { Connection, Exchange } from './connection.js';

/** The standard fetch signature, called with a URL string; Node's fetch and `net.fetch` fit. */
export type FetchImplementation = (url: string, init: RequestInit) => Promise<Response>;

export function fetchConnection(fetchImplementation: FetchImplementation): Connection {
  return async (url, { method, headers, body, signal }) => {
    const response = await fetchImplementation(url, { method, headers, body, signal, redirect: 'manual' });
    return exchangeOf(response);
  };
}

function exchangeOf(response: Response): Exchange {
  return {
    status: response.status,
    header: (name) => response.headers.get(name),
    body: chunksOf(response),
    discard: async () => {
      // A body already being read is locked; its reader is cancelled by the loop that breaks off.
      if (response.body !== null && !response.body.locked) await response.body.cancel();
    },
  };
}

async function* chunksOf(response: Response): AsyncGenerator<Uint8Array> {
  if (response.body === null) return;
  const reader = response.body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Left early (too large, aborted): stop the download rather than let it run on.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}
