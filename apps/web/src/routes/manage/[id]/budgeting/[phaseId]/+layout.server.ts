import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { budgetingPhaseOf, formatMoney, textIn } from '$lib/server/budgeting-staff';
import { formatDate } from '$lib/server/present';

// Every page of a budgeting phase's workspace shows the same heading, navigation and budgets, from the phase's
// budgetingOf answer (the use case the API's GET serves too).
export const load: LayoutServerLoad = async ({ locals, params }) => {
  const { process, phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
  const view = await locals.platform.budgeting.budgetingOf(locals.ctx.user, { phaseId: phase.id });
  if (!view.ok) error(view.code === 'NotFound' ? 404 : 403, { message: view.code });
  const { design } = view.value;
  return {
    managed: { id: process.id, slug: process.slug, title: textIn(locals, process.title) },
    phase: { id: phase.id, title: textIn(locals, phase.title), state: view.value.state, start: formatDate(phase.startsOn, locals.ctx.locale), end: formatDate(phase.endsOn, locals.ctx.locale) },
    design,
    can: view.value.can,
    budgets: view.value.budgets.map((b) => ({ ...b, title: textIn(locals, b.name), money: formatMoney(b.amount, design.currency, locals.ctx.locale) })),
    counts: {
      projects: view.value.projects.length,
      pending: view.value.projects.filter((p) => p.review.state === 'pending').length,
    },
  };
};
