// The reference engine of the Method of Equal Shares: plain per-class rational budgets, every candidate
// evaluated every round. Slow, and independent of the fast engines' screening, so the tests use it to check them.
import type { Profile } from './model.ts';
import { emptyOutcome, type ProjectNote } from './outcome.ts';
import { add, cmp, div, mul, mulInt, q, reduce, sub, toNumber, ZERO, type Q } from './rational.ts';
import type { TieBreaker } from './tiebreak.ts';
import { classUtilities, unaffordableNote } from './mes-round.ts';
import type { MesRun, MesRunOptions } from './mes-types.ts';

/** Relative distance below which two doubles are too close to order without exact arithmetic. */
const REL = 1e-9;

/** Whether a and b are too close for their doubles to be trusted to order them. */
function closeOrder(a: number, b: number): boolean {
  return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Reference exact engine: plain per-class rational budgets, every candidate evaluated every round, no
 * screening. Slow; kept as an independent cross-check of the fast engines (any utility).
 */
export function mesGeneral(profile: Profile, tie: TieBreaker, options: MesRunOptions): MesRun {
  const { classes, approvers, cost } = profile;
  const m = profile.ids.length;
  const out = emptyOutcome(profile, options.explain) as MesRun;
  (out as { rho: Q[] }).rho = [];
  const budget: Q[] = classes.map(() => reduce(options.endowment));
  const approx: number[] = classes.map(() => toNumber(options.endowment));
  const uOf = classUtilities(profile, options.utility);
  const alive = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    let total = 0;
    const us = uOf[j]!;
    for (let t = 0; t < us.length; t++) total += us[t]! * classes[approvers[j]![t]!]!.weight;
    if (total > 0) alive[j] = 1;
    else out.notes[j] = { reason: 'no-support', detail: 'Nobody gave this project any utility.' };
  }
  let lastWinner: number | undefined;
  let round = 0;
  /** Money the supporters of the project last evaluated held (for the note when it is dropped). */
  let held = ZERO;
  const evaluate = (j: number): { rho: Q } | undefined => {
    const list = approvers[j]!;
    const us = uOf[j]!;
    const idx: number[] = [];
    let money = ZERO;
    for (let t = 0; t < list.length; t++) {
      if (us[t]! <= 0) continue;
      const ci = list[t]!;
      if (budget[ci]!.n === 0n) continue;
      idx.push(t);
      money = add(money, mulInt(budget[ci]!, BigInt(classes[ci]!.weight)));
    }
    held = money;
    const costQ = q(cost[j]!);
    if (cmp(money, costQ) < 0) return undefined;
    if (cost[j] === 0) return { rho: ZERO };
    // Sort by the ρ at which each class runs out: budget / utility.
    idx.sort((a, b) => {
      const ca = list[a]!;
      const cb = list[b]!;
      const x = approx[ca]! / us[a]!;
      const y = approx[cb]! / us[b]!;
      if (!closeOrder(x, y)) return x - y;
      return cmp(mul(budget[ca]!, q(1, BigInt(us[a]!))), mul(budget[cb]!, q(1, BigInt(us[b]!)))) || a - b;
    });
    let rest = costQ;
    let uSum = 0n;
    for (const t of idx) uSum += BigInt(us[t]!) * BigInt(classes[list[t]!]!.weight);
    for (const t of idx) {
      const ci = list[t]!;
      const w = BigInt(classes[ci]!.weight);
      const u = BigInt(us[t]!);
      // ρ = rest / uSum; poor if ρ·u > budget
      if (cmp(mulInt(rest, u), mulInt(budget[ci]!, uSum)) > 0) {
        rest = sub(rest, mulInt(budget[ci]!, w));
        uSum -= w * u;
      } else break;
    }
    return { rho: q(rest.n, rest.d * uSum) };
  };
  for (;;) {
    round++;
    let best = -1;
    let bestRho: Q | undefined;
    let tied: number[] = [];
    for (let j = 0; j < m; j++) {
      if (alive[j] !== 1) continue;
      const ev = evaluate(j);
      if (ev === undefined) {
        alive[j] = 0;
        out.notes[j] = unaffordableNote(profile, j, lastWinner, toNumber(held));
        continue;
      }
      if (bestRho === undefined || cmp(ev.rho, bestRho) < 0) {
        best = j;
        bestRho = ev.rho;
        tied = [j];
      } else if (cmp(ev.rho, bestRho) === 0) tied.push(j);
    }
    if (best < 0 || bestRho === undefined) break;
    if (tied.length > 1) {
      const w = tie.pick(tied);
      out.ties.push({ round, tied: [...tied], winner: w, decidedBy: tie.decidedBy(w, tied.find((x) => x !== w)!) });
      best = w;
    }
    const rho = bestRho;
    out.selected.push(best);
    out.rho.push(rho);
    alive[best] = 0;
    lastWinner = best;
    // effective votes: cost ÷ (ρ · mean utility) is not meaningful for points; report cost ÷ max payment.
    const list = approvers[best]!;
    const us = uOf[best]!;
    let maxPay = ZERO;
    for (let t = 0; t < list.length; t++) {
      const ci = list[t]!;
      if (us[t]! <= 0 || budget[ci]!.n === 0n) continue;
      const want = mulInt(rho, BigInt(us[t]!));
      const pay = cmp(budget[ci]!, want) > 0 ? want : budget[ci]!;
      if (cmp(pay, maxPay) > 0) maxPay = pay;
      budget[ci] = sub(budget[ci]!, pay);
      approx[ci] = toNumber(budget[ci]!);
      if (options.explain && pay.n !== 0n) out.payments[ci]!.push({ project: best, amount: pay });
    }
    const note: ProjectNote = { reason: 'funded', detail: `Funded in round ${round}.` };
    if (maxPay.n > 0n) note.effective = div(q(cost[best]!), maxPay);
    out.notes[best] = note;
  }
  for (let j = 0; j < m; j++) if (out.notes[j] === undefined) out.notes[j] = { reason: 'not-chosen', detail: 'Not funded.' };
  out.details = { utility: options.utility, rounds: out.selected.length };
  return out;
}
