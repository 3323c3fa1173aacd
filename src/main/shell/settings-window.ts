// The settings window: one at a time, opened on a pane (the page reads its URL's hash once, at
// load). An open window is brought forward as it is, keeping what the user was looking at.
// KimiBar has no Dock icon, so opening the window must also bring the app to the front.
import { BrowserWindow, app } from 'electron';
import type { Locale } from '../../shared/i18n/index.js';
import { t } from '../../shared/i18n/index.js';
import type { SettingsPane } from '../../shared/ipc.js';
import { pageUrl } from './app-files.js';
import { registerContents } from './contents-registry.js';
import { appWebPreferences } from './window-preferences.js';

export interface SettingsWindowDeps {
  readonly devTools: boolean;
  locale(): Locale;
}

export function createSettingsWindow(deps: SettingsWindowDeps): { open(pane: SettingsPane): void } {
  let window: BrowserWindow | null = null;

  const bringToFront = (target: BrowserWindow): void => {
    if (process.platform === 'darwin') app.focus({ steal: true });
    target.show();
    target.focus();
  };

  return {
    open(pane) {
      if (window !== null && !window.isDestroyed()) {
        bringToFront(window);
        return;
      }
      const created = new BrowserWindow({
        width: 720,
        height: 640,
        minWidth: 560,
        minHeight: 480,
        show: false,
        title: t(deps.locale(), 'settings.title'),
        autoHideMenuBar: true,
        fullscreenable: false,
        webPreferences: appWebPreferences(deps.devTools),
      });
      registerContents(created.webContents, 'app');
      created.once('ready-to-show', () => bringToFront(created));
      created.once('closed', () => {
        if (window === created) window = null;
      });
      window = created;
      void created.loadURL(pageUrl('settings.html', pane));
    },
  };
}
