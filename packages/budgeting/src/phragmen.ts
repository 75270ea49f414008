// Sequential Phragmén for participatory budgeting (Phragmén 1894; Brill, Freeman, Janson & Lackner 2017;
// the PB form as in pabutools): supporters share a project's cost as "load"; each step funds the project
// that keeps the largest load smallest. Exact rationals throughout.
import type { Profile } from './model.ts';
import { displacer, emptyOutcome, type ProjectNote, type RuleOutcome } from './outcome.ts';
import { add, cmp, div, mulInt, q, sub, toNumber, ZERO, type Q } from './rational.ts';
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
  const group = new Int32Array(classes.length).fill(-1);
  const loads: Q[] = [];
  const acc = new Float64Array(m + 1);
  const alive = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    if (profile.votes[j]! > 0) alive[j] = 1;
    else out.notes[j] = { reason: 'no-support', detail: 'Nobody chose this project.' };
  }
  let left = profile.budget;
  let round = 0;
  const newLoad = (j: number): Q => {
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
    let sum: Q = q(cost[j]!);
    for (const g of touched) {
      sum = add(sum, mulInt(loads[g]!, BigInt(acc[g]!)));
      acc[g] = 0;
    }
    return q(sum.n, sum.d * BigInt(total));
  };
  for (;;) {
    round++;
    let best = -1;
    let bestT: Q | undefined;
    let tied: number[] = [];
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
      const t = newLoad(j);
      if (bestT === undefined || cmp(t, bestT) < 0) {
        best = j;
        bestT = t;
        tied = [j];
      } else if (cmp(t, bestT) === 0) tied.push(j);
    }
    if (best < 0 || bestT === undefined) break;
    if (tied.length > 1) {
      const w = tie.pick(tied);
      out.ties.push({ round, tied: [...tied], winner: w, decidedBy: tie.decidedBy(w, tied.find((x) => x !== w)!) });
      best = w;
    }
    const t = bestT;
    const pos = out.selected.length;
    out.selected.push(best);
    loads.push(t);
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
      const before = g < 0 ? ZERO : loads[g]!;
      out.payments[ci]!.push({ project: best, amount: sub(t, before) });
      group[ci] = pos;
    }
  }
  out.details = { rounds: out.selected.length };
  return out;
}
