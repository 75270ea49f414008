import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { clearSession } from '$lib/server/session';

export const load = () => redirect(303, '/');

export const actions: Actions = {
  default: async ({ locals, cookies }) => {
    await locals.platform.accounts.signOut(locals.ctx.sessionToken);
    clearSession(cookies, locals.ctx.production);
    redirect(303, '/');
  },
};
