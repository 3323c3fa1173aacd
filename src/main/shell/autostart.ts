// Launch at login on Linux desktops: an XDG autostart entry (Electron's setLoginItemSettings
// covers macOS and Windows only). No Electron here, so the entry and the file handling are
// tested in Node against a real folder.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Environment } from '../core/ports.js';

const ENTRY_NAME = 'kimibar.desktop';
/** The escapes of a Desktop Entry string value. */
const STRING_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/** `$XDG_CONFIG_HOME/autostart/kimibar.desktop`, or under ~/.config when that is unset or relative. */
export function autostartPath(env: Environment, home: string): string {
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const configHome = xdg && isAbsolute(xdg) ? xdg : join(home, '.config');
  return join(configHome, 'autostart', ENTRY_NAME);
}

/**
 * One Exec argument by the Desktop Entry spec: quoted, with its four reserved characters
 * escaped and "%" doubled (not a field code). Exec is also a string value, whose own escape
 * rules then apply on top — hence backslashes end up doubled twice.
 */
export function desktopExecArgument(argument: string): string {
  const quoted = `"${argument.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
  return quoted.replace(/[\\\n\t\r]/g, (c) => STRING_ESCAPES[c] ?? c);
}

export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=KimiBar',
    'Comment=Kimi For Coding usage in the menu bar',
    `Exec=${command.map(desktopExecArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface LaunchFacts {
  readonly platform: NodeJS.Platform;
  readonly env: Environment;
  readonly isPackaged: boolean;
  /** The running binary (process.execPath). */
  readonly execPath: string;
  /** The app's folder or asar (app.getAppPath()); a dev run needs it after Electron's binary. */
  readonly appPath: string;
}

/** How launch at login is set: the OS login item (macOS, Windows) or an XDG entry running `command`. */
export type LoginItemPlan = { readonly kind: 'login-item' } | { readonly kind: 'xdg-autostart'; readonly command: readonly string[] };

/**
 * Electron's login items cover macOS and Windows only; Linux desktops read XDG autostart
 * entries. An AppImage runs from a temporary mount that is gone at the next login, so the
 * entry starts the image file itself; a packaged app starts its binary; a dev run starts
 * Electron's binary on the app folder.
 */
export function loginItemPlan({ platform, env, isPackaged, execPath, appPath }: LaunchFacts): LoginItemPlan {
  if (platform !== 'linux') return { kind: 'login-item' };
  const appImage = env.APPIMAGE?.trim();
  if (appImage) return { kind: 'xdg-autostart', command: [appImage] };
  return { kind: 'xdg-autostart', command: isPackaged ? [execPath] : [execPath, appPath] };
}

/** Writes or removes the entry; `command` is the program and its arguments. */
export function setLinuxAutostart(path: string, enabled: boolean, command: readonly string[]): void {
  if (!enabled) {
    rmSync(path, { force: true });
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, autostartEntry(command), { mode: 0o644 });
}
