import { describe, expect, it } from 'vitest';
import { POPOVER_MIN_HEIGHT, fitPopoverBounds } from '../../../src/main/core/window/popover-bounds.js';

// A 1440×900 screen with a 24-point menu bar on top.
const MAC_WORK_AREA = { x: 0, y: 24, width: 1440, height: 876 };
// A 1920×1080 screen with a 48-pixel taskbar at the bottom.
const BOTTOM_TASKBAR = { x: 0, y: 0, width: 1920, height: 1032 };

describe('fitPopoverBounds', () => {
  it('under a menu bar: takes the height asked for and keeps its top edge and width', () => {
    const current = { x: 1000, y: 24, width: 360, height: 640 };
    expect(fitPopoverBounds(current, 512, MAC_WORK_AREA)).toEqual({ x: 1000, y: 24, width: 360, height: 512 });
    expect(fitPopoverBounds(current, 700, MAC_WORK_AREA)).toEqual({ x: 1000, y: 24, width: 360, height: 700 });
  });

  it('is never taller than the work area, and stays inside it', () => {
    const current = { x: 1000, y: 24, width: 360, height: 640 };
    expect(fitPopoverBounds(current, 2000, MAC_WORK_AREA)).toEqual({ x: 1000, y: 24, width: 360, height: 876 });
    // Placed lower than the top of the work area (a second screen's offset), it moves up to fit.
    expect(fitPopoverBounds({ ...current, y: 300 }, 876, MAC_WORK_AREA).y).toBe(24);
  });

  it('above a bottom taskbar: keeps its bottom edge and grows upwards', () => {
    const current = { x: 1550, y: 1032 - 640, width: 360, height: 640 };
    const taller = fitPopoverBounds(current, 800, BOTTOM_TASKBAR);
    expect(taller).toEqual({ x: 1550, y: 232, width: 360, height: 800 });
    expect(taller.y + taller.height).toBe(1032);
    expect(fitPopoverBounds(current, 5000, BOTTOM_TASKBAR)).toEqual({ x: 1550, y: 0, width: 360, height: 1032 });
  });

  it('keeps a floor so a bad measurement cannot shrink the window to nothing; rounds to whole pixels', () => {
    const current = { x: 1000, y: 24, width: 360, height: 640 };
    expect(fitPopoverBounds(current, 0, MAC_WORK_AREA).height).toBe(POPOVER_MIN_HEIGHT);
    expect(fitPopoverBounds(current, 480.4, MAC_WORK_AREA).height).toBe(480);
  });
});
