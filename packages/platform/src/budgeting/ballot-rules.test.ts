import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBallot, ineligibility, rankPoints, receiptCode, type BallotDesign } from './ballot-rules.ts';

const design = (over: Partial<BallotDesign>): BallotDesign => ({
  ballot_kind: 'basket',
  min_projects: null,
  max_projects: null,
  points_total: null,
  rank_limit: null,
  voters: 'residents',
  min_age: null,
  ...over,
});
// Four projects on the ballot paper, in number order: id → cost.
const costs = new Map([
  ['a', 60_000],
  ['b', 50_000],
  ['c', 30_000],
  ['d', 10_000],
]);
const fieldsOf = (result: ReturnType<typeof checkBallot>) => (result.ok ? [] : (result.fields ?? []).map((f) => ({ field: f.field, message: f.message, ...(f.params ? { params: f.params } : {}) })));

test('basket: within the budget passes; over the budget, too few or too many is BallotInvalid naming projects', () => {
  const basket = design({ ballot_kind: 'basket', min_projects: 2, max_projects: 3 });
  assert.deepEqual(checkBallot(basket, 100_000, costs, { projects: ['a', 'c'] }), { ok: true, value: { projects: ['a', 'c'], points: null } });
  const over = checkBallot(basket, 100_000, costs, { projects: ['a', 'b'] });
  assert.equal(!over.ok && over.code, 'BallotInvalid');
  assert.deepEqual(fieldsOf(over), [{ field: 'projects', message: 'budgeting.ballot.overBudget', params: { total: 110_000, budget: 100_000 } }]);
  assert.deepEqual(fieldsOf(checkBallot(basket, 100_000, costs, { projects: ['d'] })), [{ field: 'projects', message: 'budgeting.ballot.tooFew', params: { min: 2 } }]);
  assert.deepEqual(fieldsOf(checkBallot(basket, 1_000_000, costs, { projects: ['a', 'b', 'c', 'd'] })), [{ field: 'projects', message: 'budgeting.ballot.tooMany', params: { max: 3 } }]);
  assert.deepEqual(fieldsOf(checkBallot(basket, 100_000, costs, { projects: ['c', 'c'] })), [{ field: 'projects', message: 'budgeting.ballot.duplicate' }]);
  assert.deepEqual(fieldsOf(checkBallot(basket, 100_000, costs, { projects: ['d', 'x'] })), [{ field: 'projects', message: 'budgeting.ballot.unknownProject' }]);
  // An empty ballot chooses nothing: at least one project.
  assert.deepEqual(fieldsOf(checkBallot(design({}), 100_000, costs, { projects: [] })), [{ field: 'projects', message: 'budgeting.ballot.tooFew', params: { min: 1 } }]);
  // The ballot of another kind's shape names the field this kind needs.
  assert.deepEqual(fieldsOf(checkBallot(basket, 100_000, costs, { ranking: ['a'] })), [{ field: 'projects', message: 'field.required' }]);
});

test('approval has no spending limit, only the number of projects', () => {
  const approval = design({ ballot_kind: 'approval', max_projects: 3 });
  assert.equal(checkBallot(approval, 10, costs, { projects: ['a', 'b', 'c'] }).ok, true);
  assert.deepEqual(fieldsOf(checkBallot(approval, 10, costs, { projects: ['a', 'b', 'c', 'd'] })), [{ field: 'projects', message: 'budgeting.ballot.tooMany', params: { max: 3 } }]);
});

test('points: exactly the total, whole numbers, zeros left out, stored in ballot-paper order', () => {
  const points = design({ ballot_kind: 'points', points_total: 10 });
  assert.deepEqual(checkBallot(points, 100_000, costs, { points: { d: 3, a: 7, b: 0 } }), { ok: true, value: { projects: ['a', 'd'], points: [7, 3] } });
  assert.deepEqual(fieldsOf(checkBallot(points, 100_000, costs, { points: { a: 7, d: 2 } })), [{ field: 'points', message: 'budgeting.ballot.pointsTotal', params: { required: 10, total: 9 } }]);
  assert.deepEqual(fieldsOf(checkBallot(points, 100_000, costs, { points: { a: 11, d: -1 } })), [{ field: 'points', message: 'budgeting.ballot.pointsInvalid' }]);
  assert.deepEqual(fieldsOf(checkBallot(points, 100_000, costs, { points: { a: 5, x: 5 } })), [{ field: 'points', message: 'budgeting.ballot.unknownProject' }]);
  assert.deepEqual(fieldsOf(checkBallot(points, 100_000, costs, { projects: ['a'] })), [{ field: 'points', message: 'field.required' }]);
});

test('ranking: 1 to K distinct projects, best first, counted as Borda points K, K−1, …', () => {
  const ranking = design({ ballot_kind: 'ranking', rank_limit: 3 });
  assert.deepEqual(checkBallot(ranking, 100_000, costs, { ranking: ['c', 'a'] }), { ok: true, value: { projects: ['c', 'a'], points: null } });
  assert.deepEqual(fieldsOf(checkBallot(ranking, 100_000, costs, { ranking: ['a', 'b', 'c', 'd'] })), [{ field: 'ranking', message: 'budgeting.ballot.tooMany', params: { max: 3 } }]);
  assert.deepEqual(fieldsOf(checkBallot(ranking, 100_000, costs, { ranking: ['a', 'a'] })), [{ field: 'ranking', message: 'budgeting.ballot.duplicate' }]);
  assert.deepEqual(fieldsOf(checkBallot(ranking, 100_000, costs, { ranking: [] })), [{ field: 'ranking', message: 'budgeting.ballot.tooFew', params: { min: 1 } }]);
  assert.deepEqual(rankPoints(ranking, 2), [3, 2]);
});

test('eligibility: district by registered area, citywide by voter group, minimum age by year of birth', () => {
  const residents = design({ voters: 'residents', min_age: 16 });
  const everyone = design({ voters: 'everyone' });
  const sentrum = { area: 'Sentrum' };
  const citywide = { area: null };
  assert.equal(ineligibility(residents, sentrum, { area: 'Sentrum', birthYear: 1990 }, 2026), null);
  assert.equal(ineligibility(residents, sentrum, { area: 'Nordbyen', birthYear: 1990 }, 2026), 'budgeting.eligibility.otherArea');
  assert.equal(ineligibility(residents, sentrum, { area: null, birthYear: 1990 }, 2026), 'budgeting.eligibility.areaMissing');
  assert.equal(ineligibility(residents, citywide, { area: null, birthYear: 1990 }, 2026), 'budgeting.eligibility.areaMissing');
  assert.equal(ineligibility(residents, citywide, { area: 'Nordbyen', birthYear: 1990 }, 2026), null);
  assert.equal(ineligibility(residents, citywide, { area: 'Nordbyen', birthYear: null }, 2026), 'budgeting.eligibility.birthYearMissing');
  // Age is the current year minus the year of birth: 2010 is 16 in 2026, 2011 is 15.
  assert.equal(ineligibility(residents, citywide, { area: 'Sentrum', birthYear: 2010 }, 2026), null);
  assert.equal(ineligibility(residents, citywide, { area: 'Sentrum', birthYear: 2011 }, 2026), 'budgeting.eligibility.tooYoung');
  assert.equal(ineligibility(everyone, citywide, { area: null, birthYear: null }, 2026), null);
  assert.equal(ineligibility(everyone, sentrum, { area: null, birthYear: null }, 2026), 'budgeting.eligibility.areaMissing');
});

test('receipt codes are 10 characters without look-alikes, and differ', () => {
  const codes = new Set(Array.from({ length: 200 }, () => receiptCode()));
  assert.equal(codes.size, 200);
  for (const code of codes) assert.match(code, /^[2-9A-HJ-NP-Z]{10}$/);
});
