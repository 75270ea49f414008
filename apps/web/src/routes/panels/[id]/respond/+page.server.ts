import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { requireUser } from '$lib/server/session';
import { panelContracts as c } from '@tingsted/platform/panels';
import { presentPublicPanel } from '@tingsted/platform/panels';

// The decision-maker answers each adopted recommendation.
export const load: PageServerLoad = async ({ locals, params, url }) => {
  const user = requireUser(locals, url);
  const result = await locals.platform.panels.publicPanel(user, params.id);
  const panel = result.ok ? presentPublicPanel(result.value, user) : null;
  if (panel && !panel.can.respond) error(403, { message: 'Forbidden' });
  if (!panel) error(404, { message: 'NotFound' });
  return {
    panel: panel.panel,
    today: locals.platform.processes.today(),
    recommendations: panel.recommendations.filter((r) => r.status === 'adopted'),
  };
};

export const actions: Actions = {
  answer: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const values = { recommendationId: text(form, 'recommendationId'), decision: text(form, 'decision'), reasons: text(form, 'reasons'), decidedOn: text(form, 'decidedOn'), progressPercent: text(form, 'progressPercent'), progressNote: text(form, 'progressNote') };
    const input = readForm(c.answerPanelRecommendation, form);
    const result = input.ok ? await locals.platform.panels.answerRecommendation(user, input.value.recommendationId, { ...input.value, progressPercent: input.value.progressPercent, progressNote: input.value.progressNote ?? '' }) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('panels.respond.saved') };
  },
};
