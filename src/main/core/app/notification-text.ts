// What a notification says, in the reader's language: the controller decides what to announce
// (with data only), this words it, and a shell (Electron's notifications, the preview's printed
// lines) only shows the result. Percent and reset texts come from shared/format, so a
// notification names the same share as the tray and the popover; window names come from the
// catalog by id, not from the core's English titles.
import { percentText, resetText, wholePercent, windowTitle } from '../../../shared/format/index.js';
import type { Locale } from '../../../shared/i18n/index.js';
import { errorText, t } from '../../../shared/i18n/index.js';
import type { HistoryNoticeReason } from '../history/notice.js';
import type { SettingsNotice } from '../settings/settings-store.js';
import type { NotificationDecision } from './notifications.js';

export interface NotificationText {
  readonly title: string;
  readonly body: string;
}

/**
 * `account`: the account's name when the app has several, so the title says whose window it
 * is ("Work · 5-hour: 20% left"); absent with one account.
 */
export function notificationText(decision: NotificationDecision, locale: Locale, now: number, account?: string): NotificationText {
  const text = decisionText(decision, locale, now);
  return account === undefined ? text : { ...text, title: t(locale, 'notify.account', { account, title: text.title }) };
}

function decisionText(decision: NotificationDecision, locale: Locale, now: number): NotificationText {
  const reset = (resetsAt: string | null): string => resetText(locale, resetsAt, now) ?? '';
  switch (decision.kind) {
    case 'threshold':
      return {
        title: t(locale, 'notify.threshold.title', { window: windowTitle(locale, decision.windowId), percent: wholePercent(100 - decision.leftPercent, 'left') }),
        body: joinSentences(locale, t(locale, 'notify.threshold.body', { threshold: decision.threshold }), reset(decision.resetsAt)),
      };
    case 'depleted':
      return { title: t(locale, 'notify.depleted.title', { window: windowTitle(locale, decision.windowId) }), body: reset(decision.resetsAt) };
    case 'restored':
      return {
        title: t(locale, 'notify.restored.title', { window: windowTitle(locale, decision.windowId) }),
        body: percentText(locale, 100 - decision.leftPercent, 'left'),
      };
    case 'reset-reminder':
      return { title: t(locale, 'notify.reminder.title', { window: windowTitle(locale, decision.windowId) }), body: reset(decision.resetsAt) };
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

/** Two sentences as the language joins them (Chinese needs no space after "。"). */
function joinSentences(locale: Locale, first: string, second: string): string {
  return second === '' ? first : t(locale, 'notify.sentences', { first, second });
}

/**
 * A settings file KimiBar could not use, said once. Moved aside, the settings are reset and
 * the old file is named; left in place (unreadable, or damaged and not movable), nothing is
 * reset on disk, so the words say defaults are used for now and changes are not saved.
 */
export function settingsNoticeText(notice: SettingsNotice, locale: Locale): NotificationText {
  if (notice.reason === 'unreadable') {
    return { title: t(locale, 'notify.settingsUnreadable.title'), body: t(locale, 'notify.settingsUnreadable.body', { path: notice.path }) };
  }
  const reason = t(locale, `settingsFile.reason.${notice.reason}`);
  if (notice.backupPath === null) {
    return { title: t(locale, 'notify.settingsStuck.title'), body: t(locale, 'notify.settingsStuck.body', { path: notice.path, reason }) };
  }
  return { title: t(locale, 'notify.settingsReset.title'), body: t(locale, 'notify.settingsReset.body', { path: notice.backupPath, reason }) };
}
