import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, compile, checkQuotas, type Category, type Person, type SelectionProblem, type QuotaChange } from './index.ts';

function person(id: string, sex: string, age: string): Person {
  return { id, values: { sex, age } };
}

/** Applies a relaxation to the categories. */
function relaxed(categories: readonly Category[], changes: readonly QuotaChange[]): Category[] {
  return categories.map((c) => ({
    name: c.name,
    values: c.values.map((v) => {
      let out = { ...v };
      for (const ch of changes) {
        if (ch.category === c.name && ch.value === v.value) out = { ...out, [ch.bound]: ch.to };
      }
      return out;
    }),
  }));
}

// Every woman is young: "≥ 3 women" and "≥ 3 old people" cannot both hold on a panel of 4, although each
// category on its own is fine.
const people = [
  ...Array.from({ length: 5 }, (_, i) => person(`fy${i}`, 'f', 'young')),
  ...Array.from({ length: 5 }, (_, i) => person(`my${i}`, 'm', 'young')),
  ...Array.from({ length: 5 }, (_, i) => person(`mo${i}`, 'm', 'old')),
];
const categories: Category[] = [
  { name: 'sex', values: [{ value: 'f', min: 3, max: 4 }, { value: 'm', min: 0, max: 4 }] },
  { name: 'age', values: [{ value: 'young', min: 0, max: 4 }, { value: 'old', min: 3, max: 4, minFlex: 3 }] },
];

test('per-category checks: sum of mins, sum of maxes and people available', () => {
  const problem: SelectionProblem = {
    people,
    k: 4,
    categories: [
      { name: 'sex', values: [{ value: 'f', min: 3, max: 4 }, { value: 'm', min: 2, max: 4 }] },
      { name: 'age', values: [{ value: 'young', min: 0, max: 1 }, { value: 'old', min: 0, max: 2 }] },
    ],
  };
  const compiled = compile(problem);
  assert.ok(compiled.ok);
  const issues = checkQuotas(compiled.compiled);
  assert.deepEqual(issues.map((i) => [i.kind, i.category]), [['min-sum-above-k', 'sex'], ['max-sum-below-k', 'age']]);
  const few = compile({ ...problem, categories: [{ name: 'sex', values: [{ value: 'f', min: 0, max: 4 }, { value: 'm', min: 0, max: 4 }] }, { name: 'age', values: [{ value: 'young', min: 0, max: 4 }, { value: 'old', min: 6, max: 6 }] }], k: 10 });
  assert.ok(few.ok);
  const fewIssues = checkQuotas(few.compiled);
  assert.ok(fewIssues.some((i) => i.kind === 'not-enough-people' && i.value === 'old' && /only 5 candidates/.test(i.message)));
});

test('infeasible quotas: the diagnosis names the quotas and the smallest relaxation, which works', async () => {
  const problem: SelectionProblem = { people, categories, k: 4 };
  const r = await analyze(problem);
  assert.ok(!r.ok);
  assert.equal(r.reason, 'infeasible');
  const d = r.diagnosis!;
  assert.equal(d.feasible, false);
  // "old" may not go below its min_flex of 3, so the women's min must drop from 3 to 1.
  assert.deepEqual(d.relaxation, [{ category: 'sex', value: 'f', bound: 'min', from: 3, to: 1 }]);
  assert.equal(d.withinFlex, true);
  assert.match(r.detail, /sex=f: min 3 → 1/);
  const fixed = await analyze({ ...problem, categories: relaxed(categories, d.relaxation) });
  assert.ok(fixed.ok);
  // Without the flex limit, relaxing either quota by 2 seats is equally small.
  const free = categories.map((c) => ({ ...c, values: c.values.map(({ minFlex: _minFlex, ...v }) => v) }));
  const r2 = await analyze({ ...problem, categories: free });
  assert.ok(!r2.ok);
  const total = r2.diagnosis!.relaxation.reduce((s, c) => s + Math.abs(c.to - c.from), 0);
  assert.equal(total, 2);
  assert.ok((await analyze({ ...problem, categories: relaxed(free, r2.diagnosis!.relaxation) })).ok);
});

test('a relaxation beyond the flex limits is flagged as such', async () => {
  const strict = categories.map((c) => ({ ...c, values: c.values.map((v) => ({ ...v, minFlex: v.min })) }));
  const r = await analyze({ people, categories: strict, k: 4 });
  assert.ok(!r.ok);
  assert.equal(r.diagnosis!.withinFlex, false);
  assert.match(r.detail, /beyond the min_flex\/max_flex limits/);
});

test('invalid input is refused with the field named', async () => {
  const r = await analyze({ people: [...people, person('fy0', 'f', 'old')], categories, k: 4 });
  assert.ok(!r.ok);
  assert.equal(r.reason, 'invalid-input');
  assert.match(r.detail, /person id "fy0" appears twice/);
  const unknown = await analyze({ people: [person('x', 'f', 'middle')], categories, k: 1 });
  assert.ok(!unknown.ok);
  assert.match(unknown.detail, /value "middle" is not a listed value of category "age"/);
});
