import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tally } from './tally.ts';
import { approvalElection } from './helpers.test-util.ts';

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
