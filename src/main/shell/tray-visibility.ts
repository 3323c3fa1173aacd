// macOS 26 lets the user hide any menu-bar item in System Settings › Menu Bar. `new Tray()`
// still succeeds then, but the item is parked where no display shows it (or gets no size), so a
// click on the app's icon is impossible and the popover would open off-screen. Pure: the shell
// hands in the tray's bounds and the displays', and acts on the answer.
import type { SettingsPane } from '../../shared/ipc.js';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * True when the tray icon is on no display: zero-sized, or entirely outside every display.
 * Only macOS reports real tray bounds; Linux (and an unknown platform) always says zeros,
 * which means nothing there, so it never counts as hidden.
 */
export function trayIsHidden(platform: NodeJS.Platform, tray: Rect, displays: readonly Rect[]): boolean {
  if (platform !== 'darwin') return false;
  if (tray.width <= 0 || tray.height <= 0) return true;
  return !displays.some((display) => overlaps(tray, display));
}

/** What to show when KimiBar starts or is started again while running: a start shows nothing
 *  while the icon is there to click; a second launch is a request to see the app, so it opens
 *  the popover under the icon. With the icon hidden, both open Settings with a line saying
 *  where the icon went and how to bring it back (the popover would open off-screen). */
export type LaunchView = { readonly kind: 'popover' } | { readonly kind: 'settings'; readonly pane: SettingsPane; readonly explain: 'tray.hidden' };

export function launchView({ hidden, relaunch }: { readonly hidden: boolean; readonly relaunch: boolean }): LaunchView | null {
  if (hidden) return { kind: 'settings', pane: 'general', explain: 'tray.hidden' };
  return relaunch ? { kind: 'popover' } : null;
}
