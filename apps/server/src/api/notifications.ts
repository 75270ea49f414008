import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '@tingsted/platform';
import { notificationContracts as c, presentNotification } from '@tingsted/platform/notifications';
import { contractSchema } from './contract-route.ts';
import { errorResponses, requireUser } from './shared.ts';

/** One's own notifications, in the request's language, as the notifications page shows them. */
export const notificationRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (api, { platform }) => {
  const tags = ['My account'];

  api.get('/notifications', { schema: contractSchema(c.listNotifications, { tags, path: [], method: 'GET' }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const [list, unread] = await Promise.all([platform.notifications.listFor(user, request.ctx.locale), platform.notifications.unreadCount(user)]);
    return { notifications: list.map(presentNotification), unread };
  });

  api.get(
    '/notifications/export',
    { schema: { tags, summary: 'My notifications as CSV, newest first, in my language: when, what happened, the quoted answer or reason, the link, read or not', response: errorResponses } },
    async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      const csv = await platform.notifications.exportCsv(user, request.ctx.locale);
      return reply.header('content-disposition', 'attachment; filename="notifications.csv"').header('cache-control', 'no-store').type('text/csv; charset=utf-8').send(csv as never);
    },
  );

  api.post('/notifications/read', { schema: contractSchema(c.markNotificationsRead, { tags, path: [] }) }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    await platform.notifications.markAllRead(user);
    return { ok: true as const };
  });
};
