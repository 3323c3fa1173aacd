// "Launch at login": a login item on macOS, an XDG autostart entry on Linux — which one, and
// the command, is decided in autostart.ts; this file only applies it.
import { app } from 'electron';
import { autostartPath, loginItemPlan, setLinuxAutostart } from './autostart.js';

export function setLaunchAtLogin(enabled: boolean): void {
  const plan = loginItemPlan({
    platform: process.platform,
    env: process.env,
    isPackaged: app.isPackaged,
    execPath: process.execPath,
    appPath: app.getAppPath(),
  });
  if (plan.kind === 'xdg-autostart') {
    setLinuxAutostart(autostartPath(process.env, app.getPath('home')), enabled, plan.command);
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled });
}
