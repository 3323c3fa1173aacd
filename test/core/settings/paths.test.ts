import { describe, expect, it } from 'vitest';
import { resolveAppPaths, resolveCacheDir } from '../../../src/main/core/settings/paths.js';

describe('resolveAppPaths', () => {
  it('uses Application Support on macOS', () => {
    const paths = resolveAppPaths({ env: { XDG_CONFIG_HOME: '/x' }, platform: 'darwin', homedir: '/Users/ada' });
    expect(paths).toEqual({ home: '/Users/ada', configDir: '/Users/ada/Library/Application Support/KimiBar' });
  });

  it('uses XDG_CONFIG_HOME on Linux', () => {
    const paths = resolveAppPaths({ env: { XDG_CONFIG_HOME: '/home/ada/.cfg' }, platform: 'linux', homedir: '/home/ada' });
    expect(paths.configDir).toBe('/home/ada/.cfg/KimiBar');
  });

  it('falls back to ~/.config when XDG_CONFIG_HOME is unset, empty or relative', () => {
    for (const XDG_CONFIG_HOME of [undefined, '', '   ', 'relative/dir']) {
      const paths = resolveAppPaths({ env: { XDG_CONFIG_HOME }, platform: 'linux', homedir: '/home/ada' });
      expect(paths.configDir).toBe('/home/ada/.config/KimiBar');
    }
  });

  it('lets KIMIBAR_CONFIG_DIR override every platform', () => {
    for (const platform of ['darwin', 'linux'] as const) {
      const paths = resolveAppPaths({ env: { KIMIBAR_CONFIG_DIR: '/tmp/kb-test' }, platform, homedir: '/home/ada' });
      expect(paths).toEqual({ home: '/home/ada', configDir: '/tmp/kb-test' });
    }
    const windows = resolveAppPaths({ env: { KIMIBAR_CONFIG_DIR: 'D:\\kb-test' }, platform: 'win32', homedir: 'C:\\Users\\ada' });
    expect(windows.configDir).toBe('D:\\kb-test');
  });

  it('uses APPDATA on Windows, else the roaming folder under the home', () => {
    const paths = resolveAppPaths({ env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, platform: 'win32', homedir: 'C:\\Users\\ada' });
    expect(paths.configDir).toBe('C:\\Users\\ada\\AppData\\Roaming\\KimiBar');
    const noAppData = resolveAppPaths({ env: {}, platform: 'win32', homedir: 'C:\\Users\\bo' });
    expect(noAppData.configDir).toBe('C:\\Users\\bo\\AppData\\Roaming\\KimiBar');
  });
});

describe('resolveCacheDir (what KimiBar can always recompute: the CLI code cache)', () => {
  it('is the per-user cache folder of each platform, never the config folder', () => {
    expect(resolveCacheDir({ env: {}, platform: 'darwin', homedir: '/Users/ada' })).toBe('/Users/ada/Library/Caches/KimiBar');
    expect(resolveCacheDir({ env: { XDG_CACHE_HOME: '/home/ada/.cc' }, platform: 'linux', homedir: '/home/ada' })).toBe('/home/ada/.cc/KimiBar');
    expect(resolveCacheDir({ env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, platform: 'win32', homedir: 'C:\\Users\\ada' })).toBe('C:\\Users\\ada\\AppData\\Local\\KimiBar');
    expect(resolveCacheDir({ env: { KIMIBAR_CONFIG_DIR: '/tmp/kb-test' }, platform: 'linux', homedir: '/home/ada' })).toBe('/home/ada/.cache/KimiBar');
  });

  it('falls back to ~/.cache when XDG_CACHE_HOME is unset, empty or relative', () => {
    for (const XDG_CACHE_HOME of [undefined, '', '   ', 'relative/dir']) {
      expect(resolveCacheDir({ env: { XDG_CACHE_HOME }, platform: 'linux', homedir: '/home/ada' })).toBe('/home/ada/.cache/KimiBar');
    }
  });
});
