import { describe, expect, test } from 'vitest';
import { browserShellPorts } from '../../src/main/preview/browser-shell.js';

describe('browser shell ports', () => {
  test('links go to the opener, notifications and launch-at-login become printed lines, web sign-in is refused', async () => {
    const opened: string[] = [];
    const lines: string[] = [];
    let quit = 0;
    const shell = browserShellPorts({ openUrl: async (url) => void opened.push(url), quit: () => void (quit += 1), log: (line) => void lines.push(line) });
    await shell.openUrl('https://www.kimi.com/code/console');
    shell.notify({ kind: 'threshold', windowId: '5h', windowTitle: '5-hour', threshold: 20, leftPercent: 19.6, resetsAt: null });
    shell.setLaunchAtLogin(true);
    shell.quit();
    expect(opened).toEqual(['https://www.kimi.com/code/console']);
    expect(lines).toEqual(['notification: 5-hour is down to 20% left', 'launch at login on (applies in the desktop app only)']);
    expect(quit).toBe(1);
    await expect(shell.signInWeb()).rejects.toMatchObject({ code: 'usage', message: expect.stringContaining('needs the desktop app') });
  });
});
