import { fail as kitFail } from '@sveltejs/kit';
import type { Failure, Result } from '@tingsted/platform/shared';
import { formValues, parseInput, problemOf, type Contract, type InputOf } from '@tingsted/platform/edge';

/** One problem of a refused form: the field it is about and what is wrong, in the reader's language. */
export interface FieldProblemText {
  field: string;
  message: string;
}

/**
 * What a form action returns on failure: the message, each field's first message (shown beside the field),
 * every problem in order (the error summary lists them all: a CSV import has one per bad row), and the values
 * to refill.
 */
export interface FormProblem {
  message: string;
  fields: Record<string, string>;
  problems: FieldProblemText[];
  values: Record<string, string>;
}

/**
 * Turns a service failure into a translated form response, with the status the API gives for the same code
 * (one table: packages/platform/src/edge/errors.ts).
 */
export function formFailure(locals: App.Locals, failure: Failure, values: Record<string, string> = {}) {
  const problem = problemOf(locals.ctx.locale, failure);
  const fields: Record<string, string> = {};
  for (const f of problem.fields) {
    fields[f.field] ??= f.message;
    // An item of a list (`categories.1`) is shown at the list's field too.
    const list = f.field.split('.')[0];
    if (list !== undefined && list !== f.field) fields[list] ??= f.message;
  }
  const body: FormProblem = { message: problem.message, fields, problems: problem.fields.map((f) => ({ field: f.field, message: f.message })), values };
  return kitFail(problem.status, body);
}

/**
 * Reads a form into a use case's input and checks it with the use case's contract, the same schema its API
 * route uses. `extra` gives the values that do not come from the form (the id in the address, the language).
 */
export function readForm<C extends Contract>(contract: C, form: FormData, extra: Readonly<Record<string, unknown>> = {}): Result<InputOf<C>> {
  return parseInput(contract, formValues(contract, form, extra));
}

/** A form field's text value ('' when absent). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
