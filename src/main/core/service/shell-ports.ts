// What only a shell can do for the app core (open a browser, a window, quit, show a
// notification), as the Electron shell and the preview bridge each provide it. Its own module
// so that app-core and the handlers both depend on it and not on each other.
import type { SettingsPane } from '../../../shared/ipc.js';
import type { NotificationDecision } from '../app/notifications.js';
import type { OAuthTokens } from '../kimi/token-manager.js';
import type { SettingsNotice } from '../settings/settings-store.js';
import type { Region } from '../../../shared/settings.js';

/** Tokens captured by the kimi.com sign-in window: the web session KimiBar keeps and renews. */
export type CapturedWebSession = OAuthTokens;

/** Whose web session a sign-in window is for: each account signs in in its own browser
 *  storage, so a second account never picks up the first one's session (one token chain). */
export interface WebSignInAccount {
  readonly id: string;
  readonly region: Region;
}

export interface ShellPorts {
  /** Opens an https (or System Settings) URL in the user's browser. */
  openUrl(url: string): Promise<void>;
  openSettings(pane: SettingsPane): void;
  /** Sizes the popover window to the height its page needs (CSS pixels), within the screen. */
  fitPopover(height: number): void;
  /** Hides the popover (Escape pressed in it). */
  closePopover(): void;
  quit(): void;
  /** Shows the kimi.com sign-in window; resolves with its session, or null when closed. */
  signInWeb(account: WebSignInAccount): Promise<CapturedWebSession | null>;
  /** `account`: the account's name, given when the app has several (else absent). */
  notify(decision: NotificationDecision, account?: string): void;
  /** Tells the user about a settings file KimiBar could not use (each one once). */
  notifySettings(notice: SettingsNotice): void;
  setLaunchAtLogin(enabled: boolean): void;
  /** Shows a file KimiBar wrote (a support bundle) in Finder or the file manager. */
  showFile(path: string): void;
}
