// What the two fast MES engines (budget groups in mes.ts, voter classes in mes-points.ts) share: the round that
// screens candidates in doubles and settles the close ones exactly, the rigorous bracketing of a double
// solution, the utilities, and the note for a project whose supporters cannot pay for it.
import type { Profile } from './model.ts';
import type { ProjectNote, RuleOutcome } from './outcome.ts';
import { cmp, toNumber, type Q } from './rational.ts';
import type { TieBreaker } from './tiebreak.ts';
import type { MesUtility } from './mes-types.ts';

const weightsOf = new WeakMap<Profile, Float64Array>();

/** Each profile's class weights as one typed array, computed once (Add1 runs MES dozens of times on one profile). */
export function classWeights(profile: Profile): Float64Array {
  let w = weightsOf.get(profile);
  if (w === undefined) {
    w = Float64Array.from(profile.classes, (c) => c.weight);
    weightsOf.set(profile, w);
  }
  return w;
}

/**
 * Utility of project j to one voter of each class approving it, parallel to `profile.approvers[j]`: its cost
 * (at least 1, so that ρ stays defined for free projects), 1, or the points given (whole, non-negative).
 */
export function classUtilities(profile: Profile, utility: MesUtility): Float64Array[] {
  const { classes, approvers, cost } = profile;
  return approvers.map((list, j) =>
    Float64Array.from(list, (ci) => {
      if (utility === 'cost') return Math.max(cost[j]!, 1);
      if (utility === 'approval') return 1;
      const c = classes[ci]!;
      const u = c.points[c.items.indexOf(j)] ?? 0;
      if (!Number.isInteger(u) || u < 0) throw new Error(`MES with points needs whole, non-negative points (got ${u})`);
      return u;
    }),
  );
}

/**
 * The note for a project dropped because its supporters hold less than its cost (`held`, for display), at the
 * start or after `lastWinner` was funded.
 */
export function unaffordableNote(profile: Profile, j: number, lastWinner: number | undefined, held: number): ProjectNote {
  const money = `its supporters held ${held.toFixed(2)} of its cost ${profile.cost[j]}`;
  return lastWinner === undefined
    ? { reason: 'supporters-cannot-afford', detail: `Even at the start ${money}.` }
    : { reason: 'supporters-ran-out', displacedBy: lastWinner, detail: `After ${profile.ids[lastWinner]} was funded, ${money}.` };
}

/**
 * Rigorous bounds on the exact solution of f(x) = target from the double solution x̃ of f̃(x̃) = target, where
 * f is the exact money function (increasing), f̃ its double version with |f − f̃| ≤ δ, concave with slope
 * `slope` at x̃, summed over `terms` terms. The exact solution lies between the solutions of f̃ = target − δ
 * and f̃ = target + δ; by concavity x̃ − δ/slope is below the first, and x̃ + 2δ/slope is above the second when
 * f̃ reaches target + δ there (otherwise `solveAt(target + δ)` gives it). The upper bound is only computed
 * when `needHi(lo)`; otherwise it is Infinity.
 */
export function bracket(
  x: number,
  slope: number,
  delta: number,
  target: number,
  terms: number,
  needHi: (lo: number) => boolean,
  moneyAt: (x: number) => number,
  solveAt: (target: number) => number,
): { lo: number; hi: number } {
  const lo = Math.max(0, (x - delta / slope) * (1 - 8 * Number.EPSILON));
  if (!needHi(lo)) return { lo, hi: Infinity };
  const h = x + (2 * delta) / slope;
  const reached = moneyAt(h) >= (target + delta) * (1 + 4 * (terms + 4) * Number.EPSILON);
  return { lo, hi: (reached ? h : solveAt(target + delta)) * (1 + 8 * Number.EPSILON) };
}

/** A candidate screened in doubles: rigorous bounds lo ≤ ρ ≤ hi (hi may be Infinity). */
export interface Screening {
  affordable: 'yes' | 'no' | 'unsure';
  lo: number;
  hi: number;
}

/** What an engine provides to `chooseProject`. ρ is the price per unit of utility. */
export interface RoundEngine<X> {
  /** Double screening of candidate j; the upper bound is needed only when `needHi(lo)`. */
  screen(j: number, needHi: (lo: number) => boolean): Screening;
  /** Exact evaluation of j, or undefined when its supporters hold less than its cost. */
  exact(j: number): X | undefined;
  /** The exact ρ of an evaluation. */
  rho(x: X): Q;
  /** Records why j was dropped (unaffordable); `chooseProject` has already cleared `alive[j]`. */
  drop(j: number): void;
  /** Sees the bounds of every affordable candidate evaluated this round (for explanations). */
  seen?(j: number, lo: number, hi: number): void;
}

/**
 * One MES round: the affordable candidate with the smallest exact ρ, or undefined when none is affordable.
 * Candidates (`alive`) are visited by their lower bound `bound` (raised here as evaluations tighten it; ρ never
 * decreases, so a bound stays valid); unless `explain`, the visit stops at the first whose bound exceeds the
 * best upper bound seen. Candidates whose doubles cannot be told apart are compared exactly; an exact tie goes
 * to `tie` and is recorded in `ties`. Unaffordable candidates are dropped (alive cleared, `engine.drop`).
 */
export function chooseProject<X>(
  engine: RoundEngine<X>,
  alive: Uint8Array,
  bound: Float64Array,
  explain: boolean,
  tie: TieBreaker,
  round: number,
  ties: RuleOutcome['ties'],
): { j: number; x: X } | undefined {
  const order: number[] = [];
  for (let j = 0; j < alive.length; j++) if (alive[j] === 1) order.push(j);
  order.sort((a, b) => bound[a]! - bound[b]! || a - b);
  let minHi = Infinity;
  const evals: { j: number; lo: number; x?: X }[] = [];
  for (const j of order) {
    if (!explain && bound[j]! > minHi) break;
    const s = engine.screen(j, (lo) => explain || lo <= minHi);
    let { lo, hi } = s;
    let x: X | undefined;
    if (s.affordable === 'unsure') {
      x = engine.exact(j);
      if (x !== undefined) {
        const r = toNumber(engine.rho(x));
        lo = r * (1 - 4 * Number.EPSILON);
        hi = r * (1 + 4 * Number.EPSILON);
      }
    }
    if (s.affordable === 'no' || (s.affordable === 'unsure' && x === undefined)) {
      alive[j] = 0;
      engine.drop(j);
      continue;
    }
    if (lo > bound[j]!) bound[j] = lo;
    engine.seen?.(j, lo, hi);
    evals.push(x === undefined ? { j, lo } : { j, lo, x });
    if (hi < minHi) minHi = hi;
  }
  if (evals.length === 0) return undefined;
  const settle = (e: { j: number; x?: X }): { j: number; x: X } => {
    const x = e.x ?? engine.exact(e.j);
    // The screening proved affordability with rigorous bounds, so the exact evaluation must agree.
    if (x === undefined) throw new Error(`MES: project ${e.j} screened affordable but is not (internal error)`);
    return { j: e.j, x };
  };
  const contenders = evals.filter((e) => e.lo <= minHi);
  if (contenders.length === 1) return settle(contenders[0]!);
  const sols = contenders.map(settle);
  let top = sols[0]!;
  let tied = [top];
  for (const s of sols.slice(1)) {
    const c = cmp(engine.rho(s.x), engine.rho(top.x));
    if (c < 0) {
      top = s;
      tied = [s];
    } else if (c === 0) tied.push(s);
  }
  if (tied.length > 1) {
    const ids = tied.map((s) => s.j);
    const w = tie.pick(ids);
    ties.push({ round, tied: ids, winner: w, decidedBy: tie.decidedBy(w, ids.find((x) => x !== w)!) });
    top = tied.find((s) => s.j === w)!;
  }
  return top;
}
