// Wires the app scheme into Electron; every decision is in app-protocol.ts.
import { protocol } from 'electron';
import { RENDERER_DIR } from './app-files.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol.js';

/** Must run before `ready`: Chromium reads scheme privileges once, at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** After `ready`, before any window loads: the default session (our windows') serves the scheme. */
export function serveAppScheme(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const reply = await serveAppRequest(request.method, request.url, RENDERER_DIR);
    return new Response(reply.body === null ? null : new Uint8Array(reply.body), { status: reply.status, headers: reply.headers });
  });
}
