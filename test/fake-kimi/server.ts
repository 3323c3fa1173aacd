// A fake Kimi service over real HTTPS on 127.0.0.1 (the endpoints of docs/kimi-api.md), for
// tests, benchmarks and child processes (the `kimibar` CLI pointed at it through KIMI_CODE_BASE_URL,
// KIMIBAR_WEB_BASE_URL and KIMI_CODE_OAUTH_HOST). Every request is recorded; each route
// answers with a sensible default unless a test scripts it: one-shot replies with `script`,
// a standing reply or handler with `on`. A reply can set the status, body, headers and a
// delay, redirect, drop the connection, or stream an oversize body.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CODE_API_USAGE,
  DEVICE_AUTHORIZATION,
  MEMBERSHIP_STATS,
  WEB_USAGES,
  fakeJwt,
} from './defaults.js';
import { ensureTestCa, readServerCredentials, type TestCa } from './test-ca.js';

export const ROUTES = {
  /** Code API usage */
  usages: { method: 'GET', path: '/coding/v1/usages' },
  /** Web usage (GetUsages) */
  webUsages: { method: 'POST', path: '/apiv2/kimi.gateway.billing.v1.BillingService/GetUsages' },
  /** Membership stats */
  membership: { method: 'POST', path: '/apiv2/kimi.gateway.membership.v2.MembershipService/GetSubscriptionStats' },
  /** Device login: start */
  deviceAuthorization: { method: 'POST', path: '/api/oauth/device_authorization' },
  /** Device login: poll and refresh */
  token: { method: 'POST', path: '/api/oauth/token' },
  /** Web session refresh */
  webRefresh: { method: 'POST', path: '/api/account.gateway.v1.AuthService/RefreshToken' },
} as const;
export type RouteName = keyof typeof ROUTES;
/** A named route, or any other path (matched for every method), e.g. a redirect target. */
export type RouteKey = RouteName | `/${string}`;

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly path: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Reply {
  /** Default 200 (302 with `redirectTo`). */
  readonly status?: number;
  /** Sent as JSON unless it is a string. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait this long before answering. */
  readonly delayMs?: number;
  /** Destroy the connection instead of answering. */
  readonly drop?: boolean;
  /** Sets `Location`. */
  readonly redirectTo?: string;
  /** Stream a JSON-looking body of this many bytes instead of `body`. */
  readonly oversizeBytes?: number;
  /** With `oversizeBytes`: also declare it in Content-Length (else chunked, length unknown). */
  readonly declareLength?: boolean;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface FakeKimi {
  /** `https://127.0.0.1:<port>` — use as every base URL. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** One-shot replies for a route, used in order before its standing handler. */
  script(route: RouteKey, ...replies: (Reply | Handler)[]): void;
  /** The route's standing reply or handler (replaces the default). */
  on(route: RouteKey, reply: Reply | Handler): void;
  requestsTo(route: RouteKey): RecordedRequest[];
  /** Recorded requests that carry `secret` anywhere (path, a header, the body). */
  requestsCarrying(secret: string): RecordedRequest[];
  /** Forget recorded requests, scripts, standing handlers and issued tokens. */
  reset(): void;
  close(): Promise<void>;
}

export interface StartFakeKimiOptions {
  /** Defaults to the CA of test/global-setup.ts (or a new one outside vitest). */
  readonly ca?: TestCa;
}

const MAX_REQUEST_BODY = 1024 * 1024;

export async function startFakeKimi(options: StartFakeKimiOptions = {}): Promise<FakeKimi> {
  const requests: RecordedRequest[] = [];
  const scripts = new Map<RouteKey, (Reply | Handler)[]>();
  const standing = new Map<RouteKey, Reply | Handler>();
  const pendingDelays = new Set<() => void>();
  let tokens = createTokenIssuer();

  const server: Server = createServer(readServerCredentials(options.ca ?? ensureTestCa()), (req, res) => {
    void handle(req, res);
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('error', () => undefined);
    const body = await readBody(req);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: flattenHeaders(req), body };
    requests.push(recorded);
    const key = routeOf(recorded);
    const reply = await resolveReply(key, recorded);
    await send(req, res, reply);
  }

  async function resolveReply(key: RouteKey, request: RecordedRequest): Promise<Reply> {
    const queued = scripts.get(key)?.shift();
    const chosen = queued ?? standing.get(key) ?? defaultHandler(key, tokens);
    if (chosen === undefined) return { status: 404, body: { code: 'not_found' } };
    return typeof chosen === 'function' ? chosen(request) : chosen;
  }

  function routeOf(request: RecordedRequest): RouteKey {
    const pathname = new URL(request.path, 'https://127.0.0.1').pathname;
    for (const [name, route] of Object.entries(ROUTES) as [RouteName, (typeof ROUTES)[RouteName]][]) {
      if (route.path === pathname && route.method === request.method) return name;
    }
    return pathname as `/${string}`;
  }

  async function send(req: IncomingMessage, res: ServerResponse, reply: Reply): Promise<void> {
    if (reply.delayMs !== undefined && reply.delayMs > 0) await delay(reply.delayMs);
    if (reply.drop || res.destroyed) {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'application/json', ...reply.headers };
    if (reply.redirectTo !== undefined) headers.location = reply.redirectTo;
    const status = reply.status ?? (reply.redirectTo !== undefined ? 302 : 200);
    if (reply.oversizeBytes !== undefined) {
      if (reply.declareLength) headers['content-length'] = String(reply.oversizeBytes);
      res.writeHead(status, headers);
      await pipeline(Readable.from(oversizeChunks(reply.oversizeBytes)), res).catch(() => undefined);
      return;
    }
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(status, headers);
    res.end(text);
  }

  function delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        pendingDelays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pendingDelays.add(done);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake-kimi: no TCP address');

  return {
    url: `https://127.0.0.1:${address.port}`,
    requests,
    script: (route, ...replies) => scripts.set(route, [...(scripts.get(route) ?? []), ...replies]),
    on: (route, reply) => standing.set(route, reply),
    requestsTo: (route) => requests.filter((request) => routeOf(request) === route),
    requestsCarrying: (secret) =>
      requests.filter((r) => r.path.includes(secret) || r.body.includes(secret) || Object.values(r.headers).some((v) => v.includes(secret))),
    reset: () => {
      requests.length = 0;
      scripts.clear();
      standing.clear();
      tokens = createTokenIssuer();
    },
    close: async () => {
      for (const finish of [...pendingDelays]) finish();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Throws when any recorded request other than the allowed ones carries `secret`. The message
 * names the offending paths, never the secret.
 */
export function assertSecretNotSent(kimi: FakeKimi, secret: string, allowed: (request: RecordedRequest) => boolean = () => false): void {
  const leaks = kimi.requestsCarrying(secret).filter((request) => !allowed(request));
  if (leaks.length > 0) {
    throw new Error(`secret reached ${leaks.length} request(s): ${leaks.map((r) => `${r.method} ${new URL(r.path, 'https://x').pathname}`).join(', ')}`);
  }
}

/** Parses a recorded form body (device login). */
export function formOf(request: RecordedRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.body));
}

interface TokenIssuer {
  issue(prefix: string): { access: string; refresh: string };
  /** Spends a refresh token; false when it was spent before (they are single use). */
  spend(refreshToken: string): boolean;
}

function createTokenIssuer(): TokenIssuer {
  let serial = 0;
  const spent = new Set<string>();
  return {
    issue: (prefix) => {
      serial += 1;
      return { access: `${prefix}-access-${serial}`, refresh: `${prefix}-refresh-${serial}` };
    },
    spend: (refreshToken) => {
      if (spent.has(refreshToken)) return false;
      spent.add(refreshToken);
      return true;
    },
  };
}

function defaultHandler(key: RouteKey, tokens: TokenIssuer): Reply | Handler | undefined {
  switch (key) {
    case 'usages':
      return { body: CODE_API_USAGE };
    case 'webUsages':
      return { body: WEB_USAGES };
    case 'membership':
      return { body: MEMBERSHIP_STATS };
    case 'deviceAuthorization':
      return { body: DEVICE_AUTHORIZATION };
    case 'token':
      return (request) => {
        const form = formOf(request);
        if (form.grant_type === 'refresh_token' && !tokens.spend(form.refresh_token ?? '')) {
          return { status: 400, body: { error: 'invalid_grant' } };
        }
        const issued = tokens.issue('device');
        return { body: { access_token: issued.access, refresh_token: issued.refresh, expires_in: 900, token_type: 'Bearer' } };
      };
    case 'webRefresh':
      return (request) => {
        const refreshToken = safeJson(request.body)?.refresh_token;
        if (typeof refreshToken !== 'string' || !tokens.spend(refreshToken)) return { status: 401, body: { code: 'unauthenticated' } };
        const issued = tokens.issue('web');
        const exp = Math.floor(Date.now() / 1000) + 15 * 60;
        return { body: { data: { accessToken: fakeJwt({ sub: issued.access, exp }), refreshToken: issued.refresh } } };
      };
    default:
      return undefined;
  }
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      total += buffer.byteLength;
      if (total > MAX_REQUEST_BODY) break;
      chunks.push(buffer);
    }
  } catch {
    // The client went away mid-body; record what arrived.
  }
  return Buffer.concat(chunks).toString('utf8');
}

function* oversizeChunks(bytes: number): Generator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  yield Buffer.from('{"padding":"');
  let left = bytes - 14;
  while (left > 0) {
    const size = Math.min(left, chunk.byteLength);
    yield chunk.subarray(0, size);
    left -= size;
  }
  yield Buffer.from('"}');
}

/**
 * A handler that answers by the request's bearer token: several accounts' API keys against one
 * fake server, each with its own reply. A token not in the map gets `otherwise` (401 unless given).
 */
export function byBearer(replies: ReadonlyMap<string, Reply | Handler>, otherwise: Reply | Handler = { status: 401, body: { code: 'unauthenticated', message: 'token is invalid' } }): Handler {
  return (request) => {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const chosen = replies.get(token) ?? otherwise;
    return typeof chosen === 'function' ? chosen(request) : chosen;
  };
}
