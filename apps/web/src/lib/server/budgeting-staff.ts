import { error, fail as kitFail } from '@sveltejs/kit';
import type { Failure } from '@tingsted/platform/shared';
import { problemOf } from '@tingsted/platform/edge';
import { withMoneyShown } from '@tingsted/platform/budgeting';
import { resolveText } from '@tingsted/platform/shared';

export { formatMoney } from '$lib/budgeting/money';

/** The budgeting phase a staff page is about (404 for another method or another process's phase). */
export async function budgetingPhaseOf(locals: App.Locals, processId: string, phaseId: string) {
  const process = await locals.platform.processes.getProcessById(processId);
  const phase = process?.phases.find((p) => p.id === phaseId && p.method === 'budgeting');
  if (!process || !phase) error(404, { message: 'NotFound' });
  return { process, phase };
}

/** Text in the reader's language, or the nearest one. */
export function textIn(locals: App.Locals, value: Readonly<Record<string, string>>): string {
  return resolveText(value, locals.ctx.locale, locals.ctx.municipality.defaultLocale).text;
}

/** A refused import or batch: the form failure plus every field message in order, each with its line. */
export interface ListedProblem {
  message: string;
  fields: Record<string, string>;
  values: Record<string, string>;
  list: string[];
}

/**
 * Like formFailure, but keeps every message, not just the first per field: a malformed file is refused with
 * one message per line, and the clerk needs all of them. `field` names the form field the list belongs to.
 */
export function listedFailure(locals: App.Locals, failure: Failure, field: string, values: Record<string, string> = {}) {
  const problem = problemOf(locals.ctx.locale, failure);
  const list = problem.fields.map((f, i) => {
    const line = failure.fields?.[i]?.params?.line;
    return line === undefined || f.message.includes(String(line)) ? f.message : locals.t('budgeting.manage.onLine', { line, message: f.message });
  });
  const fields: Record<string, string> = list.length > 0 ? { [field]: list.length === 1 ? (list[0] ?? '') : locals.t('budgeting.manage.errorsBelow', { count: list.length }) } : {};
  const body: ListedProblem = { message: problem.message, fields, values, list };
  return kitFail(problem.status, body);
}

/** The form without the named fields left empty, so the contract sees them as absent (optional), not as ''. */
export function withoutEmpty(form: FormData, names: readonly string[]): FormData {
  const copy = new FormData();
  for (const [name, value] of form.entries()) if (!(names.includes(name) && typeof value === 'string' && value.trim() === '')) copy.append(name, value);
  return copy;
}

/** The form with fields renamed to the contract's names (a page with two forms cannot give two fields one id). */
export function renamed(form: FormData, names: Readonly<Record<string, string>>): FormData {
  const copy = new FormData();
  for (const [name, value] of form.entries()) copy.append(names[name] ?? name, value);
  return copy;
}

/** A refusal with its amounts of money written in the reader's language and the phase's currency ("1 200 000 kr"). */
export async function moneyShown(locals: App.Locals, phaseId: string, failure: Failure): Promise<Failure> {
  const view = await locals.platform.budgeting.budgetingOf(locals.ctx.user, { phaseId });
  return view.ok ? withMoneyShown(failure, view.value.design.currency, locals.ctx.locale) : failure;
}
