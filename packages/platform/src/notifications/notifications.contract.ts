// The contracts of the notifications module's use cases: one's own notifications and marking them read. Shared
// by the /api/v1 routes (apps/server/src/api/notifications.ts) and the notifications page.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Done, oneOf } from '../edge/schemas.ts';
import { notificationKinds } from './render.ts';

/** A notification as the list shows it, its text in the reader's language. */
export const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: oneOf(notificationKinds),
  text: Type.String({ description: 'One sentence naming what happened to what: the idea, project or recommendation by its title, a status by its name' }),
  quote: Type.Union([Type.Object({ label: Type.String(), text: Type.String() }), Type.Null()], {
    description: 'The first lines of the official answer, the reason or the news, with what it is; null when there is none',
  }),
  link: Type.String({ description: 'Where it happened: a path on the site, such as /processes/<slug>/ideas/<id>' }),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
});

/** Notification contracts by use case. */
export const notificationContracts = {
  listNotifications: contract({
    name: 'listNotifications',
    summary: 'My notifications, newest first, in my language, with how many are unread',
    input: Type.Object({}),
    output: Type.Object({ notifications: Type.Array(NotificationSchema), unread: Type.Integer() }),
  }),
  markNotificationsRead: contract({
    name: 'markNotificationsRead',
    summary: 'Mark all my notifications read',
    input: Type.Object({}),
    output: Done,
  }),
};
