// The demo backend is the real controller over the simulated service: its credential rules
// follow SPEC §4 (Auto falls back, explicit modes do not) and pasted input goes through the
// real core parsers.
import { afterEach, describe, expect, test } from 'vitest';
import type { DemoBackend } from '../../../src/main/preview/demo/demo-backend.js';
import { createDemoBackend } from '../../../src/main/preview/demo/demo-backend.js';
import type { IpcEvent } from '../../../src/shared/ipc.js';

let backend: DemoBackend | null = null;
afterEach(() => backend?.stop());

function start(): { backend: DemoBackend; events: IpcEvent[]; opened: string[] } {
  const events: IpcEvent[] = [];
  const opened: string[] = [];
  backend = createDemoBackend({ openUrl: async (url) => void opened.push(url), onQuit: () => undefined, deviceLoginDelayMs: 20 });
  backend.subscribe((event) => events.push(event));
  return { backend, events, opened };
}

const jwt = (payload: object): string => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.c2ln`;

describe('demo backend', () => {
  test('starts with numbers from the API key; without any credential the refresh fails, numbers kept and stale', async () => {
    const { backend } = start();
    const first = await backend.invoke.refresh(undefined);
    expect(first.snapshot?.source.kind).toBe('api-key');
    await backend.invoke.clearApiKey(undefined);
    const failed = await backend.invoke.refresh(undefined);
    expect(failed.lastError).toMatchObject({ code: 'auth-missing', message: 'Kimi auth token is missing', action: 'open-settings' });
    expect(failed.snapshot?.stale).toBe(true);
    expect(failed.snapshot?.windows.length).toBe(3);
  });

  test('explicit modes never fall back', async () => {
    const { backend } = start();
    await backend.invoke.updateSettings({ kimi: { usageSource: 'account' } });
    expect((await backend.invoke.refresh(undefined)).lastError?.code).toBe('not-signed-in');
    await backend.invoke.updateSettings({ kimi: { usageSource: 'api' } });
    await backend.invoke.clearApiKey(undefined);
    expect((await backend.invoke.refresh(undefined)).lastError?.code).toBe('api-key-missing');
  });

  test('a pasted Cookie header is parsed by the core; its expiry and the short-lived warning come back', async () => {
    const { backend } = start();
    const exp = Math.floor(Date.now() / 1000) + 30 * 60;
    const result = await backend.invoke.setManualToken({ input: `Cookie: theme=dark; kimi-auth=${jwt({ exp })}` });
    expect(result).toEqual({ set: true, expiresAt: new Date(exp * 1000).toISOString(), warning: 'short-lived' });
    await expect(backend.invoke.setManualToken({ input: 'hello there' })).rejects.toMatchObject({ code: 'auth-invalid' });
    const secrets = await backend.invoke.getSecrets(undefined);
    expect(secrets.manualToken.state).toBe('set');
    expect(JSON.stringify(secrets)).not.toContain('eyJ');
  });

  test('an insecure API base URL is refused and not saved; an empty one clears the override', async () => {
    const { backend } = start();
    await expect(backend.invoke.updateSettings({ kimi: { apiBaseUrl: 'http://proxy.example' } })).rejects.toMatchObject({ code: 'insecure-base-url' });
    expect((await backend.invoke.getSettings(undefined)).kimi.apiBaseUrl).toBeNull();
    expect((await backend.invoke.updateSettings({ kimi: { apiBaseUrl: 'https://proxy.example/coding' } })).kimi.apiBaseUrl).toBe('https://proxy.example/coding');
    expect((await backend.invoke.updateSettings({ kimi: { apiBaseUrl: '  ' } })).kimi.apiBaseUrl).toBeNull();
  });

  test('device login: a code, then signed in, announced by events', async () => {
    const { backend, events } = start();
    const login = await backend.invoke.startDeviceLogin(undefined);
    expect(login.userCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(login.verificationUri.startsWith('https://www.kimi.com/')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(events.filter((e) => e.channel === 'deviceLogin').map((e) => e.payload)).toEqual([
      { status: 'waiting', error: null },
      { status: 'signed-in', error: null },
    ]);
    expect((await backend.invoke.getSecrets(undefined)).account.signedIn).toBe(true);
  });

  test('links open the region’s URL; history follows refreshes and can be cleared', async () => {
    const { backend, opened } = start();
    await backend.invoke.updateSettings({ kimi: { region: 'kimi.ai' } });
    await backend.invoke.openExternal({ target: 'usage-dashboard' });
    expect(opened).toEqual(['https://www.kimi.ai/code/console']);
    await backend.invoke.refresh(undefined);
    expect((await backend.invoke.getHistory({ days: 1, windowId: 'weekly' })).length).toBe(1);
    await backend.invoke.clearHistory(undefined);
    expect(await backend.invoke.getHistory({ days: 1 })).toEqual([]);
  });
});
