import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { accountContracts, presentUser, roles } from '@tingsted/platform/accounts';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireUser(locals, url);
  const search = url.searchParams.get('q') ?? '';
  const result = await locals.platform.accounts.listUsers(user, { search });
  if (!result.ok) error(403, { message: 'Forbidden' });
  return {
    search,
    roles: [...roles],
    users: result.value.map(presentUser),
  };
};

export const actions: Actions = {
  roles: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const userId = text(form, 'userId');
    const input = readForm(accountContracts.assignRoles, form, { id: userId });
    const result = input.ok ? await locals.platform.accounts.assignRoles(user, input.value.id, input.value.roles) : input;
    if (!result.ok) return formFailure(locals, result, { userId, displayName: text(form, 'displayName') });
    return { saved: locals.t('admin.rolesSaved', { name: text(form, 'displayName') }) };
  },
};
