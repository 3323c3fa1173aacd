// The preview bridge over real HTTP on loopback: it serves the pages with the bridge wired in,
// runs the contract for requests that carry the page's token, and refuses everything else.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BridgeServer } from '../../src/main/preview/bridge-server.js';
import { startBridgeServer } from '../../src/main/preview/bridge-server.js';
import { createAppCore, type AppCore } from '../../src/main/core/service/app-core.js';
import { systemTimers } from '../../src/main/core/app/timers.js';
import { browserShellPorts } from '../../src/main/preview/browser-shell.js';
import { createDemoRuntime, type DemoRuntime } from '../../src/main/preview/demo/demo-runtime.js';
import { SettingsSchema } from '../../src/shared/settings.js';

let dir: string;
let server: BridgeServer;
let backend: AppCore;
let demo: DemoRuntime;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kimibar-bridge-'));
  mkdirSync(join(dir, 'renderer'));
  mkdirSync(join(dir, 'public'));
  writeFileSync(join(dir, 'renderer', 'popover.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(dir, 'public', 'bridge-client.js'), 'void 0;');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  demo = await createDemoRuntime({ speed: 1, signedOut: false });
  backend = createAppCore({
    runtime: demo.runtime,
    shell: browserShellPorts({ openUrl: async () => undefined, quit: () => undefined, log: () => undefined }),
    timers: systemTimers,
  });
  server = await startBridgeServer({ handlers: backend, rendererDir: join(dir, 'renderer'), previewDir: join(dir, 'public') });
  const html = await (await fetch(`${server.url}popover.html`)).text();
  token = /name="kimibar-bridge" content="([^"]+)"/.exec(html)?.[1] ?? '';
});

afterAll(async () => {
  await server.close();
  backend.dispose();
  demo.remove();
  rmSync(dir, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with full control of the path and headers (fetch would normalise both). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const invokeHeaders = (): Record<string, string> => ({ 'content-type': 'application/json', 'x-kimibar-bridge': token });

describe('pages', () => {
  test('a renderer page gets the token and the bridge client before its own scripts, under a CSP', async () => {
    const response = await raw('/popover.html');
    expect(response.status).toBe(200);
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(response.body).toContain('<script src="/bridge-client.js"></script></head>');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test('a path that climbs out of the served folders is not found', async () => {
    expect((await raw('/..%2fsecret.txt')).status).toBe(404);
    expect((await raw('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await raw('/missing.js')).status).toBe(404);
  });
});

describe('invoke', () => {
  test('runs the contract for a request with the token', async () => {
    const response = await raw('/__bridge/invoke/getSecrets', { method: 'POST', headers: invokeHeaders() });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { apiKey: 'set', keychain: 'session-only' } });
  });

  test('a malformed body or payload is an invalid request, answered as a result', async () => {
    const bad = await raw('/__bridge/invoke/setPopoverVisible', { method: 'POST', headers: invokeHeaders(), body: '{nope' });
    expect(JSON.parse(bad.body)).toEqual({ ok: false, error: { code: 'invalid-request', message: 'Invalid request', action: null } });
    const wrong = await raw('/__bridge/invoke/openExternal', { method: 'POST', headers: invokeHeaders(), body: JSON.stringify({ target: 'https://evil.example' }) });
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  test('refuses a missing or wrong token, a foreign Host, a non-JSON type, GET and an oversized body', async () => {
    const path = '/__bridge/invoke/clearApiKey';
    expect((await raw(path, { method: 'POST', headers: { 'content-type': 'application/json' } })).status).toBe(403);
    expect((await raw(path, { method: 'POST', headers: { ...invokeHeaders(), 'x-kimibar-bridge': 'guess' } })).status).toBe(403);
    expect((await raw(path, { method: 'POST', headers: { ...invokeHeaders(), host: 'evil.example' } })).status).toBe(421);
    expect((await raw(path, { method: 'POST', headers: { ...invokeHeaders(), 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await raw(path, { headers: invokeHeaders() })).status).toBe(405);
    const huge = JSON.stringify({ input: 'x'.repeat(3 * 1024 * 1024) });
    expect((await raw('/__bridge/invoke/setManualToken', { method: 'POST', headers: invokeHeaders(), body: huge })).status).toBe(413);
    // None of the refused calls ran: the API key is still set.
    const secrets = await raw('/__bridge/invoke/getSecrets', { method: 'POST', headers: invokeHeaders() });
    expect(JSON.parse(secrets.body)).toMatchObject({ ok: true, value: { apiKey: 'set' } });
  });
});

describe('events', () => {
  test('push events stream to a subscriber with the token, validated on the way out', async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}__bridge/events?token=${token}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    await backend.invoke.setPopoverVisible({ visible: false });
    await backend.invoke.updateSettings({ general: { showUsageAsUsed: true } });
    let text = '';
    while (!text.includes('event: settings')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const data = /event: settings\ndata: (.*)\n/.exec(text)?.[1] ?? '{}';
    expect(SettingsSchema.parse(JSON.parse(data)).general.showUsageAsUsed).toBe(true);
  });

  test('no token, no stream', async () => {
    expect((await raw('/__bridge/events')).status).toBe(403);
  });
});
