import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm } from '$lib/server/forms';
import { updateContracts } from '@tingsted/platform/updates';

// The link in an update's e-mail opens this page without signing in; the person confirms with the button, so mail
// scanners that follow links do not unsubscribe anyone. A personal page: never kept by the page cache.
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
  setHeaders({ 'cache-control': 'private, no-store' });
  const info = await locals.platform.updates.unsubscribeInfo({ token: params.token }, locals.ctx.locale);
  return { link: info.ok ? info.value : null };
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const input = readForm(updateContracts.unsubscribe, await request.formData(), { token: params.token });
    const result = input.ok ? await locals.platform.updates.unsubscribe(input.value, locals.ctx.locale) : input;
    if (!result.ok) return formFailure(locals, result);
    return { done: locals.t('unsubscribe.done', { processTitle: result.value.processTitle }) };
  },
};
