// Where KimiBar keeps its own files. A pure function of the environment, so the CLI,
// the app and the tests all agree, and tests point everything at a temp folder with
// KIMIBAR_CONFIG_DIR. Paths are built with the target platform's rules, not the host's.
import { posix, win32 } from 'node:path';
import type { AppPaths, Environment } from '../ports.js';

export const APP_DIR_NAME = 'KimiBar';

export interface AppPathsInput {
  readonly env: Environment;
  readonly platform: NodeJS.Platform;
  readonly homedir: string;
}

export function resolveAppPaths({ env, platform, homedir }: AppPathsInput): AppPaths {
  const path = platform === 'win32' ? win32 : posix;
  const override = nonEmpty(env.KIMIBAR_CONFIG_DIR);
  if (override) return { home: homedir, configDir: path.resolve(override) };
  return { home: homedir, configDir: path.join(platformConfigRoot(env, platform, homedir), APP_DIR_NAME) };
}

/**
 * Where KimiBar keeps what it can always recompute (the CLI's code cache): the per-user cache
 * folder the OS designates, never the config folder, which people back up and sync.
 */
export function resolveCacheDir({ env, platform, homedir }: AppPathsInput): string {
  const path = platform === 'win32' ? win32 : posix;
  return path.join(platformCacheRoot(env, platform, homedir), APP_DIR_NAME);
}

function platformCacheRoot(env: Environment, platform: NodeJS.Platform, homedir: string): string {
  if (platform === 'darwin') return posix.join(homedir, 'Library', 'Caches');
  if (platform === 'win32') return nonEmpty(env.LOCALAPPDATA) ?? win32.join(homedir, 'AppData', 'Local');
  const xdg = nonEmpty(env.XDG_CACHE_HOME);
  return xdg && posix.isAbsolute(xdg) ? xdg : posix.join(homedir, '.cache');
}

function platformConfigRoot(env: Environment, platform: NodeJS.Platform, homedir: string): string {
  if (platform === 'darwin') return posix.join(homedir, 'Library', 'Application Support');
  if (platform === 'win32') return nonEmpty(env.APPDATA) ?? win32.join(homedir, 'AppData', 'Roaming');
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  return xdg && posix.isAbsolute(xdg) ? xdg : posix.join(homedir, '.config');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
