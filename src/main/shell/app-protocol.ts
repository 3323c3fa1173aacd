// The app's own pages come from `app://kimibar/…`, not `file://` (docs/architecture.md,
// "Security rules"). Under file:// every file on the disk shares one origin, so `'self'` in a
// CSP and a same-origin check mean "the whole disk"; under a privileged standard scheme
// `'self'` is exactly the built renderer folder. Every decision (which URL maps to which file,
// what is refused, the MIME type, the CSP) lives here as plain code tested in Node; the shell
// only hands `protocol.handle` the answer.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kimibar';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * Registered before `ready`: standard (relative URLs and a real origin, so `'self'` means this
 * origin), secure (a secure context, like https), and the fetch API so ES module scripts load.
 * No service workers, no CORS for other origins, no CSP bypass.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/**
 * The pages' policy, sent as a header on every reply (the pages repeat it in a meta tag so the
 * browser preview gets it too; a test keeps the two equal): only the app's own files, images
 * also from data: (the blank favicon), no base, no forms, no plugins.
 */
export const APP_CSP = "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; object-src 'none'";

/** What the renderer build writes, by extension; any other file in the folder is never served. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A page's app URL; `hash` picks what the page shows first (settings: "#general"). */
export function appUrl(file: string, hash = ''): string {
  const url = new URL(`${APP_ORIGIN}/${file}`);
  url.hash = hash;
  return url.href;
}

export type AppFileResolution =
  | { readonly ok: true; readonly path: string; readonly relativePath: string; readonly mimeType: string }
  | { readonly ok: false; readonly status: 400 | 404 };

const NOT_FOUND = { ok: false, status: 404 } as const;
const BAD_REQUEST = { ok: false, status: 400 } as const;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The file inside `rendererDir` an app URL names, or why not. Refused: other schemes or hosts,
 * user info or a port, an empty path or segment (`//etc/passwd`), segments that decode to
 * `.`/`..` or contain a slash, backslash, colon or NUL (`..%2f`, `C:`), an extension the build
 * never writes, and — checked last, on the joined path — anything that lands outside the folder.
 * The query and hash are the page's business and ignored.
 */
export function resolveAppFile(url: string, rendererDir: string): AppFileResolution {
  const parsed = parse(url);
  if (parsed === null || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return BAD_REQUEST;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return BAD_REQUEST;
  const raw = parsed.pathname.slice(1).split('/');
  const segments: string[] = [];
  for (const segment of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return BAD_REQUEST;
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || /[/\\:\0]/.test(decoded)) return NOT_FOUND;
    segments.push(decoded);
  }
  const mimeType = MIME_TYPES[extname(segments.at(-1) ?? '').toLowerCase()];
  if (mimeType === undefined) return NOT_FOUND;
  const path = join(rendererDir, ...segments);
  const inside = relative(rendererDir, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return NOT_FOUND;
  return { ok: true, path, relativePath: inside.split('\\').join('/'), mimeType };
}

export interface AppReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Null for refusals and HEAD. */
  readonly body: Uint8Array | null;
}

/** Headers on every reply, refusals included: our policy, and no MIME sniffing. */
const COMMON_HEADERS = { 'Content-Security-Policy': APP_CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' } as const;

function refusal(status: number): AppReply {
  return { status, headers: { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: null };
}

/**
 * The whole answer to one `app://` request: GET and HEAD only, the file read from disk (a
 * missing or unreadable file is a 404 — the path is never echoed back).
 */
export async function serveAppRequest(method: string, url: string, rendererDir: string): Promise<AppReply> {
  if (method !== 'GET' && method !== 'HEAD') return refusal(405);
  const resolved = resolveAppFile(url, rendererDir);
  if (!resolved.ok) return refusal(resolved.status);
  let body: Buffer;
  try {
    body = await readFile(resolved.path);
  } catch {
    return refusal(404);
  }
  return {
    status: 200,
    headers: { ...COMMON_HEADERS, 'Content-Type': resolved.mimeType, 'Content-Length': String(body.byteLength) },
    body: method === 'HEAD' ? null : body,
  };
}
