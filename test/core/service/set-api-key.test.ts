// The app's save-API-key handler applies the same rule as the CLI, whoever calls it: the IPC
// boundary checks requests from windows, but the handler must not trust that it was the caller.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemTimers } from '../../../src/main/core/app/timers.js';
import { KimiError } from '../../../src/main/core/errors.js';
import { createRuntime } from '../../../src/main/core/runtime.js';
import { createAppCore, type AppCore } from '../../../src/main/core/service/app-core.js';
import { createSecretStore, type SystemSecretStore } from '../../../src/main/core/settings/secrets.js';
import { maskApiKey } from '../../../src/shared/api-key.js';

const KEY = 'sk-kimi-handler-Ab3dEf6hIj9lMn2p';
let core: AppCore;
let secrets: SystemSecretStore;

beforeEach(async () => {
  const home = mkdtempSync(join(tmpdir(), 'kimibar-set-key-'));
  secrets = await createSecretStore({ keytar: null });
  const runtime = await createRuntime({
    // Nothing is fetched: the base URL points nowhere reachable.
    env: { KIMIBAR_CONFIG_DIR: join(home, 'config'), KIMI_CODE_BASE_URL: 'https://127.0.0.1:9' },
    platform: 'linux',
    home,
    appVersion: '0.0.0-test',
    secrets,
    cookies: { importKimiAuth: async () => ({ found: null, reports: [] }) },
  });
  const shell = { openUrl: async () => {}, openSettings: () => {}, fitPopover: () => {}, closePopover: () => {}, quit: () => {}, signInWeb: async () => null, notify: () => {}, notifySettings: () => {}, setLaunchAtLogin: () => {}, showFile: () => {} };
  core = createAppCore({ runtime, shell, timers: systemTimers });
});
afterEach(() => core.dispose());

describe('setApiKey handler', () => {
  it('stores a trimmed, well-formed key', async () => {
    await expect(core.invoke.setApiKey({ apiKey: ` ${KEY}\n` })).resolves.toEqual({ set: true, masked: maskApiKey(KEY) });
    expect(await secrets.get('api-key')).toBe(KEY);
  });

  it.each([
    ['a NUL', `${KEY.slice(0, 10)}\0${KEY.slice(10)}`],
    ['a control character', `${KEY}\x07`],
    ['non-ASCII', `${KEY}ü`],
  ])('refuses a key with %s and stores nothing', async (_name, apiKey) => {
    const failure = await core.invoke.setApiKey({ apiKey }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(KimiError);
    expect((failure as KimiError).code).toBe('usage');
    expect((failure as KimiError).message).not.toContain(KEY.slice(8));
    expect(await secrets.get('api-key')).toBeNull();
  });
});
