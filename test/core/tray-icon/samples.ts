// The meter inputs the tray tests and the contact sheet (scripts/tray-contact-sheet.ts) start
// from: one fresh reading (5-hour 38 % left on top, weekly 70 % left below), and the lanes
// without readings that loading and signed out draw.
import type { TrayIconInput } from '../../../src/main/core/tray-icon/index.js';

export const FRESH_METER: TrayIconInput = {
  status: 'ready',
  fiveHourUsedPercent: 62,
  weeklyUsedPercent: 30,
  stale: false,
  error: false,
  showUsageAsUsed: false,
  colored: false,
};

export const NO_READINGS = { fiveHourUsedPercent: null, weeklyUsedPercent: null } as const;
