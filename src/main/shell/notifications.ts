// Shows the controller's notification decisions as system notifications, in the reader's
// language. A click opens the popover.
import { Notification } from 'electron';
import type { Locale } from '../../shared/i18n/index.js';
import type { NotificationDecision } from '../core/app/notifications.js';
import type { NotificationText } from '../core/app/notification-text.js';
import { notificationText } from '../core/app/notification-text.js';

/** Shown notifications are kept until they close, so their click handler is not collected. */
const shown = new Set<Notification>();

export function showNotification(decision: NotificationDecision, locale: Locale, now: number, onClick: () => void, account?: string): void {
  showNotificationText(notificationText(decision, locale, now, account), onClick);
}

export function showNotificationText(text: NotificationText, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification(text);
  shown.add(notification);
  notification.on('click', onClick);
  notification.on('close', () => shown.delete(notification));
  notification.show();
}
