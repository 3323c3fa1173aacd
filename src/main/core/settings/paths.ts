// Where KimiBar keeps its own files (SPEC §6). A pure function of the environment, so the CLI,
// the app and the tests all agree, and tests point everything at a temp folder with
// KIMIBAR_CONFIG_DIR.
import { isAbsolute, join, resolve } from 'node:path';
import type { AppPaths, Environment } from '../ports.js';

export const APP_DIR_NAME = 'KimiBar';

export interface AppPathsInput {
  readonly env: Environment;
  readonly platform: NodeJS.Platform;
  readonly homedir: string;
}

export function resolveAppPaths({ env, platform, homedir }: AppPathsInput): AppPaths {
  const override = nonEmpty(env.KIMIBAR_CONFIG_DIR);
  const configDir = override ? resolve(override) : join(platformConfigRoot(env, platform, homedir), APP_DIR_NAME);
  return { home: homedir, configDir };
}

function platformConfigRoot(env: Environment, platform: NodeJS.Platform, homedir: string): string {
  if (platform === 'darwin') return join(homedir, 'Library', 'Application Support');
  if (platform === 'win32') return nonEmpty(env.APPDATA) ?? join(homedir, 'AppData', 'Roaming');
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  return xdg && isAbsolute(xdg) ? xdg : join(homedir, '.config');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
