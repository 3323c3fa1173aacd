import { describe, expect, it } from 'vitest';
import type { NotificationDecision } from '../../src/main/core/app/notifications.js';
import { notificationText, settingsNoticeText } from '../../src/main/shell/notification-text.js';
import { MIN, T0 } from '../core/app/fixtures.js';

const at = (ms: number): string => new Date(ms).toISOString();

describe('notificationText', () => {
  it('words a crossed threshold with the share left and the reset', () => {
    const decision: NotificationDecision = {
      kind: 'threshold',
      windowId: '5h',
      windowTitle: '5-hour',
      threshold: 20,
      leftPercent: 18.6,
      resetsAt: at(T0 + 95 * MIN),
    };
    expect(notificationText(decision, 'en', T0)).toEqual({ title: '5-hour: 19% left', body: 'Below your 20% warning. Resets in 1h 35m' });
  });

  it('words depleted, restored and the pre-reset reminder by window', () => {
    expect(notificationText({ kind: 'depleted', windowId: 'weekly', windowTitle: 'Weekly', resetsAt: at(T0 + 2 * 1440 * MIN) }, 'en', T0)).toEqual({
      title: 'Weekly limit used up',
      body: 'Resets in 2d',
    });
    expect(notificationText({ kind: 'depleted', windowId: 'weekly', windowTitle: 'Weekly', resetsAt: null }, 'en', T0).body).toBe('');
    expect(notificationText({ kind: 'restored', windowId: '5h', windowTitle: '5-hour', leftPercent: 100 }, 'en', T0)).toEqual({
      title: '5-hour limit available again',
      body: '100% left',
    });
    expect(notificationText({ kind: 'reset-reminder', windowId: '5h', windowTitle: '5-hour', resetsAt: at(T0 + 15 * MIN) }, 'en', T0)).toEqual({
      title: '5-hour limit resets soon',
      body: 'Resets in 15m',
    });
  });

  it('words repeated failures with the error in the reader’s language', () => {
    const decision: NotificationDecision = {
      kind: 'refresh-failing',
      error: { code: 'http', message: 'Kimi API error: HTTP 503', action: 'retry' },
      failures: 3,
    };
    expect(notificationText(decision, 'en', T0)).toEqual({ title: 'KimiBar cannot refresh usage', body: 'Failed 3 times in a row: Kimi API error: HTTP 503' });
    const zh = notificationText(decision, 'zh-CN', T0);
    expect(zh.title).toBe('KimiBar 无法刷新用量');
    expect(zh.body).toContain('3');
    expect(zh.body).toContain('HTTP 503');
  });

  it('takes window names from the catalog, not the English titles the core carries', () => {
    const text = notificationText({ kind: 'depleted', windowId: '5h', windowTitle: '5-hour', resetsAt: at(T0 - MIN) }, 'zh-CN', T0);
    expect(text.title).toBe('5 小时额度已用完');
    expect(text.body).toBe('即将重置');
  });
});

describe('settingsNoticeText', () => {
  it('says where the unreadable settings file was kept', () => {
    const notice = { reason: 'corrupt' as const, backupPath: '/cfg/config.json.bak-2026', message: 'english detail' };
    expect(settingsNoticeText(notice, 'en')).toEqual({
      title: 'KimiBar settings were reset',
      body: 'The settings file could not be read, so defaults are in use. The old file was kept as /cfg/config.json.bak-2026.',
    });
    expect(settingsNoticeText(notice, 'zh-CN').body).toContain('/cfg/config.json.bak-2026');
  });

  it('falls back to the store’s own message when the file could not be moved', () => {
    expect(settingsNoticeText({ reason: 'corrupt', backupPath: null, message: 'could not move it' }, 'en').body).toBe('could not move it');
  });
});

describe('history trouble', () => {
  it('says where a damaged history file was kept, and when history is not being saved', () => {
    expect(notificationText({ kind: 'history', reason: 'corrupt', backupPath: '/cfg/history.sqlite.bak-2026' }, 'en', T0)).toEqual({
      title: 'KimiBar usage history was reset',
      body: 'The history file was damaged. It was kept as /cfg/history.sqlite.bak-2026 and a new one was started.',
    });
    expect(notificationText({ kind: 'history', reason: 'unavailable', backupPath: null }, 'en', T0)).toEqual({
      title: 'KimiBar is not saving usage history',
      body: 'The history file cannot be opened. Until KimiBar quits, history is kept in memory only.',
    });
    expect(notificationText({ kind: 'history', reason: 'failed', backupPath: null }, 'zh-CN', T0).title).toBe('部分用量历史未能保存');
  });
});
