import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { postedText } from '@tingsted/platform/edge';
import { budgetingContracts as c } from '@tingsted/platform/budgeting';
import { formFailure, readForm, text } from '$lib/server/forms';
import { budgetingPhaseOf, listedFailure, moneyShown } from '$lib/server/budgeting-staff';
import { formatsOf } from '$lib/format';

export const load: PageServerLoad = async ({ locals, params }) => {
  const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
  const listed = await locals.platform.budgeting.listBatches(locals.ctx.user, { phaseId: phase.id });
  if (!listed.ok) error(403, { message: listed.code });
  const time = { format: formatsOf(locals).dateTime };
  return {
    batches: listed.value.batches.map((b) => ({
      ...b,
      entered: time.format(new Date(b.enteredAt)),
      confirmed: b.confirmedAt ? time.format(new Date(b.confirmedAt)) : null,
    })),
  };
};

/** An uploaded file's text ('' when none was chosen). */
async function fileText(form: FormData, name: string): Promise<string> {
  const file = form.get(name);
  return file instanceof File ? file.text() : '';
}

export const actions: Actions = {
  paper: async ({ request, locals, params }) => {
    const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
    const form = await request.formData();
    const values = postedText(form);
    const input = readForm(c.enterPaperBatch, form, { phaseId: phase.id });
    if (!input.ok) return formFailure(locals, input, values);
    const result = await locals.platform.budgeting.enterPaperBatch(locals.ctx.user, input.value);
    if (!result.ok) return listedFailure(locals, await moneyShown(locals, phase.id, result), 'ballots', values);
    return { entered: result.value.ballots };
  },
  csv: async ({ request, locals, params }) => {
    const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
    const form = await request.formData();
    const values = { csvBudgetId: text(form, 'csvBudgetId'), csvLabel: text(form, 'csvLabel') };
    const names = { budgetId: 'csvBudgetId', label: 'csvLabel' };
    const csv = await fileText(form, 'csvFile');
    if (csv === '') return listedFailure(locals, { ok: false, code: 'ValidationFailed', fields: [{ field: 'csvFile', message: 'field.required' }] }, 'csvFile', values);
    const input = readForm(c.importBallots, form, { phaseId: phase.id, budgetId: values.csvBudgetId, label: values.csvLabel, csv });
    const result = input.ok ? await locals.platform.budgeting.importBallots(locals.ctx.user, input.value) : input;
    if (!result.ok) return listedFailure(locals, { ...result, fields: (result.fields ?? []).map((f) => ({ ...f, field: f.field === 'csv' ? 'csvFile' : (names[f.field as keyof typeof names] ?? f.field) })) }, 'csvFile', values);
    return { entered: result.value.ballots };
  },
  pabulib: async ({ request, locals, params }) => {
    const { phase } = await budgetingPhaseOf(locals, params.id, params.phaseId);
    const form = await request.formData();
    const file = await fileText(form, 'pbFile');
    if (file === '') return listedFailure(locals, { ok: false, code: 'ValidationFailed', fields: [{ field: 'pbFile', message: 'field.required' }] }, 'pbFile');
    const input = readForm(c.importPabulib, form, { phaseId: phase.id, file });
    const result = input.ok ? await locals.platform.budgeting.importPabulib(locals.ctx.user, input.value) : input;
    if (!result.ok) {
      const shown = await moneyShown(locals, phase.id, result);
      return listedFailure(locals, { ...shown, fields: (shown.fields ?? []).map((f) => ({ ...f, field: f.field === 'file' ? 'pbFile' : f.field })) }, 'pbFile');
    }
    return { imported: { projects: result.value.projects, ballots: result.value.ballots } };
  },
  confirm: async ({ request, locals }) => {
    const form = await request.formData();
    const input = readForm(c.confirmBatch, form);
    if (!input.ok) return formFailure(locals, input);
    const result = await locals.platform.budgeting.confirmBatch(locals.ctx.user, input.value);
    if (!result.ok) return formFailure(locals, result);
    return { confirmed: true };
  },
};
