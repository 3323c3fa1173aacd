// What the Electron shell does for the app, done as far as a browser tab can: links open in
// the user's browser, notifications and the launch-at-login switch become printed lines, Quit
// stops the server. The kimi.com sign-in window needs Electron's own browser session, so the
// preview refuses it with a clear message instead of pretending.
import type { NotificationDecision } from '../core/app/notifications.js';
import { KimiError } from '../core/errors.js';
import type { ShellPorts } from '../core/service/app-core.js';

export interface BrowserShellOptions {
  /** Opens a URL the handlers produced (allow-listed targets, device-login pages). */
  readonly openUrl: (url: string) => Promise<void>;
  readonly quit: () => void;
  /** Prints one line for the person running the preview. */
  readonly log: (line: string) => void;
}

export function browserShellPorts({ openUrl, quit, log }: BrowserShellOptions): ShellPorts {
  return {
    openUrl,
    // The preview page shows the popover and the settings side by side; nothing to open.
    openSettings: () => undefined,
    quit,
    signInWeb: async () => {
      throw new KimiError('usage', { detail: 'signing in to kimi.com needs the desktop app' });
    },
    notify: (decision) => log(`notification: ${describeNotification(decision)}`),
    setLaunchAtLogin: (enabled) => log(`launch at login ${enabled ? 'on' : 'off'} (applies in the desktop app only)`),
  };
}

function describeNotification(decision: NotificationDecision): string {
  switch (decision.kind) {
    case 'threshold':
      return `${decision.windowTitle} is down to ${Math.round(decision.leftPercent)}% left`;
    case 'depleted':
      return `${decision.windowTitle} is used up`;
    case 'restored':
      return `${decision.windowTitle} is available again`;
    case 'reset-reminder':
      return `${decision.windowTitle} resets at ${decision.resetsAt}`;
    case 'refresh-failing':
      return `refresh keeps failing (${decision.failures} times): ${decision.error.message}`;
    case 'history':
      return `usage history trouble (${decision.reason})${decision.backupPath === null ? '' : `, old file kept as ${decision.backupPath}`}`;
  }
}
