// Sequential Phragmén for participatory budgeting (Phragmén 1894; Brill, Freeman, Janson & Lackner 2017;
// the PB form as in pabutools): supporters share a project's cost as "load"; each step funds the project
// that keeps the largest load smallest. Exact rationals throughout.
import type { Profile } from './model.ts';
import { displacer, emptyOutcome, type ProjectNote, type RuleOutcome } from './outcome.ts';
import { div, overCommonDenominator, q, sub, toNumber, ZERO, type Q } from './rational.ts';
import type { TieBreaker } from './tiebreak.ts';

/**
 * Sequential Phragmén. Every voter's load starts at 0. Funding project j would raise the load of all its
 * supporters to t_j = (cost_j + Σ loads of its supporters) ÷ #supporters. Each step funds, among projects that
 * still fit in the money left, the one with the smallest t_j (ties by the tie-breaker); it stops when nothing
 * fits. A voter's share of a project is the increase of their load.
 */
export function phragmen(profile: Profile, tie: TieBreaker): RuleOutcome {
  const { classes, approvers, cost } = profile;
  const m = profile.ids.length;
  const out = emptyOutcome(profile);
  // Load group of each class: -1 = load 0, otherwise the position in `selected` that last set its load.
  // Loads are integer numerators over one common denominator D (rescaled by a small factor when needed),
  // so comparing two candidate loads is a cross-multiplication of integers and no gcd of large numbers runs.
  const group = new Int32Array(classes.length).fill(-1);
  const loadN: bigint[] = [];
  let D = 1n;
  const acc = new Float64Array(m + 1);
  const alive = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    if (profile.votes[j]! > 0) alive[j] = 1;
    else out.notes[j] = { reason: 'no-support', detail: 'Nobody chose this project.' };
  }
  let left = profile.budget;
  let round = 0;
  // New load of j's supporters: num / (D · W).
  const newLoad = (j: number): { num: bigint; W: number } => {
    const list = approvers[j]!;
    const touched: number[] = [];
    let total = 0;
    for (let t = 0; t < list.length; t++) {
      const ci = list[t]!;
      const g = group[ci]!;
      const w = classes[ci]!.weight;
      total += w;
      if (g < 0) continue;
      if (acc[g] === 0) touched.push(g);
      acc[g]! += w;
    }
    let num = BigInt(cost[j]!) * D;
    for (const g of touched) {
      num += loadN[g]! * BigInt(acc[g]!);
      acc[g] = 0;
    }
    return { num, W: total };
  };
  const less = (a: { num: bigint; W: number }, b: { num: bigint; W: number }): number => {
    const x = a.num * BigInt(b.W);
    const y = b.num * BigInt(a.W);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  // A candidate's new load never decreases (loads only grow), so its last value is a lower bound and candidates
  // are evaluated in order of that bound until the bound exceeds the best found (with a safety margin).
  const bound = new Float64Array(m);
  for (let j = 0; j < m; j++) if (alive[j] === 1) bound[j] = (cost[j]! / profile.votes[j]!) * (1 - 1e-9);
  for (;;) {
    round++;
    let best = -1;
    let bestT: { num: bigint; W: number } | undefined;
    let bestF = Infinity;
    let tied: number[] = [];
    const order: number[] = [];
    for (let j = 0; j < m; j++) {
      if (alive[j] !== 1) continue;
      if (cost[j]! > left) {
        alive[j] = 0;
        const d = displacer(profile, out.selected, j, profile.budget);
        const note: ProjectNote = {
          reason: 'over-budget',
          detail: `It costs ${cost[j]} but only ${left} was left` + (d !== undefined ? ` after funding ${profile.ids[d]}.` : '.'),
        };
        if (d !== undefined) note.displacedBy = d;
        out.notes[j] = note;
        continue;
      }
      order.push(j);
    }
    order.sort((a, b) => bound[a]! - bound[b]! || a - b);
    for (const j of order) {
      if (best >= 0 && bound[j]! > bestF * (1 + 1e-9)) break;
      const t = newLoad(j);
      bound[j] = toNumber({ n: t.num, d: D * BigInt(t.W) });
      const s = bestT === undefined ? -1 : less(t, bestT);
      if (s < 0) {
        best = j;
        bestT = t;
        bestF = bound[j]!;
        tied = [j];
      } else if (s === 0) tied.push(j);
    }
    if (best < 0 || bestT === undefined) break;
    if (tied.length > 1) {
      const w = tie.pick(tied);
      out.ties.push({ round, tied: [...tied], winner: w, decidedBy: tie.decidedBy(w, tied.find((x) => x !== w)!) });
      if (w !== best) {
        best = w;
        bestT = newLoad(w);
      }
    }
    // Put the new load num / (D·W) over a common denominator D' = D·k, k = W / gcd(num, W).
    const { k, n: tN } = overCommonDenominator(bestT.num, BigInt(bestT.W));
    if (k !== 1n) {
      D *= k;
      for (let g = 0; g < loadN.length; g++) loadN[g] = loadN[g]! * k;
    }
    const t: Q = { n: tN, d: D };
    const pos = out.selected.length;
    out.selected.push(best);
    loadN.push(tN);
    alive[best] = 0;
    left -= cost[best]!;
    const note: ProjectNote = {
      reason: 'funded',
      detail: `Funded in round ${round}; its supporters' load rose to ${toNumber(t).toFixed(2)}.`,
    };
    if (t.n > 0n) note.effective = div(q(cost[best]!), t);
    out.notes[best] = note;
    for (const ci of approvers[best]!) {
      const g = group[ci]!;
      const before: Q = g < 0 ? ZERO : { n: loadN[g]!, d: D };
      out.payments[ci]!.push({ project: best, amount: sub(t, before) });
      group[ci] = pos;
    }
  }
  out.details = { rounds: out.selected.length };
  return out;
}
