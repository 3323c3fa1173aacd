import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartEntry, autostartPath, desktopExecArgument, loginItemPlan, setLinuxAutostart } from '../../src/main/shell/autostart.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('autostartPath', () => {
  it('uses an absolute XDG_CONFIG_HOME, else ~/.config', () => {
    expect(autostartPath({ XDG_CONFIG_HOME: '/xdg' }, '/home/u')).toBe('/xdg/autostart/kimibar.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config/autostart/kimibar.desktop');
    expect(autostartPath({}, '/home/u')).toBe('/home/u/.config/autostart/kimibar.desktop');
  });
});

describe('desktopExecArgument', () => {
  it('quotes every argument and escapes what the Desktop Entry spec reserves', () => {
    expect(desktopExecArgument('/opt/KimiBar/kimibar')).toBe('"/opt/KimiBar/kimibar"');
    expect(desktopExecArgument('/home/u/My Apps/KimiBar.AppImage')).toBe('"/home/u/My Apps/KimiBar.AppImage"');
    expect(desktopExecArgument('a"b`c$d')).toBe('"a\\\\"b\\\\`c\\\\$d"');
    expect(desktopExecArgument('100%')).toBe('"100%%"');
    // Quoting doubles the backslash, the string escapes double it again.
    expect(desktopExecArgument('a\\b')).toBe('"a\\\\\\\\b"');
  });
});

describe('setLinuxAutostart', () => {
  it('writes the entry, rewrites it, and removes it', () => {
    const home = mkdtempSync(join(tmpdir(), 'kimibar-autostart-'));
    dirs.push(home);
    const path = autostartPath({}, home);

    setLinuxAutostart(path, true, ['/tmp/KimiBar.AppImage']);
    const entry = readFileSync(path, 'utf8');
    expect(entry).toBe(autostartEntry(['/tmp/KimiBar.AppImage']));
    expect(entry.split('\n')).toContain('Exec="/tmp/KimiBar.AppImage"');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);

    setLinuxAutostart(path, true, ['/opt/KimiBar/kimibar']);
    expect(readFileSync(path, 'utf8')).toContain('Exec="/opt/KimiBar/kimibar"');

    setLinuxAutostart(path, false, ['/opt/KimiBar/kimibar']);
    expect(existsSync(path)).toBe(false);
    // Switching off twice is not an error.
    setLinuxAutostart(path, false, ['/opt/KimiBar/kimibar']);
  });
});

describe('loginItemPlan', () => {
  const facts = { env: {}, isPackaged: true, execPath: '/opt/KimiBar/kimibar', appPath: '/opt/KimiBar/resources/app.asar' };

  it('uses the OS login item on macOS and Windows, whatever else is set', () => {
    expect(loginItemPlan({ ...facts, platform: 'darwin', env: { APPIMAGE: '/x.AppImage' } })).toEqual({ kind: 'login-item' });
    expect(loginItemPlan({ ...facts, platform: 'win32' })).toEqual({ kind: 'login-item' });
  });

  it('starts an AppImage by its file, not the temporary mount it runs from', () => {
    const plan = loginItemPlan({ ...facts, platform: 'linux', env: { APPIMAGE: '/home/u/Apps/KimiBar.AppImage' }, execPath: '/tmp/.mount_KimiBaXYZ/kimibar' });
    expect(plan).toEqual({ kind: 'xdg-autostart', command: ['/home/u/Apps/KimiBar.AppImage'] });
  });

  it('starts a packaged app by its binary, and a dev run as Electron on the app folder', () => {
    expect(loginItemPlan({ ...facts, platform: 'linux' })).toEqual({ kind: 'xdg-autostart', command: ['/opt/KimiBar/kimibar'] });
    expect(loginItemPlan({ ...facts, platform: 'linux', env: { APPIMAGE: '  ' }, isPackaged: false, execPath: '/repo/node_modules/electron/dist/electron', appPath: '/repo' })).toEqual({
      kind: 'xdg-autostart',
      command: ['/repo/node_modules/electron/dist/electron', '/repo'],
    });
  });
});
