import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';
import { presentProcess, formatDate } from '$lib/server/present';
import { requireUser } from '$lib/server/session';
import { accountsPolicy, type Actor } from '@tingsted/platform/accounts';
import { ideasPolicy } from '@tingsted/platform/ideas';
import { moderationPolicy } from '@tingsted/platform/moderation';
import { processesPolicy } from '@tingsted/platform/processes';

/** What a staff role may do from /manage, from the modules' policies (the page shows only these). */
function staffCan(user: Actor | null) {
  return {
    manageProcesses: processesPolicy.manage(user),
    moderate: moderationPolicy.moderate(user),
    answer: ideasPolicy.answer(user),
    manageUsers: accountsPolicy.manageUsers(user),
  };
}

export const load: PageServerLoad = async ({ locals }) => {
  const result = await locals.platform.processes.listProcesses(locals.ctx.user, { status: 'all', pageSize: 100 });
  const processes = result.ok ? result.value : [];
  const can = staffCan(locals.ctx.user);
  const queue = can.moderate ? await locals.platform.moderation.moderationQueue(locals.ctx.user) : null;
  return {
    can,
    waiting: queue?.ok ? queue.value.length : 0,
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
