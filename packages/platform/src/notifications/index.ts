// The notifications module's public entry point: the apps import from here, never the module's inner files.
export { notificationContracts, NotificationSchema } from './notifications.contract.ts';
export { notificationKinds, renderNotification, firstLines, statusName, type RenderedNotification, type StatusLabels } from './render.ts';
export { presentNotification } from './notifications.presenter.ts';
export type { NotificationKind, NotificationView, NotificationsService } from './notifications.service.ts';
