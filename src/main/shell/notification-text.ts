// Words a notification decision in the reader's language (the controller decides what to
// announce, with data only). Window names come from the catalog by id, not from the core's
// English titles.
import type { Locale } from '../../shared/i18n/index.js';
import { errorText, formatDuration, t } from '../../shared/i18n/index.js';
import type { WindowId } from '../../shared/usage.js';
import type { NotificationDecision } from '../core/app/notifications.js';
import type { HistoryNoticeReason } from '../core/history/notice.js';
import type { SettingsNotice } from '../core/settings/settings-store.js';

export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

export function notificationText(decision: NotificationDecision, locale: Locale, now: number): NotificationText {
  const windowName = (id: WindowId): string => t(locale, `window.${id}`);
  const resetText = (resetsAt: string | null): string => {
    if (resetsAt === null) return '';
    const at = Date.parse(resetsAt);
    return at <= now ? t(locale, 'reset.now') : t(locale, 'reset.in', { duration: formatDuration(locale, at - now) });
  };
  const percent = (value: number): number => Math.round(Math.min(100, Math.max(0, value)));

  switch (decision.kind) {
    case 'threshold':
      return {
        title: t(locale, 'notify.threshold.title', { window: windowName(decision.windowId), percent: percent(decision.leftPercent) }),
        body: joinSentences(t(locale, 'notify.threshold.body', { threshold: decision.threshold }), resetText(decision.resetsAt)),
      };
    case 'depleted':
      return { title: t(locale, 'notify.depleted.title', { window: windowName(decision.windowId) }), body: resetText(decision.resetsAt) };
    case 'restored':
      return {
        title: t(locale, 'notify.restored.title', { window: windowName(decision.windowId) }),
        body: t(locale, 'percent.left', { percent: percent(decision.leftPercent) }),
      };
    case 'reset-reminder':
      return { title: t(locale, 'notify.reminder.title', { window: windowName(decision.windowId) }), body: resetText(decision.resetsAt) };
    case 'refresh-failing':
      return {
        title: t(locale, 'notify.failing.title'),
        body: t(locale, 'notify.failing.body', { n: decision.failures, error: errorText(locale, decision.error) }),
      };
    case 'history':
      return historyText(decision.reason, decision.backupPath, locale);
  }
}

/** History trouble: what happened to the file and what that means for the charts. */
function historyText(reason: HistoryNoticeReason, backupPath: string | null, locale: Locale): NotificationText {
  switch (reason) {
    case 'corrupt':
      return {
        title: t(locale, 'notify.history.reset.title'),
        body: backupPath === null ? t(locale, 'notify.history.reset.body.lost') : t(locale, 'notify.history.reset.body', { path: backupPath }),
      };
    case 'newer-version':
      return { title: t(locale, 'notify.history.memory.title'), body: t(locale, 'notify.history.newer.body') };
    case 'unavailable':
      return { title: t(locale, 'notify.history.memory.title'), body: t(locale, 'notify.history.unavailable.body') };
    case 'failed':
      return { title: t(locale, 'notify.history.failed.title'), body: t(locale, 'notify.history.failed.body') };
    case 'read-failed':
      return { title: t(locale, 'notify.history.readFailed.title'), body: t(locale, 'notify.history.readFailed.body') };
  }
}

function joinSentences(first: string, second: string): string {
  return second === '' ? first : `${first} ${second}`;
}

/** A settings file that was moved aside at start-up (SPEC §6): say so once, and where it went. */
export function settingsNoticeText(notice: SettingsNotice, locale: Locale): NotificationText {
  return {
    title: t(locale, 'notify.settingsReset.title'),
    body: notice.backupPath === null ? notice.message : t(locale, 'notify.settingsReset.body', { path: notice.backupPath }),
  };
}
