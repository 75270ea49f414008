import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { accountContracts } from '@tingsted/platform/accounts';
import { safeReturnTo } from '$lib/server/session';

export const load: PageServerLoad = ({ locals, url }) => {
  const returnTo = url.searchParams.get('returnTo');
  if (locals.ctx.user) redirect(303, returnTo ? safeReturnTo(returnTo) : '/account');
  // Where the person was going (an invitation, a panel): the sign-in link after registering leads back there.
  return { returnTo: returnTo ? safeReturnTo(returnTo) : null };
};

export const actions: Actions = {
  default: async ({ request, locals, getClientAddress }) => {
    const form = await request.formData();
    const values = { email: text(form, 'email'), displayName: text(form, 'displayName') };
    // Per person (the address typed) and, loosely, per network address: a town hall shares one address.
    const limited = await locals.platform.accounts.checkRateLimit('registerAddress', getClientAddress());
    if (!limited.ok) return formFailure(locals, limited, values);
    const perPerson = await locals.platform.accounts.checkRateLimit('register', values.email.trim().toLowerCase());
    if (!perPerson.ok) return formFailure(locals, perPerson, values);
    const input = readForm(accountContracts.register, form, { locale: locals.ctx.locale });
    const result = input.ok ? await locals.platform.accounts.register(input.value) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { done: locals.t('register.done', { email: values.email.trim() }) };
  },
};
