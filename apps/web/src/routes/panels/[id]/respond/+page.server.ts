import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { panelsPolicy } from '@tingsted/platform/panels';

// The decision-maker answers each adopted recommendation.
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = requireUser(locals, url);
  if (!panelsPolicy.respond(user)) error(403, { message: 'Forbidden' });
  const result = await locals.platform.panels.publicPanel(user, params.id);
  if (!result.ok) error(404, { message: 'NotFound' });
  return {
    panel: result.value.panel,
    today: locals.platform.processes.today(),
    recommendations: result.value.recommendations.filter((r) => r.status === 'adopted'),
  };
};

export const actions: Actions = {
  answer: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { recommendationId: text(form, 'recommendationId'), decision: text(form, 'decision'), reasons: text(form, 'reasons'), decidedOn: text(form, 'decidedOn'), progressPercent: text(form, 'progressPercent'), progressNote: text(form, 'progressNote') };
    const result = await locals.platform.panels.answerRecommendation(user, values.recommendationId, values);
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.respond.saved') };
  },
};
