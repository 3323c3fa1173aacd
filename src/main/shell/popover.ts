// The popover: the menubar window (~360×520) under the tray icon, hidden when it loses focus.
// It is created up front so the first click shows numbers at once; the controller is told
// when it shows and hides (per-second countdown, refresh on open).
import type { Tray } from 'electron';
import { screen } from 'electron';
import type { Menubar } from 'menubar';
import { menubar } from 'menubar';
import { fitPopoverBounds } from '../core/window/popover-bounds.js';
import { pageUrl } from './app-files.js';
import { registerContents } from './contents-registry.js';
import { appWebPreferences } from './window-preferences.js';

export interface PopoverDeps {
  readonly tray: Tray;
  readonly platform: NodeJS.Platform;
  readonly devTools: boolean;
  // Callbacks, handed on unbound (to menubar's events): function properties, not methods.
  readonly onVisibleChange: (visible: boolean) => void;
  /** Menubar has set the tray up (and blanked its tooltip): the tray's own text goes back. */
  readonly onReady: () => void;
}

export function createPopover({ tray, platform, devTools, onVisibleChange, onReady }: PopoverDeps): Menubar {
  const mac = platform === 'darwin';
  const popover = menubar({
    tray,
    index: pageUrl('popover.html'),
    preloadWindow: true,
    // Not "show the Dock icon": it tells menubar to leave the Dock alone. Info.plist hides the
    // packaged app's icon, src/main/index.ts the one of `npm start` (docs/packaging.md).
    showDockIcon: true,
    browserWindow: {
      width: 360,
      // Until the page says how tall it is (before it is first shown): then fitPopover.
      height: 640,
      show: false,
      frame: false,
      resizable: false,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      // macOS draws the popover material behind the page; the page keeps its body transparent.
      ...(mac ? { vibrancy: 'popover' as const, visualEffectState: 'active' as const, backgroundColor: '#00000000' } : {}),
      webPreferences: appWebPreferences(devTools),
    },
  });
  // Registered before the page loads, so its first requests are already trusted.
  popover.on('before-load', () => {
    if (popover.window) registerContents(popover.window.webContents, 'app');
  });
  popover.on('ready', onReady);
  popover.on('after-show', () => onVisibleChange(true));
  popover.on('after-hide', () => onVisibleChange(false));
  // Closed rather than hidden (⌘W): menubar makes a new window on the next click.
  popover.on('after-close', () => onVisibleChange(false));
  return popover;
}

/** Sizes the popover to the height its page asked for, within the work area of its screen. */
export function fitPopover(popover: Menubar, height: number): void {
  const window = popover.window;
  if (window === undefined || window.isDestroyed()) return;
  const current = window.getBounds();
  const bounds = fitPopoverBounds(current, height, screen.getDisplayMatching(current).workArea);
  if (bounds.height === current.height && bounds.y === current.y) return;
  // Some Linux window managers ignore a new size for a window that is not resizable.
  window.setResizable(true);
  window.setBounds(bounds);
  window.setResizable(false);
}
