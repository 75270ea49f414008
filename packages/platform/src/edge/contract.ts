// A use case's contract: its name, a one-line summary, and the TypeBox schemas of its input and output.
// The /api/v1 route takes its body, params and response schemas from the contract, and the web app's form
// action turns its FormData into the input's shape and checks it with the very same schema, so the two edges
// accept the same things and name the same fields when they refuse.
import type { Static, TObject, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { fail, ok, type Result } from '../shared/result.ts';
import { fieldErrorsOf, schemaIssues } from './field-errors.ts';


/** What one use case takes and gives, once for the API and the pages. */
export interface Contract<I extends TObject = TObject, O extends TSchema = TSchema> {
  /** The use case's name, verb-noun (`createProcess`); the API's operationId. */
  readonly name: string;
  /** One line for the OpenAPI document. */
  readonly summary: string;
  readonly input: I;
  readonly output: O;
}

/** Declares a contract (keeps the schemas' exact types). */
export function contract<I extends TObject, O extends TSchema>(definition: Contract<I, O>): Contract<I, O> {
  return definition;
}

/** The parsed input of a contract. */
export type InputOf<C extends Contract> = Static<C['input']>;
/** The output of a contract. */
export type OutputOf<C extends Contract> = Static<C['output']>;

/** Checks a value against the contract's input schema: the typed input, or `ValidationFailed` naming each field. */
export function parseInput<C extends Contract>(definition: C, value: unknown): Result<InputOf<C>> {
  if (Value.Check(definition.input, value)) return ok(value as InputOf<C>);
  return fail('ValidationFailed', fieldErrorsOf(schemaIssues(definition.input, value)));
}

type Kind = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'other';

function kindOf(schema: unknown): Kind {
  if (typeof schema !== 'object' || schema === null) return 'other';
  const s = schema as { type?: unknown; anyOf?: unknown; const?: unknown };
  if (s.type === 'string' || s.type === 'integer' || s.type === 'number' || s.type === 'boolean' || s.type === 'array') return s.type;
  if (typeof s.const === 'string') return 'string';
  // A union of string literals (or a string or null): read as a string.
  if (Array.isArray(s.anyOf)) {
    const kinds = new Set(s.anyOf.map(kindOf).filter((k) => k !== 'other'));
    return kinds.size === 1 ? ([...kinds][0] ?? 'other') : 'other';
  }
  return 'other';
}

function scalar(kind: Kind, raw: string): unknown {
  if (kind === 'integer' || kind === 'number') {
    // Left as text when it is not a number, so the schema refuses it and names the field.
    const n = raw.trim() === '' ? Number.NaN : Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  if (kind === 'boolean') return raw === 'on' || raw === 'true' || raw === '1';
  return raw;
}

/**
 * Reads a form into the shape of the contract's input: each property of the schema from the form field of
 * the same name (`extra` supplies those that come from elsewhere, such as the address's id). Text becomes an
 * integer, number or boolean where the schema says so (a checked box is `true`, an absent one `false`), and
 * an array property collects every value of the field (or, for a text area, one value per line).
 * Absent fields stay absent, so the schema reports them as required; an optional number left empty is absent.
 */
export function formValues<C extends Contract>(definition: C, form: FormData, extra: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const properties = definition.input.properties as Record<string, unknown>;
  const required = new Set<string>(Array.isArray(definition.input.required) ? definition.input.required : []);
  for (const [name, schema] of Object.entries(properties)) {
    if (name in extra) {
      values[name] = extra[name];
      continue;
    }
    const kind = kindOf(schema);
    const all = form.getAll(name).filter((v): v is string => typeof v === 'string');
    if (kind === 'array') {
      const items = kindOf((schema as { items?: unknown }).items);
      const lines = all.length === 1 ? (all[0] ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '') : all;
      values[name] = lines.map((line) => scalar(items, line));
    } else if (kind === 'boolean') {
      values[name] = all.length > 0 && scalar('boolean', all[0] ?? '') === true;
    } else if (all.length > 0) {
      const raw = all[0] ?? '';
      // An optional number left empty is left out; a required one stays text, so the schema names it.
      if (!((kind === 'integer' || kind === 'number') && raw.trim() === '' && !required.has(name))) values[name] = scalar(kind, raw);
    }
  }
  return values;
}

/** The form's text fields as posted, to refill a refused form. */
export function postedText(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) if (typeof value === 'string' && !(name in values)) values[name] = value;
  return values;
}
