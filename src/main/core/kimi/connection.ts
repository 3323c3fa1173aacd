// What the transport's rules (./transport.ts) need from a network stack: one HTTP exchange,
// redirects not followed, the body as bytes as they arrive. Two stacks provide it: Node's own
// https (./https-connection.ts, the CLI's: it starts in a few milliseconds and ~35 MiB lighter
// than Node's fetch) and any fetch-compatible function (./fetch-connection.ts: Electron's
// `net.fetch` in the app, for the system proxy, PAC and the OS trust store).

export interface ExchangeRequest {
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  /** Aborts the exchange, the body's reading included. */
  readonly signal: AbortSignal;
}

export interface Exchange {
  readonly status: number;
  /** A response header by its (case-insensitive) name; null when absent. */
  header(name: string): string | null;
  /** The body's bytes as they arrive; read at most once. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Stops reading the body and lets the connection go. */
  discard(): Promise<void>;
}

/** Rejects with the stack's own error, which the transport turns into a fixed phrase. */
export type Connection = (url: string, request: ExchangeRequest) => Promise<Exchange>;
