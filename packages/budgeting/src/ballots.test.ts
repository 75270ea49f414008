import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateBallot, type BallotContext } from './ballots.ts';

const projects = [
  { id: 'a', cost: 100 },
  { id: 'b', cost: 200 },
  { id: 'c', cost: 300 },
];
const codes = (ctx: BallotContext, projects: string[], points?: number[]) =>
  validateBallot(points === undefined ? { voter: 'x', projects } : { voter: 'x', projects, points }, ctx).map((v) => v.code);

test('approval ballot: length and cost limits, unknown and repeated projects', () => {
  const ctx: BallotContext = { voteType: 'approval', projects, rules: { minLength: 2, maxLength: 2, maxSumCost: 400 } };
  assert.deepEqual(codes(ctx, ['a', 'b']), []);
  assert.deepEqual(codes(ctx, ['a']), ['too-few-projects']);
  assert.deepEqual(codes(ctx, ['a', 'b', 'c']), ['too-many-projects', 'cost-above-maximum']);
  assert.deepEqual(codes(ctx, ['a', 'zz']), ['unknown-project']);
  assert.deepEqual(codes(ctx, ['a', 'a']), ['duplicate-project']);
  const v = validateBallot({ voter: 'x', projects: ['a'] }, ctx)[0]!;
  assert.equal(v.rule, 'min_length');
  assert.match(v.reason, /at least 2/);
  assert.deepEqual(codes({ ...ctx, rules: { minSumCost: 250 } }, ['a']), ['cost-below-minimum']);
});

test('choose-1 ballots must choose exactly one project', () => {
  const ctx: BallotContext = { voteType: 'choose-1', projects, rules: {} };
  assert.deepEqual(codes(ctx, ['a']), []);
  assert.deepEqual(codes(ctx, []), ['too-few-projects']);
  assert.deepEqual(codes(ctx, ['a', 'b']), ['too-many-projects']);
});

test('cumulative ballots: points required, whole, within per-project and total limits', () => {
  const ctx: BallotContext = {
    voteType: 'cumulative',
    projects,
    rules: { minPoints: 1, maxPoints: 5, maxSumPoints: 6, minSumPoints: 2 },
  };
  assert.deepEqual(codes(ctx, ['a', 'b'], [3, 3]), []);
  assert.deepEqual(codes(ctx, ['a', 'b']), ['points-missing']);
  assert.deepEqual(codes(ctx, ['a', 'b'], [3]), ['points-missing']);
  assert.deepEqual(codes(ctx, ['a', 'b'], [6, 1]), ['points-above-maximum', 'points-total-above-maximum']);
  assert.deepEqual(codes(ctx, ['a'], [0]), ['points-below-minimum', 'points-total-below-minimum']);
  assert.deepEqual(codes(ctx, ['a', 'b'], [1.5, 1]), ['points-not-integer']);
});

test('ordinal ballots need no points; scoring ballots do', () => {
  assert.deepEqual(codes({ voteType: 'ordinal', projects, rules: { maxLength: 3 } }, ['c', 'a']), []);
  assert.deepEqual(codes({ voteType: 'scoring', projects, rules: {} }, ['c']), ['points-missing']);
});
