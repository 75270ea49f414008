import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { accountContracts } from '@tingsted/platform/accounts';
import { setSession } from '$lib/server/session';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  request: async ({ request, locals, getClientAddress }) => {
    const form = await request.formData();
    const values = { email: text(form, 'email') };
    const limited = await locals.platform.accounts.checkRateLimit('signIn', getClientAddress());
    if (!limited.ok) return formFailure(locals, limited, values);
    const input = readForm(accountContracts.requestMagicLink, form);
    const result = input.ok ? await locals.platform.accounts.requestMagicLink(input.value.email) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { sent: locals.t('magic.sent') };
  },
  confirm: async ({ request, locals, cookies }) => {
    const form = await request.formData();
    const input = readForm(accountContracts.signInWithMagicLink, form);
    const result = input.ok ? await locals.platform.accounts.signInWithMagicLink(input.value.token) : input;
    if (!result.ok) return formFailure(locals, result);
    setSession(cookies, locals.ctx.production, result.value.token, result.value.expiresAt);
    redirect(303, '/');
  },
};
