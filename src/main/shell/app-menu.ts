// The application menu. KimiBar shows no menu bar of its own, but on macOS the menu is what
// makes ⌘C/⌘V/⌘A, ⌘W and ⌘Q work in its windows. Electron's default menu is replaced because
// it would add Reload (⌘R, which the popover uses for Refresh) and the developer tools.
import { Menu } from 'electron';

export function installAppMenu(platform: NodeJS.Platform): void {
  if (platform !== 'darwin') {
    Menu.setApplicationMenu(null);
    return;
  }
  Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]));
}
