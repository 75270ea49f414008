import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/session';
import { formatsOf } from '$lib/format';
import { formFailure, readForm } from '$lib/server/forms';
import { notificationContracts, presentNotification } from '@tingsted/platform/notifications';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const list = await locals.platform.notifications.listFor(user, locals.ctx.locale);
  const f = formatsOf(locals);
  // As the API shows them, with the time in the reader's language and the municipality's time zone.
  return { notifications: list.map(presentNotification).map((n) => ({ ...n, date: f.dateTime(n.createdAt) })) };
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
