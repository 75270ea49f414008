import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { accountContracts } from '@tingsted/platform/accounts';
import { safeReturnTo, setSession } from '$lib/server/session';
import { isMessageKey } from '$lib/i18n/translate.server';

export const load: PageServerLoad = ({ locals, url }) => {
  if (locals.ctx.user) redirect(303, safeReturnTo(url.searchParams.get('returnTo')));
  const code = url.searchParams.get('error');
  const key = code ? `error.${code}` : '';
  return {
    returnTo: safeReturnTo(url.searchParams.get('returnTo')),
    notice: url.searchParams.get('reset') === 'done' ? locals.t('reset.done') : null,
    problem: isMessageKey(key) ? { message: locals.t(key, { seconds: 60, id: '' }), fields: {} } : null,
  };
};

export const actions: Actions = {
  default: async ({ request, locals, cookies, getClientAddress }) => {
    const form = await request.formData();
    const values = { email: text(form, 'email') };
    const limited = await locals.platform.accounts.checkRateLimit('signIn', getClientAddress());
    if (!limited.ok) return formFailure(locals, limited, values);
    const input = readForm(accountContracts.signIn, form);
    const result = input.ok ? await locals.platform.accounts.signIn(input.value) : input;
    if (!result.ok) {
      // Name both fields: saying which one was wrong would reveal whether the address has an account.
      const fields = result.code === 'InvalidCredentials' ? [{ field: 'email', message: 'error.InvalidCredentials' }] : result.fields;
      return formFailure(locals, { ...result, ...(fields ? { fields } : {}) }, values);
    }
    setSession(cookies, locals.ctx.production, result.value.token, result.value.expiresAt);
    redirect(303, safeReturnTo(text(form, 'returnTo')));
  },
};
