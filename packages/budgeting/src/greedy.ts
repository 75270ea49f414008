// Greedy rules: fund projects in order of votes (or score) while the money lasts.
import type { Profile } from './model.ts';
import { displacer, emptyOutcome, type RuleOutcome } from './outcome.ts';
import { q } from './rational.ts';
import type { TieBreaker } from './tiebreak.ts';

/** Options of the greedy rule. */
export interface GreedyOptions {
  /** Rank by number of votes (approvals) or by score (total points). Default 'votes'. */
  readonly by?: 'votes' | 'score';
  /** true (default): skip a project that does not fit and continue; false: stop at the first that does not fit. */
  readonly skip?: boolean;
  /** Only projects with at least this many votes (or this score, with by = 'score') are eligible. */
  readonly threshold?: number;
}

/**
 * Greedy by votes or score. Projects are ranked by descending votes (or score), ties by the tie-breaker; each is
 * funded if it fits in the money left. With `skip: false` the rule stops at the first project that does not fit.
 * Projects nobody supports are never funded. Every voter's share of a funded project is cost ÷ its supporters
 * (for the explanation only; greedy does not use shares).
 */
export function greedy(profile: Profile, tie: TieBreaker, options: GreedyOptions = {}): RuleOutcome {
  const by = options.by ?? 'votes';
  const skip = options.skip ?? true;
  const key = by === 'votes' ? profile.votes : profile.score;
  const m = profile.ids.length;
  const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => key[b]! - key[a]! || tie.compare(a, b));
  const out = emptyOutcome(profile);
  let left = profile.budget;
  let stoppedAt: number | undefined;
  const label = by === 'votes' ? 'votes' : 'points';
  for (let pos = 0; pos < order.length; pos++) {
    const j = order[pos]!;
    const k = key[j]!;
    const eff = q(k);
    if (k <= 0) {
      out.notes[j] = { reason: 'no-support', effective: eff, detail: `No ${label}.` };
      continue;
    }
    if (options.threshold !== undefined && k < options.threshold) {
      out.notes[j] = {
        reason: 'below-threshold',
        effective: eff,
        detail: `${k} ${label}, below the threshold of ${options.threshold}.`,
      };
      continue;
    }
    if (stoppedAt !== undefined) {
      out.notes[j] = {
        reason: 'not-reached',
        effective: eff,
        displacedBy: stoppedAt,
        detail: `The rule stopped at project ${profile.ids[stoppedAt]} (ranked higher), which did not fit.`,
      };
      continue;
    }
    const next = pos + 1 < order.length ? order[pos + 1] : undefined;
    if (next !== undefined && key[next] === k && order.length > 1) {
      // Projects with equal votes (score) were ordered by the tie-breaker: record that, once per such run.
      const tied = order.filter((x) => key[x] === k);
      if (tied[0] === j && tied.length > 1) {
        out.ties.push({ round: out.selected.length + 1, tied, winner: j, decidedBy: tie.decidedBy(j, tied[1]!) });
      }
    }
    if (profile.cost[j]! <= left) {
      left -= profile.cost[j]!;
      out.selected.push(j);
      out.notes[j] = { reason: 'funded', effective: eff, detail: `Funded with ${k} ${label}; ${left} left afterwards.` };
      continue;
    }
    if (!skip) stoppedAt = j;
    const d = displacer(profile, out.selected, j, profile.budget);
    const note: { reason: 'over-budget'; effective: typeof eff; detail: string; displacedBy?: number } = {
      reason: 'over-budget',
      effective: eff,
      detail:
        `${k} ${label}, but it costs ${profile.cost[j]} and only ${left} was left` +
        (d !== undefined ? ` after funding ${profile.ids[d]}.` : '.'),
    };
    if (d !== undefined) note.displacedBy = d;
    out.notes[j] = note;
  }
  // Equal split of each funded project among its supporters, for the per-voter explanation.
  const sel = new Set(out.selected);
  profile.classes.forEach((c, ci) => {
    for (const j of out.selected) {
      if (sel.has(j) && c.items.includes(j)) out.payments[ci]!.push({ project: j, amount: q(profile.cost[j]!, profile.votes[j]!) });
    }
  });
  out.details = { by, skip, ...(options.threshold !== undefined ? { threshold: options.threshold } : {}) };
  return out;
}
