import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { stakeholderContracts as c } from '@tingsted/platform/stakeholders';
import { loadProcess } from '$lib/server/process';
import { requireUser } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const found = await loadProcess(locals, params.slug);
  const token = url.searchParams.get('token') ?? '';
  const invitation = token ? await locals.platform.stakeholders.invitation(token) : null;
  // Someone new sees what they were invited to, by whom, before being asked to sign in or make an account.
  const here = `${url.pathname}${url.search}`;
  return { process: { slug: found.process.slug, title: found.title, titleLang: found.titleLang }, token, invitation, signedIn: locals.ctx.user !== null, here };
};

export const actions: Actions = {
  default: async ({ request, locals, params, url }) => {
    requireUser(locals, url);
    const form = await request.formData();
    const values = { name: text(form, 'name'), speaksFor: text(form, 'speaksFor'), introduction: text(form, 'introduction') };
    const input = readForm(c.acceptInvitation, form);
    if (!input.ok) return formFailure(locals, input, values);
    const { token, ...introduction } = input.value;
    const result = await locals.platform.stakeholders.acceptInvitation(locals.ctx.user, token, introduction);
    if (!result.ok) return formFailure(locals, result, values);
    redirect(303, `/processes/${params.slug}/stakeholders`);
  },
};
