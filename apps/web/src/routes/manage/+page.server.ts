import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';
import { presentProcess, formatDate } from '$lib/server/present';
import { requireUser } from '$lib/server/session';

export const load: PageServerLoad = async ({ locals }) => {
  const result = await locals.platform.processes.listProcesses(locals.ctx.user, { status: 'all', pageSize: 100 });
  const processes = result.ok ? result.value : [];
  return {
    processes: processes.map((p) => ({ id: p.id, ...presentProcess(p, locals.ctx.locale, locals.ctx.municipality.defaultLocale), start: formatDate(p.startsOn, locals.ctx.locale), end: formatDate(p.endsOn, locals.ctx.locale) })),
  };
};

export const actions: Actions = {
  create: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { title: text(form, 'title') };
    const result = await locals.platform.processes.createProcess(user, { title: values.title, locale: locals.ctx.locale });
    if (!result.ok) return formFailure(locals, result, values);
    redirect(303, `/manage/${result.value.id}`);
  },
};
