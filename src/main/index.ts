// The Electron entry: one instance, no Dock icon; at ready it builds the core (settings in
// electron-store, secrets in the keychain), serves it over IPC, and connects it to the tray,
// the popover, the windows and the OS (sleep, network). Decisions live in the core; this
// file only wires them. Started by resources/bin/kimibar, it is the `kimibar` command instead.
import { app, dialog, net, screen, shell as electronShell } from 'electron';
import ElectronStore from 'electron-store';
import type { Locale } from '../shared/i18n/index.js';
import { resolveLocale, t } from '../shared/i18n/index.js';
import { systemTimers } from './core/app/timers.js';
import { isKimiError, redactSecrets } from './core/errors.js';
import { createRuntime } from './core/runtime.js';
import { createTransport } from './core/kimi/transport.js';
import type { ShellPorts } from './core/service/shell-ports.js';
import { createAppCore } from './core/service/app-core.js';
import { APP_VERSION } from './core/version.js';
import { inAppCliArgs, runInAppCli } from './cli/in-app.js';
import { installAppMenu } from './shell/app-menu.js';
import { registerAppScheme, serveAppScheme } from './shell/app-scheme.js';
import { openExternalChecked } from './shell/external-links.js';
import { installHardening } from './shell/hardening.js';
import { serveIpc } from './shell/ipc.js';
import { setLaunchAtLogin } from './shell/login-item.js';
import { showNotificationText, showNotification } from './shell/notifications.js';
import { settingsNoticeText } from './core/app/notification-text.js';
import { createPopover, fitPopover } from './shell/popover.js';
import { createSettingsWindow } from './shell/settings-window.js';
import { watchSystem } from './shell/system-watch.js';
import { createAppTray } from './shell/tray.js';
import { trayRedrawFor } from './shell/tray-menu.js';
import { launchView, trayIsHidden } from './shell/tray-visibility.js';
import { createWebSignIn } from './shell/web-sign-in.js';

async function launch(): Promise<void> {
  const platform = process.platform;
  const devTools = !app.isPackaged;
  // A menu-bar app: no Dock icon. The packaged app says so in its Info.plist (LSUIElement,
  // electron-builder.yml), so neither it nor the `kimibar` command run through its binary ever
  // shows one, not even before this code runs. `npm start` runs Electron's own bundle, whose
  // Info.plist is Electron's: there, and only there, the icon is hidden here.
  if (!app.isPackaged) app.dock?.hide();
  serveAppScheme();
  installAppMenu(platform);

  const runtime = await createRuntime({
    env: process.env,
    platform,
    home: app.getPath('home'),
    appVersion: APP_VERSION,
    settingsBackend: ({ cwd, name }) => new ElectronStore<Record<string, unknown>>({ cwd, name }),
    // Chromium's network stack: the system proxy, PAC files and the OS trust store, which
    // people behind corporate proxies (and in mainland China) need. Same rules as the CLI's.
    transport: createTransport({ fetch: (url, init) => net.fetch(url, init) }),
  });
  const locale = (): Locale => resolveLocale(runtime.settings.get().general.language, app.getPreferredSystemLanguages());
  const now = (): number => runtime.clock.now();

  const settingsWindow = createSettingsWindow({ devTools, locale });
  let showPopover = (): void => undefined;
  let popoverWindow: { fit(height: number): void; close(): void } = { fit: () => undefined, close: () => undefined };
  const shell: ShellPorts = {
    openUrl: openExternalChecked,
    openSettings: (pane) => settingsWindow.open(pane),
    fitPopover: (height) => popoverWindow.fit(height),
    closePopover: () => popoverWindow.close(),
    quit: () => app.quit(),
    signInWeb: createWebSignIn({ locale, now }),
    notify: (decision, account) => showNotification(decision, locale(), now(), () => showPopover(), account),
    notifySettings: (notice) => showNotificationText(settingsNoticeText(notice, locale()), () => settingsWindow.open('general')),
    setLaunchAtLogin,
    showFile: (path) => electronShell.showItemInFolder(path),
  };
  const core = createAppCore({ runtime, shell, timers: systemTimers });
  const stopIpc = serveIpc(core);

  const tray = createAppTray({
    platform,
    getState: () => core.controller.trayAccount().state,
    accountName: () => core.controller.trayAccount().name,
    getSettings: () => runtime.settings.get(),
    locale,
    now,
    actions: {
      showPopover: () => showPopover(),
      refresh: () => void core.controller.refresh('manual'),
      openSettings: () => shell.openSettings('kimi'),
      quit: () => app.quit(),
    },
  });
  const stopTray = core.subscribe((event) => {
    const redraw = trayRedrawFor(event);
    if (redraw === 'all') tray.update();
    else if (redraw === 'text') tray.updateText();
  });
  /** Started, or started again while running: the popover, or Settings when the icon is hidden. */
  const showOnLaunch = (relaunch: boolean): void => {
    const hidden = trayIsHidden(platform, tray.tray.getBounds(), screen.getAllDisplays().map((display) => display.bounds));
    const view = launchView({ hidden, relaunch });
    if (view === null) return;
    if (view.kind === 'popover') {
      showPopover();
      return;
    }
    shell.openSettings(view.pane);
    showNotificationText({ title: 'KimiBar', body: t(locale(), view.explain) }, () => shell.openSettings(view.pane));
  };
  const popover = createPopover({
    tray: tray.tray,
    platform,
    devTools,
    onVisibleChange: (visible) => core.controller.setPopoverVisible(visible),
    onReady: () => {
      tray.updateText();
      // Checked once the tray is set up and placed, not while the menu bar may still lay it out.
      showOnLaunch(false);
    },
  });
  showPopover = () => void popover.showWindow();
  popoverWindow = { fit: (height) => fitPopover(popover, height), close: () => popover.hideWindow() };
  app.on('second-instance', () => showOnLaunch(true));

  if (app.isPackaged) syncLaunchAtLogin(runtime.settings.get().general.launchAtLogin);
  const stopSystemWatch = watchSystem(core.controller);
  core.controller.start();

  app.once('will-quit', () => {
    stopSystemWatch();
    stopTray();
    stopIpc();
    tray.dispose();
    core.dispose();
  });
}

/** The OS may have changed the login item behind our back; the setting is what counts. A
 *  failure here (an unwritable autostart folder) must not stop the app from starting. */
function syncLaunchAtLogin(enabled: boolean): void {
  try {
    setLaunchAtLogin(enabled);
  } catch (error) {
    console.error(`KimiBar: could not update launch at login: ${redactSecrets(String(error))}`);
  }
}

const cliArgs = inAppCliArgs(process.argv);
if (cliArgs !== null) {
  // The `kimibar` command shipped inside the app: no lock (the app may be running), no window,
  // no tray; the CLI keeps Node's transport.
  void runInAppCli(cliArgs, (code) => app.exit(code));
} else if (app.requestSingleInstanceLock()) {
  registerAppScheme();
  installHardening();
  // A menu-bar app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(launch)
    .catch((error: unknown) => {
      // KimiError messages are secret-free by construction; other text is redacted first.
      console.error(`KimiBar could not start: ${redactSecrets(String(error))}`);
      dialog.showErrorBox('KimiBar', isKimiError(error) ? error.message : 'KimiBar could not start.');
      app.exit(1);
    });
} else {
  app.quit();
}
