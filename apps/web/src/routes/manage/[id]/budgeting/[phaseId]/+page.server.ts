import type { Actions, PageServerLoad } from './$types';
import { postedText, renameFields } from '@tingsted/platform/edge';
import { budgetingContracts as c } from '@tingsted/platform/budgeting';
import { formFailure, readForm, text } from '$lib/server/forms';
import { budgetingPhaseOf } from '$lib/server/budgeting-staff';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
  return { dates: { startsOn: phase.startsOn, endsOn: phase.endsOn } };
};

// The design form leaves a number empty to mean "none": sent as null, since an absent field means "unchanged".
const nullableNumbers = ['minProjects', 'maxProjects', 'pointsTotal', 'rankLimit', 'greedyThreshold', 'minAge'] as const;

export const actions: Actions = {
  design: async ({ request, locals, params }) => {
    const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
    const form = await request.formData();
    const values = postedText(form);
    const extra: Record<string, unknown> = { phaseId: phase.id, tieBreak: form.getAll('tieBreak').filter((v) => typeof v === 'string' && v !== '') };
    for (const name of nullableNumbers) if (form.has(name) && text(form, name).trim() === '') extra[name] = null;
    const input = readForm(c.designBallot, form, extra);
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.budgeting.designBallot(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'budgeting.manage.design.saved' as const };
  },
  addBudget: async ({ request, locals, params }) => {
    const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
    const form = await request.formData();
    const values = { budgetName: text(form, 'budgetName'), area: text(form, 'area'), amount: text(form, 'amount') };
    const names = { name: 'budgetName' };
    const input = readForm(c.addBudget, form, { phaseId: phase.id, name: values.budgetName, locale: locals.ctx.locale, area: values.area || null });
    if (!input.ok) return formFailure(locals, renameFields(input, names), values);
    const result = await locals.platform.budgeting.addBudget(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, renameFields(result, names), values);
    return { done: 'budgeting.manage.budget.added' as const };
  },
  updateBudget: async ({ request, locals }) => {
    const form = await request.formData();
    const id = text(form, 'budgetId');
    const names = { budgetId: `amount-${id}`, name: `name-${id}`, amount: `amount-${id}` };
    const values = { [`name-${id}`]: text(form, 'name'), [`amount-${id}`]: text(form, 'amount') };
    const input = readForm(c.updateBudget, form, { locale: locals.ctx.locale });
    if (!input.ok) return formFailure(locals, renameFields(input, names), values);
    const result = await locals.platform.budgeting.updateBudget(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, renameFields(result, names), values);
    return { done: 'budgeting.manage.budget.saved' as const };
  },
  moveDates: async ({ request, locals, params }) => {
    const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
    const form = await request.formData();
    const values = postedText(form);
    const input = readForm(c.moveVotingDates, form, { phaseId: phase.id });
    const result = input.ok ? await locals.platform.budgeting.moveVotingDates(locals.ctx.user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { done: 'budgeting.manage.dates.moved' as const };
  },
  removeBudget: async ({ request, locals }) => {
    const form = await request.formData();
    const input = readForm(c.removeBudget, form);
    if (!input.ok) return formFailure(locals, input);
    const result = await locals.platform.budgeting.removeBudget(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, result);
    return { done: 'budgeting.manage.budget.removed' as const };
  },
};
