import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balancedDesign } from './balanced.ts';
import { analyze, checkPanel, compile, type SelectionProblem } from './index.ts';
import { randomProblem, supportPanels } from './testkit.ts';

test('balanced design: every panel meets every quota and every candidate sits equally often', () => {
  let found = 0;
  for (let seed = 1; seed <= 8; seed++) {
    for (const [n, k] of [[40, 8], [30, 4]] as const) {
      const problem = randomProblem(seed, n, k, false);
      const compiled = compile(problem);
      assert.ok(compiled.ok);
      const c = compiled.compiled;
      const design = balancedDesign(c);
      if (design === null) continue;
      found++;
      const times = new Array<number>(c.groups.length).fill(0);
      for (const panel of design) {
        const ids = Array.from(panel.groups, (g, i) => c.groups[g]!.members.slice(0, panel.counts[i]!).map((m) => c.people[m]!.id)).flat();
        assert.equal(ids.length, k);
        assert.deepEqual(checkPanel(problem, ids), { ok: true });
        panel.groups.forEach((g, i) => {
          assert.ok(panel.counts[i]! <= c.groups[g]!.members.length);
          times[g]! += panel.counts[i]!;
        });
      }
      // Each member of group g sits times[g] / |g| times out of design.length panels: k / n of them.
      c.groups.forEach((g, gi) => assert.ok(Math.abs(times[gi]! / g.members.length / design.length - k / n) < 1e-12));
    }
  }
  assert.ok(found >= 4, `a balanced design was found for only ${found} of 16 pools`);
});

test('balanced design: refused when a quota excludes the average share; LEXIMIN is then solved as before', async () => {
  // 12 people, half "a"; k = 4 with exactly 3 "a" seats: the average share (2) is outside the quota.
  const people = Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, values: { x: i % 2 === 0 ? 'a' : 'b' } }));
  const problem: SelectionProblem = { people, categories: [{ name: 'x', values: [{ value: 'a', min: 3, max: 3 }, { value: 'b', min: 1, max: 1 }] }], k: 4 };
  const compiled = compile(problem);
  assert.ok(compiled.ok);
  assert.equal(balancedDesign(compiled.compiled), null);
  const result = await analyze(problem, { algorithm: 'leximin' });
  assert.ok(result.ok);
  assert.ok(Math.abs(result.probabilities['p0']! - 0.5) < 1e-7);
  assert.ok(Math.abs(result.probabilities['p1']! - 1 / 6) < 1e-7);
});

test('LEXIMIN from a balanced design equals LEXIMIN by column generation', async () => {
  let compared = 0;
  for (let seed = 1; seed <= 8; seed++) {
    const problem = randomProblem(seed, 40, 8, false);
    const compiled = compile(problem);
    assert.ok(compiled.ok);
    if (balancedDesign(compiled.compiled) === null) continue;
    compared++;
    const fast = await analyze(problem, { algorithm: 'leximin' });
    const slow = await analyze(problem, { algorithm: 'leximin', balancedDesign: false });
    assert.ok(fast.ok && slow.ok);
    assert.equal(fast.stats.lpCalls, 0);
    for (const person of problem.people) {
      assert.ok(Math.abs(fast.probabilities[person.id]! - slow.probabilities[person.id]!) < 1e-6, `seed ${seed} ${person.id}`);
    }
    for (const panel of supportPanels(fast.lottery)) assert.deepEqual(checkPanel(problem, panel), { ok: true });
  }
  assert.ok(compared >= 2, `only ${compared} pools had a balanced design`);
});
