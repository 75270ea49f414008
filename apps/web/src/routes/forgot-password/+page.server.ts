import type { Actions } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { accountContracts } from '@tingsted/platform/accounts';

export const actions: Actions = {
  default: async ({ request, locals, getClientAddress }) => {
    const form = await request.formData();
    const values = { email: text(form, 'email') };
    const limited = await locals.platform.accounts.checkRateLimit('reset', getClientAddress());
    if (!limited.ok) return formFailure(locals, limited, values);
    const input = readForm(accountContracts.requestPasswordReset, form);
    const result = input.ok ? await locals.platform.accounts.requestPasswordReset(input.value.email) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { sent: locals.t('forgot.sent') };
  },
};
