import type { FieldError } from './result.ts';

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/** Trims and checks an e-mail address; returns the cleaned value or a field error. */
export function checkEmail(value: unknown, field = 'email'): { value: string } | { error: FieldError } {
  if (typeof value !== 'string' || value.trim() === '') return { error: { field, message: 'field.required' } };
  const email = value.trim();
  if (email.length > 254 || !emailPattern.test(email)) return { error: { field, message: 'field.emailInvalid' } };
  return { value: email };
}

/** Trims a required text and checks its length. */
export function checkText(
  value: unknown,
  field: string,
  limits: { min?: number; max: number; required?: boolean },
): { value: string } | { error: FieldError } {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '' && limits.required !== false) return { error: { field, message: 'field.required' } };
  if (text.length < (limits.min ?? 0)) return { error: { field, message: 'field.tooShort', params: { min: limits.min ?? 0 } } };
  if (text.length > limits.max) return { error: { field, message: 'field.tooLong', params: { max: limits.max } } };
  return { value: text };
}

/** Whether a string is a uuid (an id from the address bar may be anything; the database would refuse it with an error). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
