// "Sign in to Kimi…": a small browser on the Kimi console in its own persistent
// partition, without the preload. While it is open it looks for the signed-in session after
// every page load and every couple of seconds; once found, the tokens are handed back and the
// window closes. Closing it first means "not signed in" (null).
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { BrowserWindow, app, session as electronSession } from 'electron';
import type { Locale } from '../../shared/i18n/index.js';
import { t } from '../../shared/i18n/index.js';
import { externalUrl } from '../../shared/ipc.js';
import { perAccountName } from '../../shared/accounts.js';
import type { CapturedWebSession, WebSignInAccount } from '../core/service/shell-ports.js';
import { registerContents } from './contents-registry.js';
import { signInMayNavigate } from './policy.js';
import type { SignInEvent, SignInPhase } from './sign-in-flow.js';
import { mayReadSiteStorage, signInOpenAction, signInStep } from './sign-in-flow.js';
import { STORAGE_TOKENS_SCRIPT, WEB_AUTH_COOKIE, browserUserAgent, captureWebSession } from './web-session-capture.js';
import { signInWebPreferences } from './window-preferences.js';

export const SIGN_IN_PARTITION = 'persist:kimi-web';
/** Often enough to close soon after the user signs in; a page read costs next to nothing. */
const POLL_MS = 2000;

export interface WebSignInDeps {
  locale(): Locale;
  now(): number;
}

export function createWebSignIn(deps: WebSignInDeps): (account: WebSignInAccount) => Promise<CapturedWebSession | null> {
  let open: { readonly accountId: string; readonly window: BrowserWindow; readonly result: Promise<CapturedWebSession | null> } | null = null;

  return (account) => {
    // Without a Dock icon, a new window stays behind the app in front unless we step forward.
    if (process.platform === 'darwin') app.focus({ steal: true });
    if (open !== null && open.accountId === account.id && signInOpenAction(!open.window.isDestroyed()) === 'focus') {
      open.window.show();
      open.window.focus();
      return open.result;
    }
    // Another account's window still open: it is closed (its sign-in ends as "not signed in").
    if (open !== null && !open.window.isDestroyed()) open.window.close();
    // Each account's own browser storage: the first keeps the partition it always had.
    const session = electronSession.fromPartition(perAccountName(SIGN_IN_PARTITION, account.id));
    session.setUserAgent(browserUserAgent(session.getUserAgent()));
    const consoleUrl = externalUrl('usage-dashboard', account.region);
    const window = new BrowserWindow({
      width: 1000,
      height: 760,
      title: t(deps.locale(), 'web.signIn'),
      autoHideMenuBar: true,
      webPreferences: signInWebPreferences(session),
    });
    allowLoginPopups(window.webContents, session);
    const result = watchForSession(window, session, new URL(consoleUrl).origin, () => deps.now());
    // A page that fails to load shows Chromium's error page; closing the window answers null.
    void window.loadURL(consoleUrl).catch(() => undefined);
    open = { accountId: account.id, window, result };
    return result;
  };
}

function watchForSession(window: BrowserWindow, session: Session, origin: string, now: () => number): Promise<CapturedWebSession | null> {
  const contents = window.webContents;
  return new Promise((resolve) => {
    let phase: SignInPhase = 'waiting';
    const dispatch = (event: SignInEvent): void => {
      const step = signInStep(phase, event);
      phase = step.phase;
      if (step.settle !== undefined) {
        clearInterval(timer);
        resolve(step.settle);
      }
      if (step.closeWindow && !window.isDestroyed()) window.close();
      if (step.check && !contents.isDestroyed()) {
        void readSession(contents, session, origin, now)
          .catch(() => null)
          .then((captured) => dispatch({ type: 'read', captured }));
      }
    };
    const timer = setInterval(() => dispatch({ type: 'poll' }), POLL_MS);
    contents.on('did-finish-load', () => dispatch({ type: 'page-loaded' }));
    contents.on('did-navigate-in-page', () => dispatch({ type: 'page-loaded' }));
    window.once('closed', () => dispatch({ type: 'window-closed' }));
  });
}

async function readSession(contents: WebContents, session: Session, origin: string, now: () => number): Promise<CapturedWebSession | null> {
  const [cookie] = await session.cookies.get({ url: origin, name: WEB_AUTH_COOKIE });
  const storage: unknown = mayReadSiteStorage(contents.getURL(), origin) ? await contents.executeJavaScript(STORAGE_TOKENS_SCRIPT) : null;
  return captureWebSession({ cookie: cookie?.value ?? null, storage, now: now() });
}

/** A login may open its identity provider in a popup: allowed for https, as another window
 *  of the same locked-down sign-in browser. */
function allowLoginPopups(contents: WebContents, session: Session): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (!signInMayNavigate(url)) return { action: 'deny' };
    const options: BrowserWindowConstructorOptions = { width: 520, height: 680, autoHideMenuBar: true, webPreferences: signInWebPreferences(session) };
    return {
      action: 'allow',
      overrideBrowserWindowOptions: options,
      // Electron hands in the options with ours laid over them; they must be used as given.
      createWindow: (merged) => {
        const popup = new BrowserWindow(merged);
        registerContents(popup.webContents, 'sign-in');
        allowLoginPopups(popup.webContents, session);
        return popup.webContents;
      },
    };
  });
  registerContents(contents, 'sign-in');
}
