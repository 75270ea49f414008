import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { roles } from '@tingsted/platform/accounts';
import { formFailure, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const search = url.searchParams.get('q') ?? '';
  const result = await locals.platform.accounts.listUsers(user, { search });
  if (!result.ok) error(403, { message: 'Forbidden' });
  return {
    search,
    roles: [...roles],
    users: result.value.map((u) => ({ id: u.id, email: u.email, displayName: u.display_name, roles: u.roles })),
  };
};

export const actions: Actions = {
  roles: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const userId = text(form, 'userId');
    const result = await locals.platform.accounts.assignRoles(user, userId, form.getAll('roles'));
    if (!result.ok) return formFailure(locals, result, { userId });
    return { saved: locals.t('admin.rolesSaved', { name: text(form, 'displayName') }) };
  },
};
