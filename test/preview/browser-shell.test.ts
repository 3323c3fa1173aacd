import { describe, expect, test } from 'vitest';
import { settingsNoticeText } from '../../src/main/core/app/notification-text.js';
import type { SettingsNotice } from '../../src/main/core/settings/settings-store.js';
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
    expect(lines).toEqual(['notification: 5-hour: 20% left — Below your 20% warning.', 'launch at login on (applies in the desktop app only)']);
    expect(quit).toBe(1);
    await expect(shell.signInWeb({ id: 'main', region: 'kimi.com' })).rejects.toMatchObject({ code: 'usage', message: expect.stringContaining('needs the desktop app') as unknown });
  });
});

describe('browser shell notifications', () => {
  const T0 = Date.parse('2026-11-24T10:00:00.000Z');
  const print = (locale: 'en' | 'zh-CN') => {
    const lines: string[] = [];
    const shell = browserShellPorts({ openUrl: async () => undefined, quit: () => undefined, log: (line) => void lines.push(line), locale: () => locale, now: () => T0 });
    shell.notify({ kind: 'threshold', windowId: '5h', windowTitle: '5-hour', threshold: 20, leftPercent: 0.4, resetsAt: new Date(T0 + 95 * 60_000).toISOString() });
    shell.notify({ kind: 'depleted', windowId: 'weekly', windowTitle: 'Weekly', resetsAt: null });
    return lines;
  };

  test('print the desktop notification’s own words, rounding and language, at the app’s time', () => {
    expect(print('en')).toEqual(['notification: 5-hour: 1% left — Below your 20% warning. Resets in 1h 35m', 'notification: Weekly limit used up']);
    expect(print('zh-CN')).toEqual(['notification: 5 小时：剩余 1% — 已低于 20% 提醒线。1 小时 35 分钟后重置', 'notification: 每周额度已用完']);
  });
});

describe('browser shell settings notices', () => {
  const notices: readonly SettingsNotice[] = [
    { reason: 'corrupt', path: '/cfg/config.json', backupPath: '/cfg/config.json.bak-1', message: 'english detail' },
    { reason: 'unreadable', path: '/cfg/config.json', backupPath: null, message: 'english detail' },
  ];

  test.each(['en', 'zh-CN'] as const)('print the desktop notification’s words for a file moved aside and one left unreadable (%s)', (locale) => {
    const lines: string[] = [];
    const shell = browserShellPorts({ openUrl: async () => undefined, quit: () => undefined, log: (line) => void lines.push(line), locale: () => locale });
    for (const notice of notices) shell.notifySettings(notice);
    expect(lines).toEqual(notices.map((notice) => {
      const { title, body } = settingsNoticeText(notice, locale);
      return `notification: ${title} — ${body}`;
    }));
    expect(lines[0]).toContain(locale === 'en' ? 'KimiBar settings were reset' : 'KimiBar 设置已重置');
    expect(lines[1]).toContain(locale === 'en' ? 'KimiBar cannot read its settings' : 'KimiBar 无法读取设置');
  });
});
