import { describe, expect, it } from 'vitest';
import { t } from '../../src/shared/i18n/index.js';
import { launchView, trayIsHidden } from '../../src/main/shell/tray-visibility.js';

const laptop = { x: 0, y: 0, width: 1512, height: 982 };
/** An external display to the left of the laptop, taller, with its top above the laptop's. */
const external = { x: -2560, y: -458, width: 2560, height: 1440 };
const icon = (x: number, y: number) => ({ x, y, width: 24, height: 24 });

describe('trayIsHidden', () => {
  it('an icon in the menu bar of the display is shown', () => {
    expect(trayIsHidden('darwin', icon(1200, 0), [laptop])).toBe(false);
    // Partly on screen still counts as there.
    expect(trayIsHidden('darwin', icon(1500, 0), [laptop])).toBe(false);
  });

  it('an icon parked off every display is hidden', () => {
    expect(trayIsHidden('darwin', icon(1200, -40), [laptop])).toBe(true);
    expect(trayIsHidden('darwin', icon(-30_000, 0), [laptop])).toBe(true);
    // Touching the edge is not overlapping.
    expect(trayIsHidden('darwin', icon(1512, 0), [laptop])).toBe(true);
  });

  it('an icon without a size is hidden, wherever it claims to be', () => {
    expect(trayIsHidden('darwin', { x: 1200, y: 0, width: 0, height: 24 }, [laptop])).toBe(true);
    expect(trayIsHidden('darwin', { x: 0, y: 0, width: 0, height: 0 }, [laptop])).toBe(true);
  });

  it('with several displays, an icon on any of them is shown', () => {
    expect(trayIsHidden('darwin', icon(-400, -458), [laptop, external])).toBe(false);
    expect(trayIsHidden('darwin', icon(-400, -458), [laptop])).toBe(true);
    expect(trayIsHidden('darwin', icon(-400, -2000), [laptop, external])).toBe(true);
    expect(trayIsHidden('darwin', icon(1200, 0), [])).toBe(true);
  });

  it('never on Linux or Windows, whose trays report zeros that mean nothing', () => {
    expect(trayIsHidden('linux', { x: 0, y: 0, width: 0, height: 0 }, [laptop])).toBe(false);
    expect(trayIsHidden('win32', icon(-30_000, 0), [laptop])).toBe(false);
  });
});

describe('launchView', () => {
  it('a start with the icon shown opens nothing; a second launch opens the popover', () => {
    expect(launchView({ hidden: false, relaunch: false })).toBeNull();
    expect(launchView({ hidden: false, relaunch: true })).toEqual({ kind: 'popover' });
  });

  it('with the icon hidden, a start or a second launch opens Settings with the explanation', () => {
    for (const relaunch of [false, true]) {
      expect(launchView({ hidden: true, relaunch })).toEqual({ kind: 'settings', pane: 'general', explain: 'tray.hidden' });
    }
  });

  it('the explanation is one line in English and Chinese, naming where to turn the icon on', () => {
    const en = t('en', 'tray.hidden');
    const zh = t('zh-CN', 'tray.hidden');
    for (const text of [en, zh]) expect(text).not.toContain('\n');
    expect(en).toContain('System Settings');
    expect(zh).toContain('系统设置');
  });
});
