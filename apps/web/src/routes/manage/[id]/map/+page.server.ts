import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { resolveText } from '@tingsted/platform/shared';
import { ideaMapContracts, ideasPolicy } from '@tingsted/platform/ideas';
import { processesPolicy } from '@tingsted/platform/processes';

// Staff: whether each ideas phase asks for a location and of which kinds, and the GeoJSON export of its ideas.
export const load: PageServerLoad = async ({ locals, params }) => {
  const process = await locals.platform.processes.getProcessById(params.id);
  if (!process) error(404, { message: 'NotFound' });
  const phases = process.phases.filter((p) => p.method === 'ideas');
  const settings = await locals.platform.ideas.locationSettingsOf(phases.map((p) => p.id));
  const mapSet = (await locals.platform.municipality.map()).shapes !== null;
  return {
    managed: { id: process.id, slug: process.slug, title: resolveText(process.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text },
    mapSet,
    can: { configure: processesPolicy.manage(locals.ctx.user), export: ideasPolicy.exportIdeas(locals.ctx.user) },
    phases: phases.map((p) => ({
      id: p.id,
      title: resolveText(p.title, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text,
      mode: settings.get(p.id)?.mode ?? 'none',
      kinds: [...(settings.get(p.id)?.kinds ?? ['point'])] as string[],
    })),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const phaseId = text(form, 'phaseId');
    const input = readForm(ideaMapContracts.setLocationSettings, form, { phaseId, kinds: form.getAll('kinds').filter((k) => typeof k === 'string') });
    const result = input.ok ? await locals.platform.ideas.setLocationSettings(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, { phaseId });
    return { saved: locals.t('map.settingsSaved'), phaseId };
  },
};
