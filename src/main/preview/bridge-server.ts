// The preview bridge: a loopback HTTP server that serves the built renderer and implements the
// IPC contract over HTTP — POST /__bridge/invoke/<channel> for invokes, Server-Sent Events on
// /__bridge/events for pushes — so the UI runs in any Chromium against the core, no Electron.
// It holds the same line as the Electron main process: every request is validated with the
// contract's schemas (dispatchInvoke). Other web pages cannot drive it: each request needs the
// per-launch token (only our own pages get it) and a Host header naming this server, which
// stops cross-site requests and DNS rebinding alike.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { INVALID_REQUEST } from '../../shared/ipc-channels.js';
import type { IpcEventListener, IpcHandlers } from '../../shared/ipc.js';
import { checkEvent, dispatchInvoke } from '../../shared/ipc.js';

/** What the bridge needs from the app: the contract's handlers and its push events. */
export interface BridgeHandlers {
  readonly invoke: IpcHandlers;
  /** Calls `listener` for every push event until the returned function is called. */
  subscribe(listener: IpcEventListener): () => void;
}

export interface BridgeServerOptions {
  readonly handlers: BridgeHandlers;
  /** The built renderer (dist/renderer): popover.html, settings.html and their assets. */
  readonly rendererDir: string;
  /** The preview-only files (dist/preview/public): index.html and bridge-client.js. */
  readonly previewDir: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
}

export interface BridgeServer {
  /** e.g. http://127.0.0.1:49152/ */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const INVOKE_PREFIX = '/__bridge/invoke/';
const EVENTS_PATH = '/__bridge/events';
const TOKEN_HEADER = 'x-kimibar-bridge';
/** A pasted cURL command may be long (the contract allows 256 Ki chars); JSON escapes grow it. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const KEEPALIVE_MS = 15_000;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

const CSP = "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; object-src 'none'";

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const token = randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch(() => sendStatus(res, 500));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostIsOurs(req.headers.host, port)) return sendStatus(res, 421);
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    if (url.pathname.startsWith(INVOKE_PREFIX)) return invoke(req, res, url.pathname.slice(INVOKE_PREFIX.length));
    if (url.pathname === EVENTS_PATH) return events(req, res, url.searchParams.get('token'));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, 405);
    return serveFile(res, url.pathname);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return sendStatus(res, 405);
    if (req.headers[TOKEN_HEADER] !== token) return sendStatus(res, 403);
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendStatus(res, 415);
    const body = await readBody(req);
    if (body === null) return sendStatus(res, 413);
    let request: unknown;
    try {
      request = body === '' ? undefined : JSON.parse(body);
    } catch {
      return sendJson(res, { ok: false, error: INVALID_REQUEST });
    }
    sendJson(res, await dispatchInvoke(options.handlers.invoke, channel, request));
  }

  function events(req: IncomingMessage, res: ServerResponse, given: string | null): void {
    if (req.method !== 'GET') return sendStatus(res, 405);
    if (given !== token) return sendStatus(res, 403);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = options.handlers.subscribe((event) => {
      const checked = checkEvent(event);
      res.write(`event: ${checked.channel}\ndata: ${JSON.stringify(checked.payload)}\n\n`);
    });
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    res.on('close', () => {
      clearInterval(keepalive);
      unsubscribe();
      streams.delete(res);
    });
  }

  async function serveFile(res: ServerResponse, pathname: string): Promise<void> {
    const name = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    for (const dir of [options.previewDir, options.rendererDir]) {
      const file = insideDir(dir, name);
      if (file === null) return sendStatus(res, 404);
      const content = await readFile(file).catch(() => null);
      if (content === null) continue;
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      const body = type.startsWith('text/html') && dir === options.rendererDir ? withBridge(content.toString('utf8'), token) : content;
      res.writeHead(200, {
        'content-type': type,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...(type.startsWith('text/html') ? { 'content-security-policy': CSP } : {}),
      });
      res.end(body);
      return;
    }
    sendStatus(res, 404);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${HOST}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The renderer pages get the token and the bridge client ahead of their own (deferred) modules. */
function withBridge(html: string, token: string): string {
  const tags = `<meta name="kimibar-bridge" content="${token}"><script src="/bridge-client.js"></script>`;
  return html.replace('</head>', `${tags}</head>`);
}

function hostIsOurs(host: string | undefined, port: number): boolean {
  return host === `${HOST}:${port}` || host === `localhost:${port}`;
}

/** The file for a request path, or null when the path tries to leave `dir`. */
function insideDir(dir: string, name: string): string | null {
  const file = normalize(join(dir, name));
  return file.startsWith(normalize(dir) + sep) ? file : null;
}

/** The body as text, or null when it is too large. An oversized body is still read to its end
 *  (and dropped) so the client gets the 413 instead of a reset connection. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
}

function sendStatus(res: ServerResponse, status: number): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${status}\n`);
}
