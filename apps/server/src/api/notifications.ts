import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { notificationContracts as c, presentNotification } from '@tingsted/platform/notifications';
import { contractSchema } from './contract-route.ts';
import { requireUser } from './shared.ts';

/** One's own notifications, in the request's language, as the notifications page shows them. */
export const notificationRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['My account'];

  api.get('/notifications', { schema: contractSchema(c.listNotifications, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const [list, unread] = await Promise.all([platform.notifications.listFor(user, request.ctx.locale), platform.notifications.unreadCount(user)]);
    return { notifications: list.map(presentNotification), unread };
  });

  api.post('/notifications/read', { schema: contractSchema(c.markNotificationsRead, { tags, path: [] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    await platform.notifications.markAllRead(user);
    return { ok: true as const };
  });
};
