import { fail as kitFail } from '@sveltejs/kit';
import type { Failure } from '@tingsted/platform/shared/result.ts';
import { isMessageKey } from '$lib/i18n/translate.server';

/** What a form action returns on failure: the message, each field's message, and the values to refill. */
export interface FormProblem {
  message: string;
  fields: Record<string, string>;
  values: Record<string, string>;
}

/** Turns a service failure into a translated form response with the right status. */
export function formFailure(locals: App.Locals, failure: Failure, values: Record<string, string> = {}) {
  const fields: Record<string, string> = {};
  for (const f of failure.fields ?? []) {
    fields[f.field] ??= isMessageKey(f.message) ? locals.t(f.message, f.params) : f.message;
  }
  const status = failure.code === 'RateLimited' ? 429 : failure.code === 'Forbidden' ? 403 : failure.code === 'NotSignedIn' ? 401 : 400;
  const problem: FormProblem = {
    message: locals.t(`error.${failure.code}`, { seconds: failure.retryAfterSeconds ?? 60, id: '' }),
    fields,
    values,
  };
  return kitFail(status, problem);
}

/** A form field's text value ('' when absent). */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
