import { test } from 'node:test';
import assert from 'node:assert/strict';
import Type from 'typebox';
import { contract, formValues, parseInput } from './contract.ts';
import { problemOf, renameFields, statusOf } from './errors.ts';
import { voterCookie } from './voter.ts';
import { oneOf } from './schemas.ts';

const example = contract({
  name: 'example',
  summary: 'An example',
  input: Type.Object({
    title: Type.String({ maxLength: 5 }),
    count: Type.Integer(),
    limit: Type.Optional(Type.Integer()),
    public: Type.Optional(Type.Boolean()),
    tags: Type.Optional(Type.Array(Type.String())),
    kind: oneOf(['a', 'b'] as const),
    on: Type.Optional(Type.String({ format: 'date' })),
  }),
  output: Type.Object({ ok: Type.Literal(true) }),
});

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
}

test('a form becomes the schema shape: integers, booleans, lines as arrays; optional numbers left empty are left out', () => {
  const values = formValues(example, form([['title', 'Hei'], ['count', '3'], ['limit', ''], ['public', 'on'], ['tags', 'en\n\n to \n'], ['kind', 'b'], ['ignored', 'x']]));
  assert.deepEqual(values, { title: 'Hei', count: 3, public: true, tags: ['en', 'to'], kind: 'b' });
  const parsed = parseInput(example, values);
  assert.deepEqual(parsed, { ok: true, value: values });
  assert.deepEqual(formValues(example, form([['tags', 'x'], ['tags', 'y']]), { title: 'from the address' }), { title: 'from the address', public: false, tags: ['x', 'y'] });
});

test('refused input names each field once with a message key', () => {
  const parsed = parseInput(example, formValues(example, form([['title', 'Altfor lang'], ['count', 'tre'], ['kind', 'c'], ['on', '2026-13-01']])));
  assert.equal(parsed.ok, false);
  assert.deepEqual(!parsed.ok && parsed.fields, [
    { field: 'title', message: 'field.tooLong', params: { max: 5 } },
    { field: 'count', message: 'field.wholeNumber' },
    { field: 'kind', message: 'field.oneOf', params: { choices: 'a, b' } },
    { field: 'on', message: 'field.dateInvalid' },
  ]);
  const missing = parseInput(example, {});
  assert.deepEqual(!missing.ok && missing.fields?.map((f) => [f.field, f.message]), [
    ['title', 'field.required'],
    ['count', 'field.required'],
    ['kind', 'field.required'],
  ]);
});

test('one table: the status and translated problem of a failure, the same for the API and the forms', () => {
  assert.equal(statusOf.NotFound, 404);
  assert.equal(statusOf.PhaseClosed, 409);
  const problem = problemOf('en', renameFields({ ok: false, code: 'ValidationFailed', fields: [{ field: 'title', message: 'field.tooLong', params: { max: 200 } }] }, { title: 'phaseTitle' }));
  assert.equal(problem.status, 400);
  assert.deepEqual(problem.fields.map((f) => f.field), ['phaseTitle']);
  assert.match(problem.fields[0]?.message ?? '', /200/);
  assert.notEqual(problemOf('nb', { code: 'NotFound' }).message, problemOf('en', { code: 'NotFound' }).message);
});

test('the voter cookie is made once, only for a visitor who writes', () => {
  assert.deepEqual(voterCookie({ production: true, signedIn: true, existing: undefined, create: true }), { token: null, set: null });
  assert.deepEqual(voterCookie({ production: false, signedIn: false, existing: undefined, create: false }), { token: null, set: null });
  const kept = 'k'.repeat(32);
  assert.deepEqual(voterCookie({ production: false, signedIn: false, existing: kept, create: true }), { token: kept, set: null });
  const made = voterCookie({ production: true, signedIn: false, existing: 'short', create: true });
  assert.equal(made.set?.name, '__Host-ts_voter');
  assert.equal(made.set?.value, made.token);
  assert.equal(made.set?.options.secure, true);
  assert.ok((made.token ?? '').length >= 20);
});
