import { describe, expect, it } from 'vitest';
import type { NotificationDecision } from '../../../src/main/core/app/notifications.js';
import { notificationText, settingsNoticeText } from '../../../src/main/core/app/notification-text.js';
import type { SettingsNotice } from '../../../src/main/core/settings/settings-store.js';
import { MIN, T0 } from './fixtures.js';

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

  it('names the account first when the app has several, in either language', () => {
    const decision: NotificationDecision = { kind: 'threshold', windowId: '5h', windowTitle: '5-hour', threshold: 20, leftPercent: 18.6, resetsAt: null };
    expect(notificationText(decision, 'en', T0, 'Work')).toEqual({ title: 'Work · 5-hour: 19% left', body: 'Below your 20% warning.' });
    expect(notificationText(decision, 'zh-CN', T0, '工作').title).toBe('工作 · 5 小时：剩余 19%');
    const failing = notificationText({ kind: 'refresh-failing', error: { code: 'network', message: 'x', action: null }, failures: 3 }, 'en', T0, 'Home');
    expect(failing.title).toBe('Home · KimiBar cannot refresh usage');
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

  it('names the share left as the tray and the popover do: nearly nothing left is "1%", never "0%"', () => {
    const threshold = (leftPercent: number): NotificationDecision => ({ kind: 'threshold', windowId: '5h', windowTitle: '5-hour', threshold: 20, leftPercent, resetsAt: null });
    expect(notificationText(threshold(0.4), 'en', T0).title).toBe('5-hour: 1% left');
    expect(notificationText(threshold(19.6), 'en', T0)).toEqual({ title: '5-hour: 20% left', body: 'Below your 20% warning.' });
    expect(notificationText({ kind: 'restored', windowId: 'weekly', windowTitle: 'Weekly', leftPercent: 99.7 }, 'en', T0).body).toBe('99% left');
    expect(notificationText({ kind: 'restored', windowId: 'weekly', windowTitle: 'Weekly', leftPercent: 0.2 }, 'zh-CN', T0).body).toBe('剩余 1%');
  });

  it('joins a Chinese body’s sentences without a space', () => {
    const decision: NotificationDecision = { kind: 'threshold', windowId: 'weekly', windowTitle: 'Weekly', threshold: 50, leftPercent: 42, resetsAt: at(T0 + 2 * 1440 * MIN) };
    expect(notificationText(decision, 'zh-CN', T0)).toEqual({ title: '每周：剩余 42%', body: '已低于 50% 提醒线。2 天后重置' });
  });

  it('takes window names from the catalog, not the English titles the core carries', () => {
    const text = notificationText({ kind: 'depleted', windowId: '5h', windowTitle: '5-hour', resetsAt: at(T0 - MIN) }, 'zh-CN', T0);
    expect(text.title).toBe('5 小时额度已用完');
    expect(text.body).toBe('即将重置');
  });
});

describe('settingsNoticeText', () => {
  const FILE = '/cfg/config.json';
  const BACKUP = '/cfg/config.json.bak-2026';
  const movedAside: SettingsNotice = { reason: 'corrupt', path: FILE, backupPath: BACKUP, message: 'english detail' };
  const unreadable: SettingsNotice = { reason: 'unreadable', path: FILE, backupPath: null, message: 'english detail' };
  const stuck: SettingsNotice = { reason: 'invalid', path: FILE, backupPath: null, message: 'english detail' };

  it('a file moved aside: the settings were reset, why, and where the old file is', () => {
    expect(settingsNoticeText(movedAside, 'en')).toEqual({
      title: 'KimiBar settings were reset',
      body: 'The settings file was damaged, so defaults are in use. The old file was kept as /cfg/config.json.bak-2026.',
    });
    expect(settingsNoticeText(movedAside, 'zh-CN')).toEqual({
      title: 'KimiBar 设置已重置',
      body: '设置文件已损坏，已改用默认设置。原文件已保留为 /cfg/config.json.bak-2026。',
    });
    expect(settingsNoticeText({ ...movedAside, reason: 'unknown-version' }, 'en').body).toBe(
      'The settings file is from a different KimiBar version, so defaults are in use. The old file was kept as /cfg/config.json.bak-2026.',
    );
  });

  it('an unreadable file left in place: not "reset", names the file and says changes are not saved', () => {
    expect(settingsNoticeText(unreadable, 'en')).toEqual({
      title: 'KimiBar cannot read its settings',
      body: 'KimiBar cannot read /cfg/config.json, so defaults are in use for now. It was left as it is; changes are not saved until it can be read.',
    });
    expect(settingsNoticeText(unreadable, 'zh-CN')).toEqual({
      title: 'KimiBar 无法读取设置',
      body: 'KimiBar 无法读取 /cfg/config.json，暂时使用默认设置。该文件保持原样；在能够读取它之前，更改不会被保存。',
    });
  });

  it('a bad file that could not be moved aside: not "reset", says why, names it, in the reader’s language', () => {
    expect(settingsNoticeText(stuck, 'en')).toEqual({
      title: 'KimiBar cannot use its settings file',
      body: 'The settings file /cfg/config.json had invalid settings and could not be moved aside, so defaults are in use for now. It was left as it is; changes are not saved until it is fixed or removed.',
    });
    expect(settingsNoticeText(stuck, 'zh-CN')).toEqual({
      title: 'KimiBar 无法使用设置文件',
      body: '设置文件 /cfg/config.json 包含无效设置，且无法移到别处，暂时使用默认设置。该文件保持原样；在修复或删除它之前，更改不会被保存。',
    });
  });

  it('never words a notice with the store’s English detail', () => {
    for (const notice of [movedAside, unreadable, stuck]) {
      for (const locale of ['en', 'zh-CN'] as const) expect(JSON.stringify(settingsNoticeText(notice, locale))).not.toContain('english detail');
    }
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
