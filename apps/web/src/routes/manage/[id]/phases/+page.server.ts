import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { formatDate } from '$lib/server/present';
import { resolveText } from '@tingsted/platform/shared';
import { phaseMethods, processContracts } from '@tingsted/platform/processes';
import { renameFields } from '@tingsted/platform/edge';

/** The timeline section of a process's workspace: its phases in order, moving and removing them, adding one. */
export const load: PageServerLoad = async ({ locals, params }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const text = (value: Parameters<typeof resolveText>[0]) => resolveText(value, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text;
  return {
    managed: { id: process.id, title: text(process.title) },
    methods: [...phaseMethods],
    phases: process.phases.map((p) => ({ id: p.id, method: p.method, title: text(p.title), start: formatDate(p.startsOn, locals.ctx.locale), end: formatDate(p.endsOn, locals.ctx.locale), state: p.state })),
  };
};

export const actions: Actions = {
  addPhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { method: text(form, 'method'), phaseTitle: text(form, 'phaseTitle'), startsOn: text(form, 'startsOn'), endsOn: text(form, 'endsOn'), categories: text(form, 'categories') };
    const input = readForm(processContracts.addPhase, form, { id: params.id, title: values.phaseTitle, locale: locals.ctx.locale });
    const result = input.ok ? await locals.platform.processes.addPhase(user, params.id, { ...input.value, locale: locals.ctx.locale, categories: (input.value.categories ?? []).join('\n') }) : input;
    if (!result.ok) return formFailure(locals, renameFields(result, { title: 'phaseTitle' }), values);
    return { saved: locals.t('manage.saved') };
  },
  reorderPhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(processContracts.reorderPhase, form, { id: params.id });
    const result = input.ok ? await locals.platform.processes.reorderPhase(user, params.id, input.value.phaseId, input.value.direction) : input;
    if (!result.ok) return formFailure(locals, result, { phaseId: text(form, 'phaseId') });
    return { saved: locals.t('workspace.phases.moved') };
  },
  removePhase: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const input = readForm(processContracts.removePhase, form, { id: params.id });
    const result = input.ok ? await locals.platform.processes.removePhase(user, params.id, input.value.phaseId) : input;
    if (!result.ok) return formFailure(locals, result, { phaseId: text(form, 'phaseId') });
    return { saved: locals.t('manage.saved') };
  },
};
