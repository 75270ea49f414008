import type { Actions } from './$types';
import { formFailure, text } from '$lib/server/forms';

export const actions: Actions = {
  default: async ({ request, locals, getClientAddress }) => {
    const form = await request.formData();
    const values = { email: text(form, 'email') };
    const limited = await locals.platform.accounts.checkRateLimit('reset', getClientAddress());
    if (!limited.ok) return formFailure(locals, limited, values);
    const result = await locals.platform.accounts.requestPasswordReset(values.email);
    if (!result.ok) return formFailure(locals, result, values);
    return { sent: locals.t('forgot.sent') };
  },
};
