// The tray's menu and redraw rules, as pure data: which items each platform shows, how a
// refresh in flight reads, when Linux must rebuild its menu, and which core events redraw the
// tray. The shell's tray only turns the model into Electron's Menu and applies it.
import type { IpcEvent } from '../../shared/ipc.js';
import type { Locale } from '../../shared/i18n/index.js';
import { t } from '../../shared/i18n/index.js';

export type TrayMenuAction = 'showPopover' | 'refresh' | 'openSettings' | 'quit';

export type TrayMenuItem =
  | { readonly kind: 'action'; readonly action: TrayMenuAction; readonly label: string; readonly enabled: boolean }
  | { readonly kind: 'separator' };

export interface TrayMenuInput {
  readonly platform: NodeJS.Platform;
  readonly locale: Locale;
  readonly refreshing: boolean;
}

const SEPARATOR: TrayMenuItem = { kind: 'separator' };

/**
 * macOS opens the popover on a click, so its right-click menu has no "Show usage"; a Linux
 * tray icon often gets no click at all, so the menu is the only way to the popover there.
 * While a refresh runs, Refresh says so and cannot be chosen again.
 */
export function trayMenuModel({ platform, locale, refreshing }: TrayMenuInput): readonly TrayMenuItem[] {
  const action = (which: TrayMenuAction, label: string, enabled = true): TrayMenuItem => ({ kind: 'action', action: which, label, enabled });
  return [
    ...(platform === 'darwin' ? [] : [action('showPopover', t(locale, 'menu.showUsage')), SEPARATOR]),
    action('refresh', t(locale, refreshing ? 'menu.refreshing' : 'menu.refresh'), !refreshing),
    action('openSettings', t(locale, 'menu.settings')),
    SEPARATOR,
    action('quit', t(locale, 'menu.quit')),
  ];
}

/** macOS builds the menu fresh on each right-click; Linux shows a fixed menu set up front. */
export function menuIsFixed(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}

/**
 * What a fixed (Linux) menu's words depend on. Rebuilding it resets an open menu on some
 * desktops, so it is rebuilt only when this key changes, never on every state update.
 */
export function trayMenuKey(input: TrayMenuInput): string {
  return JSON.stringify(trayMenuModel(input));
}

/** How much of the tray a core event redraws: everything, only the countdown text, or nothing. */
export type TrayRedraw = 'all' | 'text' | null;

export function trayRedrawFor(event: IpcEvent): TrayRedraw {
  // `accounts`: the tray may draw an account other than the selected one (the most constrained).
  if (event.channel === 'state' || event.channel === 'settings' || event.channel === 'accounts') return 'all';
  if (event.channel === 'tick' && event.payload.target === 'tray') return 'text';
  return null;
}
