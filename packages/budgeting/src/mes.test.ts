import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tally } from './tally.ts';
import { buildProfile } from './model.ts';
import { mesGrouped } from './mes.ts';
import { mesGeneral } from './mes-general.ts';
import { mesPerVoter } from './mes-points.ts';
import { createTieBreaker } from './tiebreak.ts';
import { createRandom, randomInt, type RandomSource } from '@tingsted/random';
import { BUDGETING_NAMESPACE } from './tiebreak.ts';

/** A test's generator: integers below n from @tingsted/random, budgeting namespace. */
function createRng(seed: string | number): { below(n: number): number } {
  const random: RandomSource = createRandom(seed, BUDGETING_NAMESPACE);
  return { below: (n) => randomInt(random, n) };
}
import { q } from './rational.ts';
import { byCode, approvalElection, fadd, feq, fle, frac } from './helpers.test-util.ts';

test('MES: cost utilities fund the broad project, approval utilities the cheap ones (tie by lot is seeded)', () => {
  // 4 voters, budget 40 → 10 each. X (40) has everyone; Y (4) has v1; Z (4) has v2.
  const e = approvalElection(40, { X: 40, Y: 4, Z: 4 }, [['X', 'Y'], ['X', 'Z'], ['X'], ['X']]);
  const cost = tally(e, { rule: 'mes' });
  assert.deepEqual(cost.selected, ['X']);
  assert.equal(cost.explanations.projects.find((p) => p.project === 'X')!.effectiveVotesExact, '4');
  const appr = tally(e, { rule: 'mes', utility: 'approval' });
  assert.deepEqual([...appr.selected].sort(byCode), ['Y', 'Z']);
  // Y and Z tie on payment, cost and votes: the lot decides, and the same seed gives the same order.
  assert.equal(appr.ties.length, 1);
  assert.equal(appr.ties[0]!.decidedBy, 'lot');
  const again = tally(e, { rule: 'mes', utility: 'approval' });
  assert.deepEqual(again.selected, appr.selected);
  const x = appr.explanations.projects.find((p) => p.project === 'X')!;
  assert.equal(x.selected, false);
  assert.equal(x.reason, 'supporters-ran-out');
  // After the first of Y, Z is funded, X's supporters hold 36 < 40.
  assert.equal(x.displacedBy, appr.selected[0]);
});

test('MES: a voter who cannot pay the equal split pays what is left; payments are exact', () => {
  // 3 voters, 10 each. Approval utilities: A (6, v1) has ρ = 6 < C's 7, so A first; then C (21, all):
  // v1 has 4 left and pays it, v2 and v3 pay (21 − 4) / 2 = 17/2 each. Effective votes 21 ÷ 17/2 = 42/17.
  const e = approvalElection(30, { A: 6, C: 21 }, [['A', 'C'], ['C'], ['C']]);
  const r = tally(e, { rule: 'mes', utility: 'approval' });
  assert.deepEqual(r.selected, ['A', 'C']);
  assert.equal(r.cost, 27);
  assert.equal(r.explanations.projects.find((p) => p.project === 'C')!.effectiveVotesExact, '42/17');
  const v1 = r.explanations.voters.find((v) => v.voter === 'v1')!;
  assert.deepEqual(v1.payments.map((p) => [p.project, p.exact]), [['A', '6'], ['C', '4']]);
  const v2 = r.explanations.voters.find((v) => v.voter === 'v2')!;
  assert.deepEqual(v2.payments.map((p) => [p.project, p.exact]), [['C', '17/2']]);
  assert.deepEqual(v2.funded, ['C']);
});

test('Add1 raises the endowment until the outcome overspends; the exhaustive variant stops earlier', () => {
  // v1 wants X (6); v2 wants Y (4) and Z (5). Budget 10 → 5 each: only Y.
  // Endowment 6..8: X and Y (cost 10). Endowment 9: X, Y, Z (cost 15) overspends → keep 8.
  const e = approvalElection(10, { X: 6, Y: 4, Z: 5 }, [['X'], ['Y', 'Z']]);
  assert.deepEqual(tally(e, { rule: 'mes' }).selected, ['Y']);
  const add1 = tally(e, { rule: 'mes-add1' });
  assert.deepEqual([...add1.selected].sort(byCode), ['X', 'Y']);
  assert.equal(add1.details.endowment, '8');
  const exh = tally(e, { rule: 'mes-add1-exhaustive' });
  assert.deepEqual([...exh.selected].sort(byCode), ['X', 'Y']);
  assert.equal(exh.details.endowment, '6');
});

test('utilitarian completion adds what still fits by votes; the comparison step can switch to greedy', () => {
  // 4 voters, budget 10 → 2.5 each. X (9) is backed by 3 voters holding 7.5: MES cannot fund it.
  const e = approvalElection(10, { X: 9, Y: 1, W: 5 }, [['X'], ['X'], ['X', 'W'], ['Y']]);
  const plain = tally(e, { rule: 'mes' });
  assert.deepEqual(plain.selected, ['Y']);
  const completed = tally(e, { rule: 'mes', utilitarianCompletion: true });
  assert.deepEqual(completed.selected, ['Y', 'X']);
  assert.equal(completed.explanations.projects.find((p) => p.project === 'X')!.reason, 'funded-in-completion');
  const compared = tally(e, { rule: 'mes', comparison: 'cardinality' });
  // Greedy funds X and Y: three voters prefer that, nobody prefers MES's {Y}.
  assert.deepEqual(compared.selected, ['X', 'Y']);
  assert.equal(compared.details.comparisonSwitchedToGreedy, true);
  assert.equal(compared.details.prefersGreedy, 3);
});

function randomElection(seed: number) {
  const rng = createRng(seed);
  const m = 3 + rng.below(6);
  const n = 4 + rng.below(25);
  const costs: Record<string, number> = {};
  // Few distinct costs and small counts make exact ties likely.
  for (let j = 0; j < m; j++) costs[`p${j}`] = [2, 3, 4, 6, 12][rng.below(5)]! * (1 + rng.below(3));
  const votes: string[][] = [];
  for (let i = 0; i < n; i++) {
    const b: string[] = [];
    for (let j = 0; j < m; j++) if (rng.below(3) === 0) b.push(`p${j}`);
    votes.push(b);
  }
  const total = Object.values(costs).reduce((s, c) => s + c, 0);
  return approvalElection(Math.max(1, Math.floor(total * (0.3 + rng.below(50) / 100))), costs, votes);
}

test('grouped and general MES engines agree exactly on 300 random elections (both utilities, with ties)', () => {
  let ties = 0;
  for (let s = 0; s < 300; s++) {
    const p = buildProfile(randomElection(s));
    const tie = createTieBreaker(p, { seed: s });
    for (const utility of ['cost', 'approval'] as const) {
      const endowment = q(p.budget, p.voterCount);
      const a = mesGrouped(p, tie, { utility, endowment, explain: false });
      const b = mesGeneral(p, tie, { utility, endowment, explain: false });
      assert.deepEqual(a.selected, b.selected, `seed ${s} ${utility}`);
      assert.equal(a.ties.length, b.ties.length, `seed ${s} ${utility} ties`);
      ties += a.ties.length;
      const full = mesGrouped(p, tie, { utility, endowment, explain: true });
      assert.deepEqual(full.selected, a.selected, `seed ${s}: pruning must not change the outcome`);
    }
  }
  assert.ok(ties > 20, `the random set exercises ties (${ties})`);
});

test('MES payments: each funded project is paid exactly; nobody pays more than the endowment', () => {
  for (let s = 0; s < 60; s++) {
    const e = randomElection(1000 + s);
    const r = tally(e, { rule: 'mes' });
    const endowment: [bigint, bigint] = [BigInt(e.budget), BigInt(e.ballots.length)];
    const paid = new Map<string, [bigint, bigint]>();
    for (const v of r.explanations.voters) {
      let mine: [bigint, bigint] = [0n, 1n];
      for (const p of v.payments) {
        paid.set(p.project, fadd(paid.get(p.project) ?? [0n, 1n], frac(p.exact)));
        mine = fadd(mine, frac(p.exact));
      }
      assert.ok(fle(mine, endowment), `seed ${s}: voter ${v.voter} overspent`);
    }
    for (const id of r.selected) {
      const cost = e.projects.find((p) => p.id === id)!.cost;
      assert.ok(feq(paid.get(id) ?? [0n, 1n], [BigInt(cost), 1n]), `seed ${s}: ${id} paid exactly`);
    }
  }
});

test('MES on points: voters pay in proportion to the points they gave', () => {
  // Cumulative ballots; budget 12, 2 voters → 6 each. P (cost 8): v1 gives 3 points, v2 gives 1.
  // ρ solves 6·min(...)… : v1 pays 3ρ, v2 pays ρ, 4ρ = 8 → ρ = 2: v1 pays 6 (all), v2 pays 2.
  const e = {
    ...approvalElection(12, { P: 8 }, []),
    voteType: 'cumulative' as const,
    ballots: [
      { voter: 'v1', projects: ['P'], points: [3] },
      { voter: 'v2', projects: ['P'], points: [1] },
    ],
  };
  const r = tally(e, { rule: 'mes' });
  assert.equal(r.details.utility, 'points');
  assert.deepEqual(r.selected, ['P']);
  const pays = r.explanations.voters.map((v) => v.payments[0]!.exact);
  assert.deepEqual(pays, ['6', '2']);
});

test('per-voter (points) engine agrees exactly with the reference engine on 200 random cumulative elections', () => {
  let ties = 0;
  for (let s = 0; s < 200; s++) {
    const base = randomElection(5000 + s);
    const rng = createRng(`points-${s}`);
    const e = {
      ...base,
      voteType: 'cumulative' as const,
      ballots: base.ballots.map((b) => ({ ...b, points: b.projects.map(() => 1 + rng.below(3)) })),
    };
    const p = buildProfile(e);
    const tie = createTieBreaker(p, { seed: s });
    const endowment = q(p.budget, p.voterCount);
    for (const utility of ['points', 'cost', 'approval'] as const) {
      const a = mesPerVoter(p, tie, { utility, endowment, explain: s % 2 === 0 });
      const b = mesGeneral(p, tie, { utility, endowment, explain: false });
      assert.deepEqual(a.selected, b.selected, `seed ${s} ${utility}`);
      assert.equal(a.ties.length, b.ties.length, `seed ${s} ${utility} ties`);
      ties += a.ties.length;
      if (s % 2 === 0) {
        // exact payments add up to each funded project's cost
        for (const j of a.selected) {
          let sum: [bigint, bigint] = [0n, 1n];
          a.payments.forEach((list, ci) => {
            for (const x of list) if (x.project === j) sum = fadd(sum, [x.amount.n * BigInt(p.classes[ci]!.weight), x.amount.d]);
          });
          assert.ok(feq(sum, [BigInt(p.cost[j]!), 1n]), `seed ${s} ${utility}: ${p.ids[j]} paid exactly`);
        }
      }
    }
  }
  assert.ok(ties > 10, `ties exercised (${ties})`);
});

test('a free project with supporters is funded first and charges nobody; voters without ballots still count', () => {
  const e = approvalElection(10, { F: 0, A: 10 }, [['F', 'A'], ['A'], []]);
  for (const rule of ['mes', 'mes-add1', 'phragmen', 'greedy'] as const) {
    const r = tally(e, { rule });
    assert.ok(r.selected.includes('F'), rule);
  }
  const r = tally(e, { rule: 'mes' });
  // 3 voters hold 10/3 each; A's two supporters hold 20/3 < 10: A is not funded by plain MES.
  assert.deepEqual(r.selected, ['F']);
  assert.deepEqual(r.explanations.voters.find((v) => v.voter === 'v1')!.payments.map((p) => p.exact), []);
  assert.deepEqual(tally(e, { rule: 'mes-add1' }).selected, ['F', 'A']);
});

test('engines agree on large amounts and many voters, where doubles alone would be unsafe', () => {
  for (let s = 0; s < 40; s++) {
    const rng = createRng(`large-${s}`);
    const m = 4 + rng.below(5);
    const costs: Record<string, number> = {};
    // Costs near 2^40 with shared factors: exact ties and near-ties at magnitudes where ulps matter.
    for (let j = 0; j < m; j++) costs[`p${j}`] = (2 ** 40 / 7) * (1 + rng.below(3)) + rng.below(3);
    const n = 40 + rng.below(80);
    const votes = Array.from({ length: n }, () => Object.keys(costs).filter(() => rng.below(2) === 0));
    const total = Object.values(costs).reduce((a, b) => a + Math.floor(b), 0);
    const e = approvalElection(Math.floor(total * 0.7), Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, Math.floor(v)])), votes);
    const p = buildProfile(e);
    const tie = createTieBreaker(p, { seed: s });
    for (const utility of ['cost', 'approval'] as const) {
      const endowment = q(p.budget, p.voterCount);
      const ref = mesGeneral(p, tie, { utility, endowment, explain: false }).selected;
      assert.deepEqual(mesGrouped(p, tie, { utility, endowment, explain: false }).selected, ref, `seed ${s} ${utility}`);
      assert.deepEqual(mesPerVoter(p, tie, { utility, endowment, explain: false }).selected, ref, `seed ${s} ${utility} per-voter`);
    }
  }
});

test('identical ballots given once with their weight tally exactly as when each is given separately', () => {
  const rng = createRng('weights');
  const costs: Record<string, number> = {};
  for (let j = 0; j < 12; j++) costs[`p${j}`] = 5 + rng.below(40);
  const kinds = Array.from({ length: 9 }, () => Object.keys(costs).filter(() => rng.below(3) === 0));
  const counts = kinds.map(() => 1 + rng.below(7));
  const expanded = approvalElection(200, costs, kinds.flatMap((k, i) => Array.from({ length: counts[i]! }, () => k)));
  const weighted = { ...expanded, ballots: kinds.map((projects, i) => ({ voter: `k${i}`, projects, weight: counts[i]! })) };
  for (const rule of ['greedy', 'mes', 'mes-add1', 'mes-add1-exhaustive', 'phragmen'] as const) {
    const a = tally(expanded, { rule, explainVoters: false });
    const b = tally(weighted, { rule, explainVoters: false });
    assert.deepEqual([b.selected, b.cost, b.explanations.projects], [a.selected, a.cost, a.explanations.projects], rule);
  }
  assert.throws(() => tally({ ...weighted, ballots: [{ voter: 'x', projects: ['p0'], weight: 0 }] }, { rule: 'greedy' }), /weight 0/);
});
