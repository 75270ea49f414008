import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';

export const load: PageServerLoad = ({ locals }) => {
  if (locals.ctx.user) redirect(303, '/account');
  return {};
};

export const actions: Actions = {
  default: async ({ request, locals, getClientAddress }) => {
    const form = await request.formData();
    const values = { email: text(form, 'email'), displayName: text(form, 'displayName') };
    const limited = await locals.platform.accounts.checkRateLimit('register', getClientAddress());
    if (!limited.ok) return formFailure(locals, limited, values);
    const result = await locals.platform.accounts.register({ ...values, password: text(form, 'password'), locale: locals.ctx.locale });
    if (!result.ok) return formFailure(locals, result, values);
    return { done: locals.t('register.done', { email: values.email.trim() }) };
  },
};
