import { test } from 'node:test';
import assert from 'node:assert/strict';
import { select, roundToUniform, verifyDraw, drawIndex, checkPanel, parseLotteryText, drawReplacements } from './index.ts';
import { randomProblem } from './testkit.ts';

test('rounding to m equally likely panels: every panel is valid and the reported deviation is exact', async () => {
  const problem = randomProblem(4, 40, 6, true);
  const result = await select(problem, { seed: 'x' });
  assert.ok(result.ok, !result.ok ? result.detail : '');
  const m = 200;
  const uniform = await roundToUniform(result, problem.people.map((p) => p.id), { m });
  assert.equal(uniform.panels.length, m);
  for (const panel of uniform.panels) assert.deepEqual(checkPanel(problem, panel), { ok: true });
  let worst = 0;
  for (const person of problem.people) {
    const count = uniform.panels.filter((p) => p.includes(person.id)).length;
    worst = Math.max(worst, Math.abs(count / m - result.probabilities[person.id]!));
  }
  assert.ok(Math.abs(worst - uniform.maxDeviation) < 1e-12);
  // Rounding costs at most a few 1/m per person in practice (Flanigan, Kehne, Procaccia 2021).
  assert.ok(uniform.maxDeviation <= 5 / m, `max deviation ${uniform.maxDeviation}`);
  assert.deepEqual(parseLotteryText(uniform.text), uniform.panels);
});

test('verify re-computes the draw from the published list, hash and public seed', async () => {
  const problem = randomProblem(5, 36, 5, false);
  const result = await select(problem, { seed: 1 });
  assert.ok(result.ok);
  const uniform = await roundToUniform(result, problem.people.map((p) => p.id), { m: 50 });
  const index = drawIndex('lottery balls 7 19 23', 50);
  const claimed = uniform.panels[index]!;
  const v = verifyDraw({ lotteryText: uniform.text, publicSeed: 'lottery balls 7 19 23', publishedHash: uniform.hash, claimedPanel: claimed });
  assert.equal(v.ok, true);
  assert.equal(v.index, index);
  assert.deepEqual(v.panel, claimed);
  // Numeric seeds are taken modulo m, so they can be checked by hand.
  assert.equal(drawIndex('1234', 50), 34);
  // A changed list no longer matches the published hash; a different panel is not the draw.
  const tampered = uniform.text.replace(/^[^\n]*\n/, uniform.text.split('\n')[1] + '\n');
  const bad = verifyDraw({ lotteryText: tampered, publicSeed: 'lottery balls 7 19 23', publishedHash: uniform.hash });
  assert.equal(bad.ok, false);
  assert.equal(bad.hashMatches, false);
  const other = uniform.panels.find((p) => p.join() !== claimed.join());
  if (other) {
    const wrong = verifyDraw({ lotteryText: uniform.text, publicSeed: 'lottery balls 7 19 23', publishedHash: uniform.hash, claimedPanel: other });
    assert.equal(wrong.ok, false);
    assert.equal(wrong.panelMatches, false);
  }
});

test('replacements keep the stayers, exclude the drop-outs and meet every quota', async () => {
  const problem = randomProblem(6, 48, 7, true);
  const first = await select(problem, { seed: 'first' });
  assert.ok(first.ok, !first.ok ? first.detail : '');
  const dropouts = first.panel.slice(0, 2);
  const r = await drawReplacements(problem, first.panel, dropouts, { seed: 'replace' });
  assert.ok(r.ok, !r.ok ? r.detail : '');
  assert.equal(r.panel.length, problem.k);
  assert.equal(r.replacements.length, 2);
  for (const id of first.panel.slice(2)) assert.ok(r.panel.includes(id));
  for (const id of dropouts) assert.ok(!r.panel.includes(id));
  assert.deepEqual(checkPanel(problem, r.panel), { ok: true });
  const again = await drawReplacements(problem, first.panel, dropouts, { seed: 'replace' });
  assert.ok(again.ok);
  assert.deepEqual(again.replacements, r.replacements);
  const bad = await drawReplacements(problem, first.panel, ['nobody'], { seed: 1 });
  assert.ok(!bad.ok);
  assert.match(bad.detail, /"nobody" is not on the panel/);
});
