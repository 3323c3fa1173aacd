// What the Electron shell does for the app, done as far as a browser tab can: links open in
// the user's browser, notifications (in the app's own words) and the launch-at-login switch
// become printed lines, Quit stops the server. The kimi.com sign-in window needs Electron's
// own browser session, so the preview refuses it with a clear message instead of pretending.
import type { Locale } from '../../shared/i18n/index.js';
import type { NotificationText } from '../core/app/notification-text.js';
import { notificationText, settingsNoticeText } from '../core/app/notification-text.js';
import { KimiError } from '../core/errors.js';
import type { ShellPorts } from '../core/service/shell-ports.js';

export interface BrowserShellOptions {
  /** Opens a URL the handlers produced (allow-listed targets, device-login pages). */
  readonly openUrl: (url: string) => Promise<void>;
  readonly quit: () => void;
  /** Prints one line for the person running the preview. */
  readonly log: (line: string) => void;
  /** The language notifications are worded in (English unless given). */
  readonly locale?: () => Locale;
  /** The app's clock, for "Resets in …" (the demo's runs faster than the wall clock). */
  readonly now?: () => number;
}

export function browserShellPorts({ openUrl, quit, log, locale = () => 'en', now = Date.now }: BrowserShellOptions): ShellPorts {
  return {
    openUrl,
    // The preview page shows the popover and the settings side by side; nothing to open.
    openSettings: () => undefined,
    // The page is the popover's whole window: a browser tab keeps its own size and stays open.
    fitPopover: () => undefined,
    closePopover: () => undefined,
    quit,
    signInWeb: async () => {
      throw new KimiError('usage', { detail: 'signing in to kimi.com needs the desktop app' });
    },
    // The same words the desktop notifications show, on one line.
    notify: (decision, account) => log(notificationLine(notificationText(decision, locale(), now(), account))),
    notifySettings: (notice) => log(notificationLine(settingsNoticeText(notice, locale()))),
    setLaunchAtLogin: (enabled) => log(`launch at login ${enabled ? 'on' : 'off'} (applies in the desktop app only)`),
    showFile: (path) => log(`saved ${path}`),
  };
}


function notificationLine({ title, body }: NotificationText): string {
  return `notification: ${body === '' ? title : `${title} — ${body}`}`;
}
