// electron-builder.yml as electron-builder itself reads and validates it (app-builder-lib's
// getConfig + validateConfiguration, against its scheme.json) — the check `npm run dist` makes
// first, run here because packaging itself needs the Electron binary this machine cannot fetch.
import { resolve } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

async function load(): Promise<Configuration> {
  return getConfig(root, resolve(root, 'electron-builder.yml'), null);
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(await load(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses that keep the Keychain-trusted binary from running anything but the app', async () => {
    expect((await load()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('requires the macOS Electron 45 runs on, and hides the Dock icon in code, not in Info.plist', async () => {
    const mac = (await load()).mac;
    expect(mac?.minimumSystemVersion).toBe('13.0');
    expect(mac?.extendInfo ?? {}).not.toHaveProperty('LSUIElement');
  });

  it('the validation is real: a misspelt fuse is refused', async () => {
    const config = { ...(await load()), electronFuses: { runAsNode: false, enableNodeOptionsEnvironmentVariables: false } };
    await expect(validateConfiguration(config as Configuration, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses/);
  });
});
