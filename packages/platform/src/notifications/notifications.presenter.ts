import type { NotificationView } from './notifications.service.ts';

/** A notification as the API shows it (`NotificationSchema`): its date as ISO text. */
export function presentNotification(notification: NotificationView) {
  return { id: notification.id, kind: notification.kind, text: notification.text, link: notification.link, createdAt: notification.createdAt.toISOString(), read: notification.read };
}
