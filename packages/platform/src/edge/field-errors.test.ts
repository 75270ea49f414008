import { test } from 'node:test';
import assert from 'node:assert/strict';
import Type from 'typebox';
import { Value } from 'typebox/value';
import { fieldErrorsOf, schemaIssues } from './field-errors.ts';
import { oneOf } from './schemas.ts';
import { problemOf } from './errors.ts';

const schema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 5 }),
    code: Type.String({ minLength: 3 }),
    count: Type.Integer({ minimum: 1, maximum: 10 }),
    share: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    kind: oneOf(['idea', 'survey'] as const),
    email: Type.String({ format: 'email' }),
    url: Type.String({ format: 'uri' }),
    id: Type.String({ format: 'uuid' }),
    on: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    at: Type.String({ format: 'date-time' }),
    colour: Type.String({ pattern: '^#[0-9a-f]{6}$' }),
    tags: Type.Array(Type.String(), { minItems: 2, maxItems: 3 }),
    public: Type.Boolean(),
    mode: Type.Literal('online'),
    sources: Type.Array(Type.Object({ url: Type.String({ format: 'uri' }) })),
  },
  { additionalProperties: false },
);

const bad = {
  title: 'Far too long',
  code: 'ab',
  count: 0,
  share: 1,
  kind: 'vote',
  email: 'nobody',
  url: 'not a url',
  id: 'x',
  on: '2026-13-01',
  at: 'soon',
  colour: 'red',
  tags: ['a'],
  public: 'yes',
  mode: 'paper',
  sources: [{ url: 'https://example.org' }, { url: 'nope' }],
};

test('every field of a bad value is named, each with a specific message and its limit', () => {
  assert.deepEqual(fieldErrorsOf(schemaIssues(schema, bad)), [
    { field: 'title', message: 'field.tooLong', params: { max: 5 } },
    { field: 'code', message: 'field.tooShort', params: { min: 3 } },
    { field: 'count', message: 'field.atLeast', params: { min: 1 } },
    { field: 'share', message: 'field.below', params: { max: 1 } },
    { field: 'kind', message: 'field.oneOf', params: { choices: 'idea, survey' } },
    { field: 'email', message: 'field.emailInvalid' },
    { field: 'url', message: 'field.urlInvalid' },
    { field: 'id', message: 'field.idInvalid' },
    { field: 'on', message: 'field.dateInvalid' },
    { field: 'at', message: 'field.dateTimeInvalid' },
    { field: 'colour', message: 'field.pattern' },
    { field: 'tags', message: 'field.tooFew', params: { min: 2 } },
    { field: 'public', message: 'field.yesOrNo' },
    { field: 'mode', message: 'field.oneOf', params: { choices: 'online' } },
    { field: 'sources.1.url', message: 'field.urlInvalid' },
  ]);
});

test('TypeBox alone stops after eight issues; checked property by property, all fifteen are found', () => {
  assert.equal(Value.Errors(schema, bad).length, 8);
  assert.equal(new Set(fieldErrorsOf(schemaIssues(schema, bad)).map((f) => f.field)).size, 15);
});

test('missing fields are required; an empty text or list that needs one is required; the other limits', () => {
  assert.deepEqual(fieldErrorsOf(schemaIssues(schema, {})).map((f) => [f.field, f.message]), Object.keys(schema.properties).map((name) => [name, 'field.required']));
  const limits = fieldErrorsOf(schemaIssues(Type.Object({ a: Type.String({ minLength: 1 }), b: Type.Array(Type.String(), { minItems: 1 }), c: Type.Array(Type.String(), { maxItems: 1 }), d: Type.Integer({ maximum: 3 }), e: Type.Number({ exclusiveMinimum: 0 }) }), { a: '', b: [], c: ['x', 'y'], d: 4, e: 0 }));
  assert.deepEqual(limits, [
    { field: 'a', message: 'field.required' },
    { field: 'b', message: 'field.required' },
    { field: 'c', message: 'field.tooMany', params: { max: 1 } },
    { field: 'd', message: 'field.atMost', params: { max: 3 } },
    { field: 'e', message: 'field.above', params: { min: 0 } },
  ]);
});

test('text where a number belongs says which kind of number; a property the schema does not know is named', () => {
  const numbers = Type.Object({ whole: Type.Integer(), any: Type.Number(), list: Type.Array(Type.String()), text: Type.String() });
  assert.deepEqual(fieldErrorsOf(schemaIssues(numbers, { whole: 'tre', any: 2.5, list: 'x', text: 3 })), [
    { field: 'whole', message: 'field.wholeNumber' },
    { field: 'list', message: 'field.list' },
    { field: 'text', message: 'field.text' },
  ]);
  assert.deepEqual(fieldErrorsOf(schemaIssues(numbers, { whole: 2.5, any: 'x', list: [], text: '' })), [
    { field: 'whole', message: 'field.wholeNumber' },
    { field: 'any', message: 'field.number' },
  ]);
  const closed = Type.Object({ a: Type.String() }, { additionalProperties: false });
  assert.deepEqual(fieldErrorsOf(schemaIssues(closed, { a: 'x', b: 1 })), [{ field: 'b', message: 'field.unknown' }]);
  assert.deepEqual(fieldErrorsOf(schemaIssues(closed, 'text'), 'body'), [{ field: 'body', message: 'field.invalid' }]);
});

test("Ajv's issues (the API routes) map the same way: missingProperty, allowedValues, additionalProperty", () => {
  const issues = [
    { keyword: 'required', instancePath: '', params: { missingProperty: 'title' } },
    { keyword: 'const', instancePath: '/kind', params: { allowedValue: 'idea' } },
    { keyword: 'const', instancePath: '/kind', params: { allowedValue: 'survey' } },
    { keyword: 'anyOf', instancePath: '/kind', params: {} },
    { keyword: 'enum', instancePath: '/status', params: { allowedValues: ['open', 'closed'] } },
    { keyword: 'type', instancePath: '/count', params: { type: 'integer' } },
    { keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'extra' } },
    { keyword: 'required', instancePath: '/sources/0', params: { missingProperty: 'url' } },
  ];
  assert.deepEqual(fieldErrorsOf(issues), [
    { field: 'title', message: 'field.required' },
    { field: 'kind', message: 'field.oneOf', params: { choices: 'idea, survey' } },
    { field: 'status', message: 'field.oneOf', params: { choices: 'open, closed' } },
    { field: 'count', message: 'field.wholeNumber' },
    { field: 'extra', message: 'field.unknown' },
    { field: 'sources.0.url', message: 'field.required' },
  ]);
});

test('the messages are translated with their limits in every language', () => {
  const failure = { code: 'ValidationFailed' as const, fields: fieldErrorsOf(schemaIssues(schema, bad)) };
  for (const locale of ['nb', 'nn', 'sv', 'da', 'en'] as const) {
    const problem = problemOf(locale, failure);
    for (const f of problem.fields) assert.doesNotMatch(f.message, /^field\.|\{/, `${locale} ${f.field}: ${f.message}`);
    assert.match(problem.fields.find((f) => f.field === 'title')?.message ?? '', /5/);
    assert.match(problem.fields.find((f) => f.field === 'kind')?.message ?? '', /idea, survey/);
  }
  assert.equal(problemOf('nb', failure).fields.find((f) => f.field === 'count')?.message, 'Skriv et tall som er 1 eller større.');
});
