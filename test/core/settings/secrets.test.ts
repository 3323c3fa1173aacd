// Against the real Secret Service: run as
//   dbus-run-session -- scripts/with-keyring.sh npx vitest run test/core/settings/secrets.test.ts
// (the harness starts a throwaway gnome-keyring and sets KIMIBAR_TEST_KEYRING).
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretStore, type KeytarLike } from '../../../src/main/core/settings/secrets.js';
import { bundleChild, removeChildBundles, runChild } from './support/run-ts-child.js';

// Tests that share the keyring with other test files use a service of their own.
const SERVICE = `KimiBar-test-${process.pid}`;

function secretTool(...args: string[]): { status: number | null; stdout: string } {
  const run = spawnSync('secret-tool', args, { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout };
}

beforeAll(() => {
  expect(
    process.env.KIMIBAR_TEST_KEYRING,
    'run under: dbus-run-session -- scripts/with-keyring.sh npx vitest run …',
  ).toBeTruthy();
});

describe('secret store on the real Secret Service', () => {
  it('stores, reads and deletes the API key under service KimiBar, visible to secret-tool', async () => {
    const store = await createSecretStore();
    expect(await store.persistent()).toBe(true);
    expect(store.notice).toBeNull();

    const key = 'sk-kimi-real-keyring-test-a1b2';
    await store.set('api-key', key);
    expect(await store.get('api-key')).toBe(key);
    // keytar's libsecret schema stores the attributes "service" and "account".
    expect(secretTool('lookup', 'service', 'KimiBar', 'account', 'api-key').stdout).toBe(key);

    await store.delete('api-key');
    expect(await store.get('api-key')).toBeNull();
    const after = secretTool('lookup', 'service', 'KimiBar', 'account', 'api-key');
    expect(after.status).not.toBe(0);
    expect(after.stdout).toBe('');
  });

  it('reads what another program stored and overwrites it', async () => {
    // keytar looks items up by its libsecret schema name as well as service and account.
    const attributes = ['xdg:schema', 'org.freedesktop.Secret.Generic', 'service', SERVICE, 'account', 'manual-token'];
    execFileSync('secret-tool', ['store', '--label=test', ...attributes], {
      input: 'eyJhbGciOiJIUzI1NiJ9.e30.from-secret-tool',
    });
    const store = await createSecretStore({ service: SERVICE });
    expect(await store.get('manual-token')).toBe('eyJhbGciOiJIUzI1NiJ9.e30.from-secret-tool');
    await store.set('manual-token', 'second value, ünïcødé 令牌');
    expect(secretTool('lookup', 'service', SERVICE, 'account', 'manual-token').stdout).toBe('second value, ünïcødé 令牌');
    await store.delete('manual-token');
  });

  it('keeps the accounts apart', async () => {
    const store = await createSecretStore({ service: SERVICE });
    await store.set('device-login', 'device');
    await store.set('web-session', 'web');
    expect(await store.get('device-login')).toBe('device');
    expect(await store.get('web-session')).toBe('web');
    expect(await store.get('api-key')).toBeNull();
    await store.delete('device-login');
    expect(await store.get('web-session')).toBe('web');
    await store.delete('web-session');
    await store.delete('web-session');
    expect(await store.get('web-session')).toBeNull();
  });

  it('moves to memory, and says so, when the keychain starts failing mid-session', async () => {
    let broken = false;
    const failing: KeytarLike = {
      getPassword: (service, account) => (broken ? Promise.reject(new Error('Cannot create an item in a locked collection')) : keytar.getPassword(service, account)),
      setPassword: (service, account, password) => (broken ? Promise.reject(new Error('Cannot create an item in a locked collection')) : keytar.setPassword(service, account, password)),
      deletePassword: (service, account) => (broken ? Promise.reject(new Error('locked')) : keytar.deletePassword(service, account)),
    };
    const store = await createSecretStore({ keytar: failing, service: SERVICE });
    expect(await store.persistent()).toBe(true);
    broken = true;
    await store.set('api-key', 'sk-kimi-kept-in-memory-0000');
    expect(await store.persistent()).toBe(false);
    expect(store.notice?.code).toBe('keychain-unavailable');
    expect(store.notice?.message).toContain('kept for this session only');
    expect(store.notice?.message).not.toContain('sk-kimi-kept');
    expect(await store.get('api-key')).toBe('sk-kimi-kept-in-memory-0000');
    expect(secretTool('lookup', 'service', SERVICE, 'account', 'api-key').stdout).toBe('');
  });
});

describe('secret store without a keychain', () => {
  let child: string;
  beforeAll(async () => {
    child = await bundleChild(join(import.meta.dirname, 'fixtures', 'secret-store-child.ts'));
  });
  afterAll(removeChildBundles);

  it('falls back to memory in a process whose D-Bus address leads nowhere', async () => {
    const result = await runChild(child, [], { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/kimibar-bus' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ persistent: false, readBackMatches: true, afterDelete: null });
    expect(report.notice).toEqual({
      code: 'keychain-unavailable',
      message: expect.stringContaining('No system keychain is available; the secret is kept for this session only') as unknown,
      action: null,
    });
    // keytar itself loaded; it was the bus that failed.
    expect(JSON.stringify(report.notice)).toContain('Could not connect');
    expect(result.stdout).not.toContain('child-process-secret');
  });

  it('falls back to memory in a process with no D-Bus session at all', async () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const result = await runChild(child, [], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ persistent: false, readBackMatches: true, afterDelete: null });
  });

  it('does not wait forever for a keychain that never answers', async () => {
    const silent: KeytarLike = {
      getPassword: () => new Promise(() => undefined),
      setPassword: () => new Promise(() => undefined),
      deletePassword: () => new Promise(() => undefined),
    };
    const store = await createSecretStore({ keytar: silent, probeTimeoutMs: 50 });
    expect(await store.persistent()).toBe(false);
    expect(store.notice?.message).toContain('no answer within 50 ms');
    await store.set('api-key', 'memory');
    expect(await store.get('api-key')).toBe('memory');
  });

  it('uses memory when told there is no keytar', async () => {
    const store = await createSecretStore({ keytar: null });
    expect(await store.persistent()).toBe(false);
    expect(store.notice?.code).toBe('keychain-unavailable');
  });
});
