import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpinionResult } from '@tingsted/opinions';
import { buildResultsView } from './results-view.ts';

/** A result of two groups (four people and one) on three statements, as the opinions package gives it. */
function result(): OpinionResult {
  const member = (pid: number, group: number) => ({ pid: String(pid), x: pid, y: group, group });
  return {
    nParticipants: 5,
    nVotes: 15,
    statements: ['1', '2', '3'],
    participants: [member(0, 0), member(1, 0), member(2, 0), member(3, 0), member(4, 1)],
    groups: [
      { id: 0, label: 'A', members: ['0', '1', '2', '3'], center: [1.5, 0] },
      { id: 1, label: 'B', members: ['4'], center: [4, 1] },
    ],
    groupVotes: [
      { group: 0, votes: [{ A: 4, D: 0, S: 4 }, { A: 1, D: 0, S: 4 }, { A: 0, D: 3, S: 4 }] },
      { group: 1, votes: [{ A: 0, D: 1, S: 1 }, { A: 0, D: 0, S: 1 }, { A: 1, D: 0, S: 1 }] },
    ],
    // Pol.is's smoothed estimate for 4 of 4 is (4 + 1) / (4 + 2) ≈ 83 %: never to be shown.
    repness: { '0': [{ statement: '1', 'repful-for': 'agree', 'p-success': 5 / 6, 'n-trials': 4 }], '1': [{ statement: '3', 'repful-for': 'agree', 'p-success': 2 / 3, 'n-trials': 1 }] },
    consensus: { agree: [{ statement: '1' }, { statement: '2' }], disagree: [] },
    bridging: [{ statement: '2', score: 0.9, polarity: 0, votes: 5 }, { statement: '1', score: 0.5, polarity: 0.1, votes: 5 }],
    priorities: [],
  } as unknown as OpinionResult;
}

test('figures are raw counts and shares; one-person groups are not groups; mostly-passed statements are neither consensus nor bridging', () => {
  const totals = new Map<number, [number, number, number]>([[1, [4, 1, 0]], [2, [1, 0, 4]], [3, [1, 3, 1]]]);
  const view = buildResultsView(result(), 3, totals);
  assert.deepEqual(view.groups.map((g) => [g.label, g.size]), [['A', 4]], 'the group of one is drawn as people not in a group');
  assert.equal(view.nInGroups, 4);
  assert.ok(view.ungrouped.includes('h0'));
  assert.deepEqual(view.groups[0]?.repness, [{ number: 1, side: 'agree', count: 4, seen: 4, percent: 100, votes: 4 }], '4 of 4 is 100 %, not 83 %');
  assert.deepEqual(view.consensus.agree, [{ number: 1, count: 4, seen: 5, percent: 80 }], 'statement 2, which 4 of 5 passed on, is left out');
  assert.deepEqual(view.bridging.map((b) => b.number), [1]);
});
