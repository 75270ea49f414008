import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tally } from './tally.ts';
import { byCode, approvalElection } from './helpers.test-util.ts';

// Votes: A 4, B 3, C 2, D 1. Costs: A 6, B 5, C 3, D 1. Budget 10.
const e = approvalElection(10, { A: 6, B: 5, C: 3, D: 1 }, [['A', 'B', 'C', 'D'], ['A', 'B', 'C'], ['A', 'B'], ['A']]);

test('greedy skips a project that does not fit and names the project that took its place', () => {
  const r = tally(e, { rule: 'greedy' });
  assert.deepEqual(r.selected, ['A', 'C', 'D']);
  assert.equal(r.cost, 10);
  const b = r.explanations.projects.find((p) => p.project === 'B')!;
  assert.equal(b.reason, 'over-budget');
  assert.equal(b.displacedBy, 'A');
  assert.equal(b.effectiveVotes, 3);
});

test('greedy without skipping stops at the first project that does not fit', () => {
  const r = tally(e, { rule: 'greedy-no-skip' });
  assert.deepEqual(r.selected, ['A']);
  const c = r.explanations.projects.find((p) => p.project === 'C')!;
  assert.equal(c.reason, 'not-reached');
  assert.equal(c.displacedBy, 'B');
});

test('greedy with a vote threshold leaves out projects below it', () => {
  const r = tally(e, { rule: 'greedy', threshold: 3 });
  assert.deepEqual(r.selected, ['A']);
  assert.equal(r.explanations.projects.find((p) => p.project === 'C')!.reason, 'below-threshold');
});

test('greedy by score ranks by points (ordinal 3-2-1), not by number of votes', () => {
  const ord = {
    ...approvalElection(5, { A: 3, B: 3, C: 2 }, []),
    voteType: 'ordinal' as const,
    ordinalScoring: [3, 2, 1],
    ballots: [
      { voter: 'v1', projects: ['B', 'A', 'C'] },
      { voter: 'v2', projects: ['B', 'C', 'A'] },
      { voter: 'v3', projects: ['A'] },
    ],
  };
  // Scores: A 2+1+3 = 6, B 3+3 = 6, C 1+2 = 3. A and B tie on score and cost; A has more votes (3 vs 2).
  const r = tally(ord, { rule: 'greedy', by: 'score' });
  assert.deepEqual(r.explanations.projects.map((p) => p.score), [6, 6, 3]);
  assert.deepEqual(r.selected, ['A', 'C']);
  assert.equal(r.ties[0]!.decidedBy, 'most-votes');
  const byVotes = tally(ord, { rule: 'greedy', by: 'votes' });
  assert.deepEqual(byVotes.selected, ['A', 'C']);
});

test('default tie-break: lowest cost, then most votes, then a seeded lot that can be re-run', () => {
  const tie = approvalElection(6, { P: 5, Q: 4, R: 5 }, [['P', 'Q', 'R'], ['P', 'Q', 'R']]);
  assert.deepEqual(tally(tie, { rule: 'greedy' }).selected, ['Q']);
  const tie2 = approvalElection(5, { P: 5, R: 5 }, [['P', 'R']]);
  const draws = new Set<string>();
  for (let s = 0; s < 20; s++) {
    const a = tally(tie2, { rule: 'greedy', seed: `s${s}` });
    const b = tally(tie2, { rule: 'greedy', seed: `s${s}` });
    assert.deepEqual(a.selected, b.selected, 'same seed, same lot');
    assert.equal(a.ties[0]!.decidedBy, 'lot');
    draws.add(a.selected[0]!);
  }
  assert.deepEqual([...draws].sort(byCode), ['P', 'R'], 'different seeds can give different winners');
  assert.deepEqual(tally(tie2, { rule: 'greedy', tieBreak: ['input-order'] }).selected, ['P']);
});

test('projects nobody chose are never funded', () => {
  const r = tally(approvalElection(100, { A: 1, Z: 1 }, [['A']]), { rule: 'greedy' });
  assert.deepEqual(r.selected, ['A']);
  assert.equal(r.explanations.projects.find((p) => p.project === 'Z')!.reason, 'no-support');
});
