import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartEntry, autostartPath, desktopExecArgument, setLinuxAutostart } from '../../src/main/shell/autostart.js';

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
