import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';
import { setSession } from '$lib/server/session';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  request: async ({ request, locals, getClientAddress }) => {
    const form = await request.formData();
    const values = { email: text(form, 'email') };
    const limited = await locals.platform.accounts.checkRateLimit('signIn', getClientAddress());
    if (!limited.ok) return formFailure(locals, limited, values);
    const result = await locals.platform.accounts.requestMagicLink(values.email);
    if (!result.ok) return formFailure(locals, result, values);
    return { sent: locals.t('magic.sent') };
  },
  confirm: async ({ request, locals, cookies }) => {
    const form = await request.formData();
    const result = await locals.platform.accounts.signInWithMagicLink(text(form, 'token'));
    if (!result.ok) return formFailure(locals, result);
    setSession(cookies, locals.ctx.production, result.value.token, result.value.expiresAt);
    redirect(303, '/');
  },
};
