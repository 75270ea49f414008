import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await locals.platform.accounts.resetPassword({ token: text(form, 'token'), password: text(form, 'password') });
    if (!result.ok) return formFailure(locals, result);
    redirect(303, '/sign-in?reset=done');
  },
};
