import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm } from '$lib/server/forms';
import { accountContracts } from '@tingsted/platform/accounts';

// The link only opens this page; the address is confirmed by pressing the button, so mail scanners
// that follow links cannot use the token up.
export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async ({ request, locals }) => {
    const form = await request.formData();
    const input = readForm(accountContracts.verifyEmail, form);
    const result = input.ok ? await locals.platform.accounts.verifyEmail(input.value.token) : input;
    if (!result.ok) return formFailure(locals, result);
    return { done: locals.t('verify.ok') };
  },
};
