// The one way the core talks HTTP (docs/kimi-api.md, "Transport rules"), on top of either
// network stack (./connection.ts): Node's own https for the CLI and the preview, or a
// fetch-compatible function — Electron's `net.fetch` in the app (system proxy, PAC, the OS
// trust store). The rules live here once, whichever stack carries the bytes:
// https only, a time limit per request, the caller's cancellation, redirects followed only
// within the origin the token was meant for, bodies read with a byte counter so a hostile
// server cannot make us buffer without bound, and failures turned into KimiErrors whose text
// is a short fixed phrase (never the server's or the runtime's message, which may quote a URL
// or a header).
import { KimiError } from '../errors.js';
import { systemClock, type Clock } from '../ports.js';
import type { Connection, Exchange } from './connection.js';
import { fetchConnection, type FetchImplementation } from './fetch-connection.js';
import { isSendableHeader } from './header-value.js';
import { httpsConnection } from './https-connection.js';

export type { FetchImplementation } from './fetch-connection.js';

export interface TransportRequest {
  readonly url: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  /** 2xx. */
  readonly ok: boolean;
  /** The parsed JSON body. For a non-2xx reply, null when it was not JSON (or too large). */
  readonly body: unknown;
  /** `Retry-After`, as seconds from now, when the server sent a readable one. */
  readonly retryAfterSeconds: number | undefined;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export interface TransportOptions {
  /** Time limit for one request, redirects and body included. */
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
  readonly maxRedirects?: number;
  /** Reads the time for HTTP-date `Retry-After` values. */
  readonly clock?: Clock;
  /** The network stack: Node's own https unless the app hands in Electron's `net.fetch`. */
  readonly fetch?: FetchImplementation;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createTransport(options: TransportOptions = {}): Transport {
  const settings: Settings = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
    maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    clock: options.clock ?? systemClock,
    connection: options.fetch ? fetchConnection(options.fetch) : httpsConnection,
  };
  return (req) => send(req, settings);
}

/** The production transport outside Electron: node:https, 30 s, 1 MiB, 5 redirects. */
export const request: Transport = createTransport();

type Settings = Required<Omit<TransportOptions, 'fetch'>> & { readonly connection: Connection };

async function send(req: TransportRequest, settings: Settings): Promise<TransportResponse> {
  const callerSignal = req.signal;
  if (callerSignal?.aborted) throw new KimiError('cancelled');
  assertHttps(req.url);
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (!isSendableHeader(name, value)) throw new KimiError('usage', { detail: `header ${name} holds characters that cannot be sent` });
  }

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutMs);
  const forwardAbort = (): void => controller.abort();
  callerSignal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    const response = await exchangeFollowingSameOrigin(req, controller.signal, settings);
    const retryAfterSeconds = parseRetryAfter(response.header('retry-after'), settings.clock.now());
    const ok = response.status >= 200 && response.status < 300;
    const body = ok ? parseJson(await readCapped(response, settings.maxBodyBytes)) : await readErrorBody(response, settings.maxBodyBytes);
    return { status: response.status, ok, body, retryAfterSeconds };
  } catch (error) {
    if (callerSignal?.aborted) throw new KimiError('cancelled');
    if (timedOut) throw new KimiError('network', { detail: 'timed out' });
    if (error instanceof KimiError) throw error;
    throw new KimiError('network', { detail: describeNetworkFailure(error) });
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', forwardAbort);
  }
}

function assertHttps(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KimiError('insecure-base-url');
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') throw new KimiError('insecure-base-url');
}

/**
 * Follows redirects by hand: only to https on the origin of the first request, because the
 * request carries a token and a stack's own redirect handling would forward it anywhere.
 * (Electron's `net.fetch` rejects a redirect under 'manual' instead of returning it, so in the
 * app every redirect fails closed as a network error; see docs/architecture.md.)
 */
async function exchangeFollowingSameOrigin(req: TransportRequest, signal: AbortSignal, settings: Settings): Promise<Exchange> {
  const { maxRedirects } = settings;
  const origin = new URL(req.url).origin;
  let url = req.url;
  let method = req.method ?? 'GET';
  let body = req.body;
  let headers: Record<string, string> = { ...req.headers };
  for (let hop = 0; ; hop += 1) {
    const response = await settings.connection(url, { method, headers, body, signal });
    const location = response.header('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
    await response.discard();
    if (hop >= maxRedirects) throw new KimiError('network', { detail: 'too many redirects' });

    const next = safeUrl(location, url);
    if (next === null || next.protocol !== 'https:' || next.origin !== origin) {
      throw new KimiError('network', { detail: 'redirect to another host refused' });
    }
    url = next.href;
    // As browsers do: 303, and 301/302 after a POST, continue as a GET without a body.
    if (response.status === 303 || (method === 'POST' && response.status !== 307 && response.status !== 308)) {
      method = 'GET';
      body = undefined;
      headers = withoutContentType(headers);
    }
  }
}

function safeUrl(location: string, base: string): URL | null {
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

function withoutContentType(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
}

/** Reads the body as UTF-8 text, refusing more than `maxBytes` without buffering it. */
async function readCapped(response: Exchange, maxBytes: number): Promise<string> {
  const declared = Number(response.header('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.discard();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      // Leaving the loop stops the stream; discard lets the connection go on every stack.
      await response.discard();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

function tooLarge(): KimiError {
  return new KimiError('parse', { detail: 'response too large' });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new KimiError('parse', { detail: 'response is not JSON' });
  }
}

/** Error replies are read for their JSON (OAuth error codes live there) but never fail on it. */
async function readErrorBody(response: Exchange, maxBytes: number): Promise<unknown> {
  let text: string;
  try {
    text = await readCapped(response, maxBytes);
  } catch (error) {
    if (error instanceof KimiError && error.code === 'parse') return null;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** `Retry-After` as delay-seconds or an HTTP-date; anything else is ignored. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed);
    return Number.isSafeInteger(seconds) ? seconds : undefined;
  }
  // HTTP-dates always name a weekday ("Wed, 21 Oct 2015 07:28:00 GMT"); requiring a letter
  // keeps Date.parse from reading bare numbers such as "1.5" as dates.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

// Short, fixed phrases by error code; the runtime's own message is never quoted.
const FAILURE_PHRASES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'timed out',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out',
  UND_ERR_BODY_TIMEOUT: 'timed out',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'certificate not trusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate not trusted',
};

// Chromium's net errors, which `net.fetch` rejects with as the whole message
// ("net::ERR_PROXY_CONNECTION_FAILED"): fixed names, never a URL, so they may be matched.
const CHROMIUM_PHRASES: Readonly<Record<string, string>> = {
  'net::ERR_CONNECTION_REFUSED': 'connection refused',
  'net::ERR_CONNECTION_RESET': 'connection reset',
  'net::ERR_CONNECTION_CLOSED': 'connection closed',
  'net::ERR_EMPTY_RESPONSE': 'connection closed',
  'net::ERR_NAME_NOT_RESOLVED': 'host not found',
  'net::ERR_CONNECTION_TIMED_OUT': 'timed out',
  'net::ERR_TIMED_OUT': 'timed out',
  'net::ERR_INTERNET_DISCONNECTED': 'network unreachable',
  'net::ERR_ADDRESS_UNREACHABLE': 'network unreachable',
  'net::ERR_NETWORK_CHANGED': 'network changed',
  'net::ERR_PROXY_CONNECTION_FAILED': 'proxy unreachable',
  'net::ERR_TUNNEL_CONNECTION_FAILED': 'proxy unreachable',
  'net::ERR_CERT_AUTHORITY_INVALID': 'certificate not trusted',
  'net::ERR_CERT_DATE_INVALID': 'certificate not trusted',
  'net::ERR_CERT_COMMON_NAME_INVALID': 'certificate not trusted',
  // `net.fetch` under redirect: 'manual' (electron/electron#43715).
  'Redirect was cancelled': 'redirect not followed',
};

function describeNetworkFailure(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Object; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && FAILURE_PHRASES[code] !== undefined) return FAILURE_PHRASES[code];
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && CHROMIUM_PHRASES[message] !== undefined) return CHROMIUM_PHRASES[message];
    current = (current as { cause?: unknown }).cause;
  }
  return 'request failed';
}
