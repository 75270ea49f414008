import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { loadProcess } from '$lib/server/process';
import { requireUser } from '$lib/server/session';
import { ideaContracts, presentIdea } from '@tingsted/platform/ideas';

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
  return {
    process: { slug: found.process.slug },
    idea: { id: idea.id, title: idea.title, body: idea.body, category: idea.category ?? '', hidden: idea.hidden },
    editable: idea.can.edit || idea.hidden !== null,
    categories: phase?.settings.categories ?? [],
  };
};

export const actions: Actions = {
  default: async ({ request, locals, params, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { title: text(form, 'title'), body: text(form, 'body'), category: text(form, 'category') };
    if (values.category === '') form.delete('category');
    const input = readForm(ideaContracts.editIdea, form, { id: params.id });
    const result = input.ok ? await locals.platform.ideas.editIdea(user, input.value.id, { title: input.value.title, body: input.value.body, category: input.value.category }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    redirect(303, `/processes/${params.slug}/ideas/${params.id}?edited=${result.value.reviewRequested ? 'review' : '1'}`);
  },
};
