// The menu-bar icon: the meter image, the title beside it (macOS) and the tooltip, redrawn from
// the controller's state; the text also on the controller's tray ticks (at most once a minute).
// Right-click (macOS) or the menu (Linux, where a tray icon has no click) offers Refresh,
// Settings… and Quit.
import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import { Menu, Tray, nativeImage } from 'electron';
import type { AppState } from '../../shared/app-state.js';
import type { Locale } from '../../shared/i18n/index.js';
import type { Settings } from '../../shared/settings.js';
import type { TrayIconInput } from '../core/tray-icon/index.js';
import { renderTrayIcon } from '../core/tray-icon/index.js';
import type { TrayMenuAction, TrayMenuInput } from './tray-menu.js';
import { menuIsFixed, trayMenuKey, trayMenuModel } from './tray-menu.js';
import type { TrayView } from './tray-view.js';
import { sameIcon, trayView } from './tray-view.js';

export type TrayActions = Readonly<Record<TrayMenuAction, () => void>>;

export interface AppTrayDeps {
  readonly platform: NodeJS.Platform;
  readonly actions: TrayActions;
  /** The state of the account the tray draws (core/app/tray-account.ts decides which). */
  getState(): AppState;
  /** That account's name when the app has several; null with one. */
  accountName(): string | null;
  getSettings(): Settings;
  locale(): Locale;
  now(): number;
}

export interface AppTray {
  readonly tray: Tray;
  /** State or settings changed: image, text and menu may differ. */
  update(): void;
  /** A tray tick: only the countdown text moves. */
  updateText(): void;
  dispose(): void;
}

export function createAppTray(deps: AppTrayDeps): AppTray {
  const mac = deps.platform === 'darwin';
  const currentView = (): TrayView =>
    trayView({
      state: deps.getState(),
      settings: deps.getSettings(),
      platform: deps.platform,
      locale: deps.locale(),
      now: deps.now(),
      account: deps.accountName(),
    });

  let view = currentView();
  let menuKey = '';
  const tray = new Tray(trayImage(view.icon));

  const applyText = (next: TrayView): void => {
    if (mac) tray.setTitle(next.title, { fontType: 'monospacedDigit' });
    tray.setToolTip(next.tooltip);
  };

  const menuInput = (): TrayMenuInput => ({ platform: deps.platform, locale: deps.locale(), refreshing: deps.getState().refreshing });
  const menu = (): Menu =>
    Menu.buildFromTemplate(
      trayMenuModel(menuInput()).map((item): MenuItemConstructorOptions =>
        item.kind === 'separator' ? { type: 'separator' } : { label: item.label, enabled: item.enabled, click: () => deps.actions[item.action]() },
      ),
    );

  const refreshFixedMenu = (): void => {
    if (!menuIsFixed(deps.platform)) return;
    const key = trayMenuKey(menuInput());
    if (key === menuKey) return;
    menuKey = key;
    tray.setContextMenu(menu());
  };

  applyText(view);
  refreshFixedMenu();
  if (!menuIsFixed(deps.platform)) tray.on('right-click', () => tray.popUpContextMenu(menu()));

  return {
    tray,
    update() {
      const next = currentView();
      if (!sameIcon(next.icon, view.icon)) tray.setImage(trayImage(next.icon));
      applyText(next);
      refreshFixedMenu();
      view = next;
    },
    updateText() {
      view = currentView();
      applyText(view);
    },
    dispose() {
      tray.destroy();
    },
  };
}

/** The meter at 1× and 2×, so the menu bar picks the sharp one for the display. */
function trayImage(input: TrayIconInput): NativeImage {
  const images = renderTrayIcon(input);
  const image = nativeImage.createFromBuffer(images.png1x, { scaleFactor: 1 });
  image.addRepresentation({ scaleFactor: 2, buffer: images.png2x });
  image.setTemplateImage(images.template);
  return image;
}
