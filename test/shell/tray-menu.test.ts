import { describe, expect, it } from 'vitest';
import type { IpcEvent } from '../../src/shared/ipc.js';
import { menuIsFixed, trayMenuKey, trayMenuModel, trayRedrawFor } from '../../src/main/shell/tray-menu.js';

const labels = (items: ReturnType<typeof trayMenuModel>): string[] => items.map((item) => (item.kind === 'separator' ? '---' : item.label));

describe('trayMenuModel', () => {
  it('on macOS offers Refresh, Settings and Quit (the click opens the popover)', () => {
    const items = trayMenuModel({ platform: 'darwin', locale: 'en', refreshing: false });
    expect(labels(items)).toEqual(['Refresh', 'Settings…', '---', 'Quit KimiBar']);
    expect(items.filter((item) => item.kind === 'action').map((item) => item.action)).toEqual(['refresh', 'openSettings', 'quit']);
  });

  it('on Linux leads with Show usage, the only way to the popover where the icon gets no click', () => {
    const items = trayMenuModel({ platform: 'linux', locale: 'en', refreshing: false });
    expect(labels(items)).toEqual(['Show usage', '---', 'Refresh', 'Settings…', '---', 'Quit KimiBar']);
    expect(items[0]).toEqual({ kind: 'action', action: 'showPopover', label: 'Show usage', enabled: true });
  });

  it('while refreshing, Refresh says so and cannot be chosen', () => {
    const refresh = trayMenuModel({ platform: 'darwin', locale: 'en', refreshing: true }).find((item) => item.kind === 'action' && item.action === 'refresh');
    expect(refresh).toEqual({ kind: 'action', action: 'refresh', label: 'Refreshing…', enabled: false });
  });

  it('speaks the chosen language', () => {
    const zh = labels(trayMenuModel({ platform: 'linux', locale: 'zh-CN', refreshing: false }));
    const en = labels(trayMenuModel({ platform: 'linux', locale: 'en', refreshing: false }));
    expect(zh).toHaveLength(en.length);
    for (const [index, label] of zh.entries()) if (label !== '---') expect(label).not.toBe(en[index]);
  });
});

describe('when the fixed Linux menu is rebuilt', () => {
  it('only Linux (and other non-macOS desktops) keep a fixed menu', () => {
    expect(menuIsFixed('darwin')).toBe(false);
    expect(menuIsFixed('linux')).toBe(true);
  });

  it('rebuilds when the refreshing state or the language changes, not otherwise', () => {
    const idle = trayMenuKey({ platform: 'linux', locale: 'en', refreshing: false });
    expect(trayMenuKey({ platform: 'linux', locale: 'en', refreshing: false })).toBe(idle);
    expect(trayMenuKey({ platform: 'linux', locale: 'en', refreshing: true })).not.toBe(idle);
    expect(trayMenuKey({ platform: 'linux', locale: 'zh-CN', refreshing: false })).not.toBe(idle);
  });
});

describe('trayRedrawFor', () => {
  it('redraws everything on state and settings, only the text on a tray tick, nothing otherwise', () => {
    expect(trayRedrawFor({ channel: 'state', payload: {} } as IpcEvent)).toBe('all');
    expect(trayRedrawFor({ channel: 'settings', payload: {} } as IpcEvent)).toBe('all');
    expect(trayRedrawFor({ channel: 'accounts', payload: {} } as IpcEvent)).toBe('all');
    expect(trayRedrawFor({ channel: 'tick', payload: { target: 'tray', at: '2026-11-24T10:00:00.000Z' } })).toBe('text');
    expect(trayRedrawFor({ channel: 'tick', payload: { target: 'popover', at: '2026-11-24T10:00:00.000Z' } })).toBeNull();
    expect(trayRedrawFor({ channel: 'secrets', payload: {} } as IpcEvent)).toBeNull();
  });
});
