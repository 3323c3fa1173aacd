// The popover: the menubar window (~360×520) under the tray icon, hidden when it loses focus.
// It is created up front so the first click shows numbers at once; the controller is told
// when it shows and hides (per-second countdown, refresh on open).
import type { Tray } from 'electron';
import type { Menubar } from 'menubar';
import { menubar } from 'menubar';
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
      // Two charted windows and the menu fit; more cards scroll inside the panel.
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
