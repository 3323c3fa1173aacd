// "Launch at login": a login item on macOS, an XDG autostart entry on Linux.
import { app } from 'electron';
import { autostartPath, setLinuxAutostart } from './autostart.js';

export function setLaunchAtLogin(enabled: boolean): void {
  if (process.platform === 'linux') {
    setLinuxAutostart(autostartPath(process.env, app.getPath('home')), enabled, launchCommand());
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled });
}

/** An AppImage runs from a temporary mount: start the image file itself, not the mount. */
function launchCommand(): string[] {
  const appImage = process.env.APPIMAGE;
  if (appImage) return [appImage];
  return app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
}
