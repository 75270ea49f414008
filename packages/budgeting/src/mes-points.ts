// MES with per-voter utilities (points ballots), exact and fast enough for city-size elections.
//
// Same design as the grouped engine in mes.ts, with voter classes in place of budget groups: a class that
// still has money has paid ρ_j·u(j) for every funded project j on its ballot, so its exact budget is
// b0 − Σ_j ρ_j·u(j), and the exact money of any set of classes is W·b0 − Σ_j ρ_j·(Σ w·u(j)): a handful of
// integer operations over one common denominator D. Doubles screen candidates with rigorous error bounds.
import type { Profile } from './model.ts';
import { emptyOutcome, type ProjectNote } from './outcome.ts';
import { overCommonDenominator, reduce, toNumber, type Q } from './rational.ts';
import type { TieBreaker } from './tiebreak.ts';
import type { MesRun, MesRunOptions } from './mes-types.ts';
import { bracket, chooseProject, classUtilities, classWeights, unaffordableNote, type RoundEngine, type Screening } from './mes-round.ts';

/**
 * One fixed-endowment MES run where voter i pays ρ·u_i(j) for project j (capped by what they have left) and each
 * round funds the affordable project with the smallest ρ. Utilities: the points on the ballot ('points'), the
 * cost ('cost') or 1 ('approval'). Points must be whole numbers. Exact; ties go to the tie-breaker.
 */
export function mesPerVoter(profile: Profile, tie: TieBreaker, options: MesRunOptions): MesRun {
  const { classes, approvers, cost } = profile;
  const m = profile.ids.length;
  const nc = classes.length;
  const out = emptyOutcome(profile, options.explain) as MesRun;
  (out as { rho: Q[] }).rho = [];
  const b0 = reduce(options.endowment);
  const b0f = toNumber(b0);
  let D = b0.d;
  let b0N = b0.n;
  const rhoN: bigint[] = new Array<bigint>(m).fill(0n);
  const isFunded = new Uint8Array(m);
  const funded: number[] = [];
  const E = 1e-12 * b0f;
  // Utility of project j to each approving class, parallel to approvers[j].
  const util = classUtilities(profile, options.utility);
  // Utility of each class for its own items (same values, indexed the other way).
  const itemUtil: Float64Array[] = classes.map((c, ci) =>
    Float64Array.from(c.items, (j) => {
      const list = approvers[j]!;
      let lo = 0;
      let hi = list.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]! < ci) lo = mid + 1;
        else hi = mid;
      }
      return util[j]![lo]!;
    }),
  );
  const approx = new Float64Array(nc).fill(b0f);
  const zero = new Uint8Array(nc);
  const weight = classWeights(profile);

  /** Numerator over D of Σ w_c·b_c for the listed classes (indices into approvers[j]). */
  const coef = new Float64Array(m);
  const moneyN = (cls: readonly number[]): bigint => {
    let W = 0;
    for (const ci of cls) {
      const w = weight[ci]!;
      W += w;
      const items = classes[ci]!.items;
      const us = itemUtil[ci]!;
      for (let t = 0; t < items.length; t++) {
        const j = items[t]!;
        if (isFunded[j] === 1) coef[j]! += w * us[t]!;
      }
    }
    let s = b0N * BigInt(W);
    for (const j of funded) {
      const k = coef[j]!;
      if (k !== 0) {
        s -= rhoN[j]! * BigInt(k);
        coef[j] = 0;
      }
    }
    return s;
  };
  const budgetN = (ci: number): bigint => {
    if (zero[ci] === 1) return 0n;
    let v = b0N;
    const items = classes[ci]!.items;
    const us = itemUtil[ci]!;
    for (let t = 0; t < items.length; t++) if (isFunded[items[t]!] === 1) v -= rhoN[items[t]!]! * BigInt(us[t]!);
    return v;
  };

  const live: number[] = [];
  const liveU: number[] = [];
  // Solves Σ w·min(b̃, ρ·u) = target over the live classes (monotone fixed point, no sorting); Infinity when
  // they hold less than target. `richU` receives Σ w·u of the classes not exhausted at the solution.
  let richU = 0;
  const solve = (target: number, U: number): number => {
    let rho = target / U;
    let poorCount = -1;
    for (;;) {
      let paid = 0;
      let up = 0;
      let count = 0;
      for (let k = 0; k < live.length; k++) {
        const ci = live[k]!;
        const u = liveU[k]!;
        if (approx[ci]! < rho * u) {
          paid += weight[ci]! * approx[ci]!;
          up += weight[ci]! * u;
          count++;
        }
      }
      richU = U - up;
      if (U - up <= 0) return Infinity;
      const next = (target - paid) / (U - up);
      if (count === poorCount) return next;
      poorCount = count;
      rho = next > rho ? next : rho;
    }
  };
  /** Σ w·min(b̃, ρ·u) over the live classes. */
  const moneyAt = (rho: number): number => {
    let s = 0;
    for (let k = 0; k < live.length; k++) {
      const ci = live[k]!;
      const b = approx[ci]!;
      const pay = rho * liveU[k]!;
      s += weight[ci]! * (b < pay ? b : pay);
    }
    return s;
  };
  /** Supporters' money found by the latest evaluation (for the note when a project is dropped). */
  let lastMoney = 0;
  // Double evaluation with rigorous bounds (see `bracket`; the money function is concave in ρ with slope Σ w·u
  // of the classes not yet exhausted). The upper bound is only computed when `needHi(lo)` says the candidate
  // can still matter.
  const floatEval = (j: number, needHi: (lo: number) => boolean): Screening => {
    const c = cost[j]!;
    const list = approvers[j]!;
    const us = util[j]!;
    live.length = 0;
    liveU.length = 0;
    let money = 0;
    let U = 0;
    let W = 0;
    for (let t = 0; t < list.length; t++) {
      const ci = list[t]!;
      if (zero[ci] === 1 || us[t]! <= 0) continue;
      live.push(ci);
      liveU.push(us[t]!);
      money += weight[ci]! * approx[ci]!;
      U += weight[ci]! * us[t]!;
      W += weight[ci]!;
    }
    lastMoney = money;
    if (c === 0) return { affordable: 'yes', lo: 0, hi: 0 };
    const delta = W * E + 2 * (live.length + 8) * Number.EPSILON * (c + money);
    const affordable: Screening['affordable'] = money < c - delta ? 'no' : money > c + delta ? 'yes' : 'unsure';
    if (affordable === 'no' || U === 0) return { affordable: 'no', lo: 0, hi: 0 };
    if (affordable === 'unsure') return { affordable, lo: 0, hi: Infinity };
    const rho = solve(c, U);
    const { lo, hi } = bracket(rho, richU, delta, c, live.length, needHi, moneyAt, (t) => solve(t, U));
    return { affordable, lo, hi };
  };

  interface ExactEval {
    affordable: boolean;
    /** ρ = num / (D · den). */
    num: bigint;
    den: bigint;
    poor: Set<number>;
  }
  const exactEval = (j: number): ExactEval => {
    const fe = floatEval(j, () => true);
    const c = cost[j]!;
    const none: ExactEval = { affordable: false, num: 0n, den: 1n, poor: new Set() };
    if (fe.affordable === 'no') return none;
    const costN = BigInt(c) * D;
    if (fe.affordable === 'unsure' && moneyN(live) < costN) return none;
    if (c === 0) return { affordable: true, num: 0n, den: 1n, poor: new Set() };
    const poor: number[] = [];
    const unsure: { ci: number; u: number; b: bigint }[] = [];
    let UP = 0;
    let U = 0;
    for (let k = 0; k < live.length; k++) {
      const ci = live[k]!;
      const u = liveU[k]!;
      U += weight[ci]! * u;
      if (approx[ci]! + E < fe.lo * u * (1 - 4 * Number.EPSILON)) {
        poor.push(ci);
        UP += weight[ci]! * u;
      } else if (!(approx[ci]! - E > fe.hi * u * (1 + 4 * Number.EPSILON))) unsure.push({ ci, u, b: budgetN(ci) });
    }
    let S = moneyN(poor);
    // Sort the unsure classes by the ρ at which they run out, b/u (exact cross-multiplication).
    unsure.sort((x, y) => {
      const l = x.b * BigInt(y.u);
      const r = y.b * BigInt(x.u);
      return l < r ? -1 : l > r ? 1 : x.ci - y.ci;
    });
    for (const x of unsure) {
      const wu = weight[x.ci]! * x.u;
      if (U - UP - wu <= 0) break;
      // poor when b ≤ ρ·u with ρ = (costN − S) / (D·(U − UP)): b·(U − UP) ≤ (costN − S)·u
      if (x.b * BigInt(U - UP) <= (costN - S) * BigInt(x.u)) {
        S += x.b * BigInt(weight[x.ci]!);
        UP += wu;
        poor.push(x.ci);
      } else break;
    }
    return { affordable: true, num: costN - S, den: BigInt(U - UP), poor: new Set(poor) };
  };

  const bound = new Float64Array(m);
  const alive = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    let U = 0;
    const list = approvers[j]!;
    for (let t = 0; t < list.length; t++) U += weight[list[t]!]! * util[j]![t]!;
    if (U > 0) {
      alive[j] = 1;
      bound[j] = (cost[j]! / U) * (1 - 1e-9);
    } else out.notes[j] = { reason: 'no-support', detail: 'Nobody gave this project any points.' };
  }
  let lastWinner: number | undefined;
  const engine: RoundEngine<ExactEval> = {
    screen: floatEval,
    exact(j) {
      const e = exactEval(j);
      return e.affordable ? e : undefined;
    },
    rho: (e) => ({ n: e.num, d: D * e.den }),
    drop(j) {
      out.notes[j] = unaffordableNote(profile, j, lastWinner, lastMoney);
    },
  };
  let round = 0;
  for (;;) {
    round++;
    const choice = chooseProject(engine, alive, bound, options.explain, tie, round, out.ties);
    if (choice === undefined) break;
    const best = choice.j;
    const sol = choice.x;
    // ρ = num / (D·den), put over a common denominator D·k.
    const { k, n } = overCommonDenominator(sol.num, sol.den);
    if (k !== 1n) {
      D *= k;
      b0N *= k;
      for (const f of funded) rhoN[f] = rhoN[f]! * k;
    }
    // Exact budgets of the poor (read before charging, over the new D).
    const poorBudget = new Map<number, bigint>();
    if (options.explain) for (const ci of sol.poor) poorBudget.set(ci, budgetN(ci));
    rhoN[best] = n;
    isFunded[best] = 1;
    funded.push(best);
    alive[best] = 0;
    out.selected.push(best);
    const rhoQ: Q = { n: rhoN[best]!, d: D };
    out.rho.push(rhoQ);
    const rhoF = toNumber(rhoQ);
    let maxPay = 0;
    const list = approvers[best]!;
    const us = util[best]!;
    for (let t = 0; t < list.length && rhoN[best] !== 0n; t++) {
      const ci = list[t]!;
      const u = us[t]!;
      if (zero[ci] === 1 || u <= 0) continue;
      if (sol.poor.has(ci)) {
        if (options.explain) out.payments[ci]!.push({ project: best, amount: { n: poorBudget.get(ci)!, d: D } });
        if (approx[ci]! > maxPay) maxPay = approx[ci]!;
        zero[ci] = 1;
        approx[ci] = 0;
      } else {
        if (options.explain) out.payments[ci]!.push({ project: best, amount: { n: rhoQ.n * BigInt(u), d: D } });
        if (rhoF * u > maxPay) maxPay = rhoF * u;
        approx[ci] = approx[ci]! - rhoF * u;
      }
    }
    const note: ProjectNote = { reason: 'funded', detail: `Funded in round ${round}.` };
    if (maxPay > 0) {
      note.effectiveApprox = cost[best]! / maxPay;
      note.detail = `Funded in round ${round}; the largest single payment was ${maxPay.toFixed(2)}.`;
    }
    out.notes[best] = note;
    lastWinner = best;
  }
  for (let j = 0; j < m; j++) if (out.notes[j] === undefined) out.notes[j] = { reason: 'not-chosen', detail: 'Not funded.' };
  out.details = { utility: options.utility, rounds: out.selected.length };
  return out;
}
