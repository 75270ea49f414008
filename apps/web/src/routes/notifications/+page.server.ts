import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/session';
import { formatDate } from '$lib/server/present';
import { formFailure, readForm } from '$lib/server/forms';
import { notificationContracts, presentNotification } from '@tingsted/platform/notifications';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const list = await locals.platform.notifications.listFor(user, locals.ctx.locale);
  // As the API shows them, with the date in the reader's language.
  return { notifications: list.map(presentNotification).map((n) => ({ ...n, date: formatDate(n.createdAt.slice(0, 10), locals.ctx.locale) })) };
};

export const actions: Actions = {
  read: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const input = readForm(notificationContracts.markNotificationsRead, await request.formData());
    if (!input.ok) return formFailure(locals, input);
    await locals.platform.notifications.markAllRead(user);
    return {};
  },
};
