// From schema-validation issues to field errors that say what is wrong: the field (a dotted path), a specific
// message key (`field.tooLong`, `field.wholeNumber`, `field.oneOf`, …) and its parameters (the limit, the
// allowed values). Both validators report issues in the same shape: TypeBox's `Value.Errors` (the web app's
// form actions, through `parseInput`) and Fastify's Ajv (the API routes), so a refused form and a refused API
// call name the same fields with the same messages.
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { FieldError } from '../shared/result.ts';

/** One schema-validation issue, as both validators report it. */
export interface SchemaIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: unknown;
}

type Params = Readonly<Record<string, unknown>>;

function paramsOf(issue: SchemaIssue): Params {
  return typeof issue.params === 'object' && issue.params !== null ? (issue.params as Params) : {};
}

/** `/sources/0/url` → `sources.0.url`. */
function dotted(path: string): string {
  return path.replace(/^\//, '').replace(/\//g, '.');
}

function limitOf(params: Params): number {
  return typeof params.limit === 'number' ? params.limit : 0;
}

/** The value a `const` issue allows, or those an `enum` issue allows. */
function allowedOf(issue: SchemaIssue): unknown[] {
  const params = paramsOf(issue);
  if (issue.keyword === 'const') return 'allowedValue' in params ? [params.allowedValue] : [];
  if (issue.keyword === 'enum') return Array.isArray(params.allowedValues) ? params.allowedValues : [];
  return [];
}

const formatMessages: Readonly<Record<string, string>> = {
  date: 'field.dateInvalid',
  'date-time': 'field.dateTimeInvalid',
  email: 'field.emailInvalid',
  uri: 'field.urlInvalid',
  url: 'field.urlInvalid',
  uuid: 'field.idInvalid',
};

const typeMessages: Readonly<Record<string, string>> = {
  integer: 'field.wholeNumber',
  number: 'field.number',
  boolean: 'field.yesOrNo',
  string: 'field.text',
  array: 'field.list',
};

/** The message for one issue on its own (null: the issue says nothing a person can act on). */
function messageOf(issue: SchemaIssue): Omit<FieldError, 'field'> | null {
  const params = paramsOf(issue);
  const limit = limitOf(params);
  switch (issue.keyword) {
    case 'maxLength':
      return { message: 'field.tooLong', params: { max: limit } };
    case 'minLength':
      // An empty text where at least one character is needed is a field left empty.
      return limit <= 1 ? { message: 'field.required' } : { message: 'field.tooShort', params: { min: limit } };
    case 'maxItems':
      return { message: 'field.tooMany', params: { max: limit } };
    case 'minItems':
      return limit <= 1 ? { message: 'field.required' } : { message: 'field.tooFew', params: { min: limit } };
    case 'minimum':
      return { message: 'field.atLeast', params: { min: limit } };
    case 'exclusiveMinimum':
      return { message: 'field.above', params: { min: limit } };
    case 'maximum':
      return { message: 'field.atMost', params: { max: limit } };
    case 'exclusiveMaximum':
      return { message: 'field.below', params: { max: limit } };
    case 'multipleOf':
      return { message: 'field.multipleOf', params: { step: typeof params.multipleOf === 'number' ? params.multipleOf : limit } };
    case 'format': {
      const format = typeof params.format === 'string' ? params.format : '';
      return { message: formatMessages[format] ?? 'field.invalid' };
    }
    case 'pattern':
      return { message: 'field.pattern' };
    case 'type': {
      const type = Array.isArray(params.type) ? params.type.filter((t) => t !== 'null')[0] : params.type;
      if (type === 'null') return null;
      return { message: (typeof type === 'string' ? typeMessages[type] : undefined) ?? 'field.invalid' };
    }
    // A union's own issue adds nothing to its branches'; `false` is how TypeBox reports an extra property.
    case 'anyOf':
    case 'oneOf':
    case 'boolean':
      return null;
    default:
      return { message: 'field.invalid' };
  }
}

/** The one message for a field with these issues: a list of allowed values when it is one of them, else the first that says something. */
function decide(field: string, issues: readonly SchemaIssue[]): FieldError {
  const allowed = issues.flatMap(allowedOf);
  const union = issues.some((i) => i.keyword === 'anyOf' || i.keyword === 'oneOf');
  const other = issues.filter((i) => i.keyword !== 'const' && i.keyword !== 'enum').map(messageOf).find((m) => m !== null);
  // One of a list of values (a union of literals, an enum, a literal): say which.
  if (allowed.length > 0 && (union || !other)) return { field, message: 'field.oneOf', params: { choices: allowed.map(String).join(', ') } };
  return { field, ...(other ?? { message: 'field.invalid' }) };
}

/**
 * Field errors for schema issues: one per field, in the order the fields first appear, each naming the
 * field (a dotted path) with a specific message key and its parameters. `whole` names the input when an
 * issue has no path (a body that is not an object).
 */
export function fieldErrorsOf(issues: readonly SchemaIssue[], whole = 'body'): FieldError[] {
  const byField = new Map<string, SchemaIssue[]>();
  const required = new Map<string, FieldError>();
  const add = (field: string, issue: SchemaIssue) => {
    const list = byField.get(field);
    if (list) list.push(issue);
    else byField.set(field, [issue]);
  };
  for (const issue of issues) {
    const params = paramsOf(issue);
    const base = dotted(issue.instancePath);
    const within = (name: string) => (base ? `${base}.${name}` : name);
    if (issue.keyword === 'required') {
      const missing = Array.isArray(params.requiredProperties) ? params.requiredProperties.map(String) : typeof params.missingProperty === 'string' ? [params.missingProperty] : [];
      for (const name of missing) {
        required.set(within(name), { field: within(name), message: 'field.required' });
        add(within(name), issue);
      }
      if (missing.length === 0) add(base || whole, issue);
      continue;
    }
    if (issue.keyword === 'additionalProperties') {
      const extra = Array.isArray(params.additionalProperties) ? params.additionalProperties.map(String) : typeof params.additionalProperty === 'string' ? [params.additionalProperty] : [];
      for (const name of extra) add(within(name), { keyword: 'unknownProperty', instancePath: '', params: {} });
      continue;
    }
    add(base || whole, issue);
  }
  return [...byField.entries()].map(([field, list]) => {
    const missing = required.get(field);
    if (missing) return missing;
    if (list.some((i) => i.keyword === 'unknownProperty')) return { field, message: 'field.unknown' };
    return decide(field, list);
  });
}

function isObjectSchema(schema: TSchema): schema is TSchema & { properties: Record<string, TSchema>; required?: string[] } {
  const s = schema as { type?: unknown; properties?: unknown };
  return s.type === 'object' && typeof s.properties === 'object' && s.properties !== null;
}

/**
 * Every issue of a value against a schema. TypeBox stops collecting after a few issues (a guard against
 * costly reports on huge values), so an object is checked property by property: a form with ten empty
 * fields names all ten.
 */
export function schemaIssues(schema: TSchema, value: unknown): SchemaIssue[] {
  if (!isObjectSchema(schema) || typeof value !== 'object' || value === null || Array.isArray(value)) return Value.Errors(schema, value);
  const record = value as Record<string, unknown>;
  const required = new Set(schema.required ?? []);
  const issues: SchemaIssue[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    if (record[name] === undefined) {
      if (required.has(name)) issues.push({ keyword: 'required', instancePath: '', params: { requiredProperties: [name] } });
      continue;
    }
    for (const issue of Value.Errors(property, record[name])) issues.push({ keyword: issue.keyword, instancePath: `/${name}${issue.instancePath}`, params: issue.params });
  }
  // What only the whole object can tell (a property the schema does not allow).
  if (issues.length === 0) return Value.Errors(schema, value);
  return issues;
}
