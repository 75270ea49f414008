import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tally } from './tally.ts';
import { approvalElection } from './helpers.test-util.ts';
import { buildProfile } from './model.ts';
import { createTieBreaker, type TieBreaker } from './tiebreak.ts';
import { phragmen } from './phragmen.ts';
import { add, cmp, q, type Q } from './rational.ts';
import { createRandom, randomInt } from '@tingsted/random';
import type { Profile } from './model.ts';

test('sequential Phragmén funds the project that keeps the maximal load lowest', () => {
  // A (4) by v1..v4 → load 1. Then B (3, v1): (3 + 1) / 1 = 4; C (3, v5): 3 → C. Then B (fits: 3 left).
  const e = approvalElection(10, { A: 4, B: 3, C: 3 }, [['A', 'B'], ['A'], ['A'], ['A'], ['C']]);
  const r = tally(e, { rule: 'phragmen' });
  assert.deepEqual(r.selected, ['A', 'C', 'B']);
  assert.equal(r.cost, 10);
  const v1 = r.explanations.voters.find((v) => v.voter === 'v1')!;
  assert.deepEqual(v1.payments.map((p) => [p.project, p.exact]), [['A', '1'], ['B', '3']]);
});

test('sequential Phragmén skips projects that no longer fit', () => {
  const e = approvalElection(5, { A: 4, B: 3, C: 1 }, [['A'], ['A'], ['A'], ['A'], ['B', 'C']]);
  const r = tally(e, { rule: 'phragmen' });
  // A: 1; C: 1 → tie, lower cost C first. Then A (load 1). B no longer fits (5 − 5 = 0 left).
  assert.deepEqual(r.selected, ['C', 'A']);
  assert.equal(r.ties[0]!.decidedBy, 'lowest-cost');
  const b = r.explanations.projects.find((p) => p.project === 'B')!;
  assert.equal(b.reason, 'over-budget');
  assert.equal(b.displacedBy, 'A');
});

/** Textbook sequential Phragmén with one rational load per voter class, every candidate every round. */
function reference(p: Profile, tie: TieBreaker): number[] {
  const load: Q[] = p.classes.map(() => q(0));
  const selected: number[] = [];
  let left = p.budget;
  const done = new Set<number>();
  for (;;) {
    let best: number[] = [];
    let bestT: Q | undefined;
    for (let j = 0; j < p.ids.length; j++) {
      if (done.has(j) || p.votes[j] === 0 || p.cost[j]! > left) continue;
      let sum = q(p.cost[j]!);
      for (const ci of p.approvers[j]!) sum = add(sum, q(load[ci]!.n * BigInt(p.classes[ci]!.weight), load[ci]!.d));
      const t = q(sum.n, sum.d * BigInt(p.votes[j]!));
      const c = bestT === undefined ? -1 : cmp(t, bestT);
      if (c < 0) {
        best = [j];
        bestT = t;
      } else if (c === 0) best.push(j);
    }
    if (bestT === undefined) return selected;
    const w = tie.pick(best);
    selected.push(w);
    done.add(w);
    left -= p.cost[w]!;
    for (const ci of p.approvers[w]!) load[ci] = bestT;
  }
}

test('sequential Phragmén agrees with a textbook implementation on 200 random elections', () => {
  for (let s = 0; s < 200; s++) {
    const random = createRandom(`phragmen-${s}`, 'test');
    const below = (n: number): number => randomInt(random, n);
    const m = 3 + below(6);
    const costs: Record<string, number> = {};
    for (let j = 0; j < m; j++) costs[`p${j}`] = [1, 2, 3, 6][below(4)]! * (1 + below(3));
    const votes = Array.from({ length: 3 + below(20) }, () => Object.keys(costs).filter(() => below(3) === 0));
    const total = Object.values(costs).reduce((a, b) => a + b, 0);
    const p = buildProfile(approvalElection(Math.max(1, Math.floor(total * 0.6)), costs, votes));
    const tie = createTieBreaker(p, { seed: s });
    assert.deepEqual(phragmen(p, tie).selected, reference(p, tie), `seed ${s}`);
  }
});
