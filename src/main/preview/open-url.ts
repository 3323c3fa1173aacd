// Opens a link in the user's browser (or System Settings) from the preview server, the way
// Electron's shell.openExternal does for the app. Only URLs from the contract's allow-list
// reach it; the URL is one argument to the opener, never part of a shell command.
import { spawn } from 'node:child_process';

export function systemUrlOpener(platform: NodeJS.Platform = process.platform): (url: string) => Promise<void> {
  const command = platform === 'darwin' ? 'open' : 'xdg-open';
  return (url) =>
    new Promise((resolve, reject) => {
      const child = spawn(command, [url], { stdio: 'ignore', detached: true });
      child.once('error', reject);
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
}
