import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm } from '$lib/server/forms';
import { accountContracts } from '@tingsted/platform/accounts';

export const load: PageServerLoad = ({ url }) => ({ token: url.searchParams.get('token') ?? '' });

export const actions: Actions = {
  default: async ({ request, locals }) => {
    const form = await request.formData();
    const input = readForm(accountContracts.resetPassword, form);
    const result = input.ok ? await locals.platform.accounts.resetPassword(input.value) : input;
    if (!result.ok) return formFailure(locals, result);
    redirect(303, '/sign-in?reset=done');
  },
};
