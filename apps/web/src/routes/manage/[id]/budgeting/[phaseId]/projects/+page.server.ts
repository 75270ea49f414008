import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { postedText } from '@tingsted/platform/edge';
import { budgetingContracts as c } from '@tingsted/platform/budgeting';
import { formFailure, readForm, text } from '$lib/server/forms';
import { budgetingPhaseOf, formatMoney, textIn, withoutEmpty } from '$lib/server/budgeting-staff';

/** The ideas of the process to pick from: the most supported first, at most five pages. */
async function ideasOf(locals: App.Locals, processId: string) {
  const ideas: { id: string; title: string; supports: number; category: string | null }[] = [];
  for (let page = 1; page <= 5; page += 1) {
    const listed = await locals.platform.ideas.listIdeas(locals.ctx.user, { processId, sort: 'supported', page });
    ideas.push(...listed.ideas.map((i) => ({ id: i.id, title: i.title, supports: i.supportCount, category: i.category })));
    if (page * listed.pageSize >= listed.total) break;
  }
  return ideas;
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const { process, phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
  const view = await locals.platform.budgeting.budgetingOf(locals.ctx.user, { phaseId: phase.id });
  if (!view.ok) error(403, { message: view.code });
  const currency = view.value.design.currency;
  const ideas = await ideasOf(locals, process.id);
  const used = new Set(view.value.projects.flatMap((p) => p.ideaIds));
  return {
    projects: view.value.projects.map((p) => ({
      id: p.id,
      number: p.number,
      budgetId: p.budgetId,
      title: textIn(locals, p.title),
      cost: formatMoney(p.cost, currency, locals.ctx.locale),
      area: p.area,
      category: p.category,
      review: p.review.state,
      fromIdeas: p.ideaIds.length,
      can: p.can,
    })),
    ideas: ideas.map((i) => ({ ...i, used: used.has(i.id) })),
  };
};

export const actions: Actions = {
  create: async ({ request, locals, params }) => {
    const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
    const form = await request.formData();
    const values = postedText(form);
    const extra: Record<string, unknown> = { phaseId: phase.id, locale: locals.ctx.locale, ideaIds: form.getAll('ideaIds').filter((v) => typeof v === 'string') };
    for (const name of ['costMin', 'costMax', 'area', 'category']) if (text(form, name).trim() === '') extra[name] = null;
    // An empty title or description is left out: it then comes from the first idea.
    const input = readForm(c.createProject, withoutEmpty(form, ['title', 'description']), extra);
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.budgeting.createProject(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { created: result.value };
  },
};
