import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { loadProcess } from '$lib/server/process';
import { requireUser } from '$lib/server/session';
import { ideaContracts, presentIdea } from '@tingsted/platform/ideas';
import { renameFields } from '@tingsted/platform/edge';
import { loadMap } from '$lib/server/map';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = requireUser(locals, url);
  const found = await loadProcess(locals, params.slug);
  const result = await locals.platform.ideas.getIdea(user, params.id);
  if (!result.ok || result.value.idea.processId !== found.process.id) error(404, { message: 'NotFound' });
  const phaseOpen = found.process.status === 'published' && found.openIdeasPhase?.id === result.value.idea.phaseId;
  const idea = presentIdea(result.value.idea, user, phaseOpen);
  // The author edits until the first reaction; a hidden idea's author whatever the reactions (it asks for review).
  if (!idea.mine) error(403, { message: 'Forbidden' });
  const phase = found.process.phases.find((p) => p.id === idea.phaseId);
  const settings = await locals.platform.ideas.locationSettings(idea.phaseId);
  return {
    process: { slug: found.process.slug },
    idea: { id: idea.id, title: idea.title, body: idea.body, category: idea.category ?? '', hidden: idea.hidden, place: idea.location?.label ?? '', located: idea.location !== null },
    // The place, when the phase asks for one: typed (kept unless changed) or marked again on the map.
    location: settings.mode !== 'none' ? { mode: settings.mode, kinds: [...settings.kinds], map: await loadMap(locals), geometry: idea.location?.geometry ?? null } : null,
    editable: idea.can.edit || idea.hidden !== null,
    categories: phase?.settings.categories ?? [],
  };
};

export const actions: Actions = {
  default: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { title: text(form, 'title'), body: text(form, 'body'), category: text(form, 'category'), address: text(form, 'address'), location: text(form, 'location') };
    if (values.category === '') form.delete('category');
    // A place marked on the map comes as GeoJSON in a hidden field; a typed one only when it differs from the
    // place the idea has (sending neither keeps it).
    let location: unknown = undefined;
    try {
      location = values.location.trim() === '' ? undefined : JSON.parse(values.location);
    } catch {
      location = 'unreadable';
    }
    form.delete('location');
    const typedChanged = form.has('address') && values.address.trim() !== text(form, 'placeBefore').trim();
    if (!typedChanged) form.delete('address');
    const input = readForm(ideaContracts.editIdea, form, { id: params.id, ...(location === undefined ? {} : { location }) });
    const result = input.ok
      ? await locals.platform.ideas.editIdea(user, input.value.id, {
          title: input.value.title,
          body: input.value.body,
          category: input.value.category,
          ...(input.value.location === undefined ? {} : { location: input.value.location }),
          ...(input.value.address === undefined ? {} : { address: input.value.address }),
        })
      : input;
    // The address field is the one a person can reach and correct, so problems with the marked place point there.
    if (!result.ok) return formFailure(locals, renameFields(result, { location: 'address' }), values);
    redirect(303, `/processes/${params.slug}/ideas/${params.id}?edited=${result.value.reviewRequested ? 'review' : '1'}`);
  },
};
