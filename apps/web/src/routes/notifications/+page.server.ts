import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/session';
import { formatDate } from '$lib/server/present';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const list = await locals.platform.notifications.listFor(user, locals.ctx.locale);
  return { notifications: list.map((n) => ({ ...n, date: formatDate(n.createdAt.toISOString().slice(0, 10), locals.ctx.locale) })) };
};

export const actions: Actions = {
  read: async ({ locals, url }) => {
    const user = requireUser(locals, url);
    await locals.platform.notifications.markAllRead(user);
    return {};
  },
};
