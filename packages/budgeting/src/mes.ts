// The Method of Equal Shares (Peters & Skowron 2021; Peters, Pierczyński & Skowron 2021), exact.
//
// Every voter starts with an equal endowment. A project can be bought when its supporters together hold its
// cost; the price is split so that each supporter pays in proportion to the utility the project gives them,
// capped by what they have left. Each round buys the project with the smallest price per unit of utility (ρ);
// for cost utilities that is the largest "effective vote count" cost ÷ payment.
//
// Exactness: budgets and payments are BigInt rationals; no floating-point value decides anything. Doubles are
// only used to order work (which candidate to evaluate first, how to sort budgets), and every comparison
// whose doubles are too close to be trusted is redone exactly.
//
// Speed (approval ballots): voters with identical ballots always hold identical budgets, so they are merged
// into weighted classes; and since a voter either pays the full payment p or everything they have left, every
// budget is b0 − (sum of payments of the projects paid so far) or 0. Classes are therefore kept in "budget
// groups" (same exact budget), and a candidate is evaluated by summing class weights per group and then doing
// a handful of exact operations per group, not per voter.
import type { Profile } from './model.ts';
import { emptyOutcome, type ProjectNote } from './outcome.ts';
import { overCommonDenominator, reduce, toNumber, type Q } from './rational.ts';
import type { TieBreaker } from './tiebreak.ts';
import { mesPerVoter } from './mes-points.ts';
import { bracket, chooseProject, classWeights, unaffordableNote, type RoundEngine, type Screening } from './mes-round.ts';
import type { MesRun, MesRunOptions } from './mes-types.ts';

export type { MesRun, MesRunOptions, MesUtility } from './mes-types.ts';

/**
 * One run of MES without completion: the grouped engine for 'cost' and 'approval' utilities, the per-voter
 * engine (mes-points.ts) for 'points'.
 */
export function mesRun(profile: Profile, tie: TieBreaker, options: MesRunOptions): MesRun {
  if (options.utility === 'points') return mesPerVoter(profile, tie, options);
  return mesGrouped(profile, tie, options);
}

/** Grouped exact engine for cost and approval utilities (utility depends only on the project). */
export function mesGrouped(profile: Profile, tie: TieBreaker, options: MesRunOptions): MesRun {
  const { classes, approvers, cost } = profile;
  const m = profile.ids.length;
  const out = emptyOutcome(profile, options.explain) as MesRun;
  (out as { rho: Q[] }).rho = [];
  const b0 = reduce(options.endowment);
  const b0f = toNumber(b0);
  // Exact money is kept as integer numerators over one common denominator D: the endowment b0N / D and the
  // payment of each funded project pN[c] / D. When a new payment needs a larger denominator, every numerator
  // is rescaled by a small integer; no gcd of large numbers is ever needed.
  let D = b0.d;
  let b0N = b0.n;
  const pN: bigint[] = new Array<bigint>(m).fill(0n);
  const funded: number[] = [];
  // Absolute error bound of a group's double budget: each payment subtracted adds at most ~2 ulps of b0;
  // 1e-12·b0 covers more than 2,000 rounds.
  const E = 1e-12 * b0f;
  // Group 0: budget zero. Group 1: the full endowment. Group g > 1: the parent's budget minus the payment of
  // project gProj[g] (its voters paid that payment in full).
  const gParent: number[] = [-1, -1];
  const gProj: number[] = [-1, -1];
  const gApprox: number[] = [0, b0f];
  const gAcc: number[] = [0, 0];
  const stamp: number[] = [0, 0];
  const target: number[] = [0, 0];
  const pApprox = new Float64Array(m);
  const classGroup = new Int32Array(classes.length).fill(1);
  const weight = classWeights(profile);
  // A free project's cost utility counts as 1 so that ρ = payment ÷ utility stays defined (it is 0).
  const utilF = (j: number): number => (options.utility === 'cost' ? Math.max(cost[j]!, 1) : 1);

  /** Numerator (over D) of a group's exact budget. */
  const budgetN = (g: number): bigint => {
    if (g === 0) return 0n;
    let v = b0N;
    for (let x = g; x > 1; x = gParent[x]!) v -= pN[gProj[x]!]!;
    return v;
  };

  // Lower bounds on ρ (doubles, safely below the true value): ρ never decreases as budgets shrink.
  const bound = new Float64Array(m);
  const alive = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    const k = profile.votes[j]!;
    if (k <= 0) {
      out.notes[j] = { reason: 'no-support', detail: 'Nobody chose this project.' };
      continue;
    }
    bound[j] = (cost[j]! / (k * utilF(j))) * (1 - 1e-9);
    alive[j] = 1;
  }
  const lastEff = new Float64Array(m).fill(NaN);
  const touched: number[] = [];

  const gather = (j: number): number => {
    for (const g of touched) gAcc[g] = 0;
    touched.length = 0;
    let total = 0;
    const list = approvers[j]!;
    for (let t = 0; t < list.length; t++) {
      const ci = list[t]!;
      const g = classGroup[ci]!;
      if (g === 0) continue;
      if (gAcc[g] === 0) touched.push(g);
      gAcc[g]! += weight[ci]!;
      total += weight[ci]!;
    }
    return total;
  };

  /** Numerator over D of Σ w_g·b_g: W·b0 − Σ_c (weight that paid c in full)·p_c. */
  const coef = new Float64Array(m);
  const moneyN = (groups: readonly number[]): bigint => {
    let W = 0;
    for (const g of groups) {
      const w = gAcc[g]!;
      W += w;
      for (let x = g; x > 1; x = gParent[x]!) coef[gProj[x]!]! += w;
    }
    let s = b0N * BigInt(W);
    for (const c of funded) {
      const w = coef[c]!;
      if (w !== 0) {
        s -= pN[c]! * BigInt(w);
        coef[c] = 0;
      }
    }
    return s;
  };

  interface FloatEval {
    affordable: 'yes' | 'no' | 'unsure';
    /** Rigorous bounds on the exact payment p: lo ≤ p ≤ hi. */
    lo: number;
    hi: number;
    total: number;
  }
  // Solves Σ_g w_g·min(b̃_g, p) = target on the double budgets b̃ by the monotone fixed point
  // p ← (target − money of groups with b̃_g < p) ÷ (weight of the others); no sorting needed. Infinity when the
  // groups hold less than target. `richWeight` receives the weight of the groups with b̃_g ≥ p.
  let richWeight = 0;
  /** Supporters' money found by the latest evaluation (for explanations). */
  let lastMoney = 0;
  const solve = (target: number, total: number): number => {
    let p = target / total;
    let poorCount = -1;
    for (;;) {
      let paid = 0;
      let wp = 0;
      let count = 0;
      for (const g of touched) {
        const b = gApprox[g]!;
        if (b < p) {
          paid += gAcc[g]! * b;
          wp += gAcc[g]!;
          count++;
        }
      }
      richWeight = total - wp;
      if (total - wp <= 0) return Infinity;
      const next = (target - paid) / (total - wp);
      if (count === poorCount) return next;
      poorCount = count;
      p = next > p ? next : p;
    }
  };
  /** f̃(p) = Σ_g w_g·min(b̃_g, p) over the touched groups. */
  const moneyAt = (p: number): number => {
    let s = 0;
    for (const g of touched) {
      const b = gApprox[g]!;
      s += gAcc[g]! * (b < p ? b : p);
    }
    return s;
  };
  // Double-precision evaluation with rigorous bounds on the payment; leaves the groups in `touched`. Each
  // double budget is within E of the exact one, so the exact money function f and its double version f̃ differ
  // by at most W·E (+ rounding: δ in total); f̃ is concave with slope the weight of the groups richer than p
  // (see `bracket`). The upper bound is only computed when `needHi(lo)` says the candidate can still matter.
  const floatEval = (j: number, needHi: (lo: number) => boolean): FloatEval => {
    const c = cost[j]!;
    const total = gather(j);
    const G = touched.length;
    let money = 0;
    for (const g of touched) money += gAcc[g]! * gApprox[g]!;
    lastMoney = money;
    const delta = total * E + 2 * (G + 8) * Number.EPSILON * (c + money);
    if (c === 0) return { affordable: 'yes', lo: 0, hi: 0, total };
    const affordable: FloatEval['affordable'] = money < c - delta ? 'no' : money > c + delta ? 'yes' : 'unsure';
    if (affordable !== 'yes') return { affordable, lo: 0, hi: Infinity, total };
    const p = solve(c, total);
    const { lo, hi } = bracket(p, richWeight, delta, c, G, needHi, moneyAt, (t) => solve(t, total));
    return { affordable, lo, hi, total };
  };

  interface ExactEval {
    affordable: boolean;
    /** Payment = num / (D · den). */
    num: bigint;
    den: number;
    /** Groups that pay everything they have left. */
    poor: number[];
  }
  // Exact payment: doubles classify the clear cases; groups near the payment are settled exactly.
  const exactEval = (j: number): ExactEval => {
    const fe = floatEval(j, () => true);
    const c = cost[j]!;
    const none: ExactEval = { affordable: false, num: 0n, den: 1, poor: [] };
    if (fe.affordable === 'no') return none;
    const costN = BigInt(c) * D;
    if (fe.affordable === 'unsure' && moneyN(touched) < costN) return none;
    if (c === 0) return { affordable: true, num: 0n, den: 1, poor: [] };
    const poor: number[] = [];
    const unsure: number[] = [];
    let WP = 0;
    for (const g of touched) {
      if (gApprox[g]! + E < fe.lo) {
        poor.push(g);
        WP += gAcc[g]!;
      } else if (!(gApprox[g]! - E > fe.hi)) unsure.push(g);
    }
    let S = moneyN(poor);
    const W = fe.total;
    const exactB = new Map<number, bigint>();
    for (const g of unsure) exactB.set(g, budgetN(g));
    unsure.sort((a, b) => {
      const x = exactB.get(a)!;
      const y = exactB.get(b)!;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    for (const g of unsure) {
      const w = gAcc[g]!;
      if (W - WP - w <= 0) break;
      const bg = exactB.get(g)!;
      // poor when b_g ≤ p = (costN − S) / (D·(W − WP)), i.e. bg·(W − WP) ≤ costN − S
      if (bg * BigInt(W - WP) <= costN - S) {
        S += bg * BigInt(w);
        WP += w;
        poor.push(g);
      } else break;
    }
    return { affordable: true, num: costN - S, den: W - WP, poor };
  };
  /** ρ of an exact evaluation as a rational (unreduced). */
  const rhoQ = (j: number, e: ExactEval): Q => ({ n: e.num, d: D * BigInt(e.den) * BigInt(utilF(j)) });

  let lastWinner: number | undefined;
  // The engine works with payments p = ρ·u; the shared round compares ρ.
  const engine: RoundEngine<{ j: number; e: ExactEval }> = {
    screen(j, needHi): Screening {
      const u = utilF(j);
      const fe = floatEval(j, (lo) => needHi(lo / u));
      return { affordable: fe.affordable, lo: fe.lo / u, hi: fe.hi / u };
    },
    exact(j) {
      const e = exactEval(j);
      return e.affordable ? { j, e } : undefined;
    },
    rho: (x) => rhoQ(x.j, x.e),
    drop(j) {
      const note = unaffordableNote(profile, j, lastWinner, lastMoney);
      if (!Number.isNaN(lastEff[j]!)) note.effectiveApprox = lastEff[j]!;
      out.notes[j] = note;
    },
    seen(j, lo, hi) {
      if (hi > 0 && hi < Infinity) lastEff[j] = cost[j]! / (((lo + hi) / 2) * utilF(j));
    },
  };
  let round = 0;
  for (;;) {
    round++;
    const choice = chooseProject(engine, alive, bound, options.explain, tie, round, out.ties);
    if (choice === undefined) break;
    const best = choice.j;
    const sol = choice.x.e;
    // Payment = num / (D·den), put over a common denominator D·k.
    const { k, n } = overCommonDenominator(sol.num, BigInt(sol.den));
    if (k !== 1n) {
      D *= k;
      b0N *= k;
      for (const c of funded) pN[c] = pN[c]! * k;
    }
    pN[best] = n;
    const p: Q = { n, d: D };
    funded.push(best);
    out.selected.push(best);
    out.rho.push({ n: p.n, d: p.d * BigInt(utilF(best)) });
    alive[best] = 0;
    pApprox[best] = toNumber(p);
    const note: ProjectNote = { reason: 'funded', detail: `Funded in round ${round} (it costs nothing).` };
    if (p.n > 0n) {
      const eff: Q = { n: BigInt(cost[best]!) * p.d, d: p.n };
      note.effective = eff;
      note.detail = `Funded in round ${round} with ${toNumber(eff).toFixed(2)} effective votes; each supporter paid at most ${toNumber(p).toFixed(2)}.`;
    }
    out.notes[best] = note;
    lastWinner = best;
    if (p.n === 0n) continue;
    // Charge: poor groups pay everything (to group 0); the others pay p and move to a new child group (a
    // project is funded once, so the child for (group, project) never exists yet). stamp/target memoise the
    // destination of each group for this round.
    const list = approvers[best]!;
    for (const g of sol.poor) {
      stamp[g] = round;
      target[g] = 0;
    }
    for (let t = 0; t < list.length; t++) {
      const ci = list[t]!;
      const g = classGroup[ci]!;
      if (g === 0) continue;
      let to: number;
      if (stamp[g] === round) to = target[g]!;
      else {
        to = gApprox.length;
        gParent.push(g);
        gProj.push(best);
        gApprox.push(gApprox[g]! - pApprox[best]!);
        gAcc.push(0);
        stamp.push(0);
        target.push(0);
        stamp[g] = round;
        target[g] = to;
      }
      if (options.explain) {
        // The budget is read before the class moves; its numerator is over the current D.
        out.payments[ci]!.push({ project: best, amount: to === 0 ? { n: budgetN(g), d: D } : p });
      }
      classGroup[ci] = to;
    }
  }
  for (let j = 0; j < m; j++) {
    if (out.notes[j] === undefined) out.notes[j] = { reason: 'not-chosen', detail: 'Not funded.' };
  }
  out.details = { utility: options.utility, rounds: out.selected.length };
  return out;
}
