import type { NotificationView } from './notifications.service.ts';

/** A notification as the API and the list page show it (`NotificationSchema`): its date as ISO text. */
export function presentNotification(notification: NotificationView) {
  return {
    id: notification.id,
    kind: notification.kind,
    text: notification.text,
    quote: notification.quote,
    link: notification.link,
    createdAt: notification.createdAt.toISOString(),
    read: notification.read,
  };
}
