import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm } from '$lib/server/forms';
import { panelContracts as c } from '@tingsted/platform/panels';
import { requireUser } from '$lib/server/session';

// The link in the "you have been drawn" e-mail. Opening it changes nothing; the button confirms the seat
// and links the member's account (signing in or registering first, and coming back here).
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const form = await locals.platform.panels.registrationForm(params.id);
  if (!form.ok) error(404, { message: 'NotFound' });
  return { title: form.value.title, token: url.searchParams.get('token') ?? '', signedIn: locals.ctx.user !== null, returnTo: url.pathname + url.search };
};

export const actions: Actions = {
  default: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(c.confirmPanelSeat, form, { id: params.id });
    const result = input.ok ? await locals.platform.panels.confirmSeat(user, params.id, input.value.token) : input;
    if (!result.ok) return formFailure(locals, result);
    redirect(303, `/panels/${params.id}/workspace`);
  },
};
