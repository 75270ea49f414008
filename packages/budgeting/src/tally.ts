// The tally entry point: one function that runs any supported rule and explains the outcome.
import type { Election, Profile } from './model.ts';
import { buildProfile } from './model.ts';
import { greedy } from './greedy.ts';
import { mesRun, type MesRun, type MesUtility } from './mes.ts';
import { phragmen } from './phragmen.ts';
import { costOf, displacer, toResult, type RuleOutcome } from './outcome.ts';
import { floor, q, toString, type Q } from './rational.ts';
import { createTieBreaker, type TieBreakKey, type TieBreaker } from './tiebreak.ts';
import type { TallyResult } from './explain.ts';

/** Rules the tally supports (the CLI's --rule values). */
export type RuleName = 'greedy' | 'greedy-no-skip' | 'mes' | 'mes-add1' | 'mes-add1-exhaustive' | 'phragmen';

/** Every rule name, in documentation order. */
export const RULES: readonly RuleName[] = ['greedy', 'greedy-no-skip', 'mes', 'mes-add1', 'mes-add1-exhaustive', 'phragmen'];

/** How the comparison step measures which outcome a voter prefers. */
export type ComparisonMeasure = 'cardinality' | 'cost' | 'exclusion';

/** Options of a tally. */
export interface TallyOptions {
  readonly rule: RuleName;
  /** Greedy: rank by votes (default) or by score (points). */
  readonly by?: 'votes' | 'score';
  /** Greedy: minimum votes (or score) a project needs. */
  readonly threshold?: number;
  /** MES utilities; default 'cost' for approval and choose-1 ballots, 'points' otherwise. */
  readonly utility?: MesUtility;
  /** Add1: endowment step in money units (default: one currency unit, i.e. the election's moneyScale). */
  readonly add1Step?: number;
  /** MES: after MES (and Add1), fund remaining projects greedily by utility per cost while money is left. */
  readonly utilitarianCompletion?: boolean;
  /**
   * MES: the comparison step. Compare the MES outcome with greedy-by-votes; if more voters prefer greedy
   * (under the measure) than prefer MES, the greedy outcome is used. Default: no comparison.
   */
  readonly comparison?: ComparisonMeasure;
  readonly tieBreak?: readonly TieBreakKey[];
  readonly seed?: string | number;
  /** Include per-voter explanations (default true). */
  readonly explainVoters?: boolean;
}

/** Runs a tally on an election. Throws if a ballot names an unknown project (validate first). */
export function tally(election: Election, options: TallyOptions): TallyResult {
  return tallyProfile(buildProfile(election), tallyOptionsFor(election, options));
}

/**
 * The options with the election's defaults filled in (what tally does before tallyProfile): MES utilities by
 * ballot type ('cost' for approval and choose-1, else 'points') and Add1 steps of one currency unit.
 */
export function tallyOptionsFor(election: Pick<Election, 'voteType' | 'moneyScale'>, options: TallyOptions): TallyOptions {
  const utility = options.utility ?? (election.voteType === 'approval' || election.voteType === 'choose-1' ? 'cost' : 'points');
  // Add1 steps by one currency unit: moneyScale minor units when the file had decimals.
  return { ...options, utility, add1Step: options.add1Step ?? election.moneyScale };
}

/** Runs a tally on an already compiled profile (see buildProfile). */
export function tallyProfile(profile: Profile, options: TallyOptions): TallyResult {
  const tie = createTieBreaker(profile, { ...(options.tieBreak ? { keys: options.tieBreak } : {}), ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  const outcome = runRule(profile, tie, options);
  outcome.details.tieBreak = tie.keys.join(',');
  outcome.details.seed = tie.seed;
  return toResult(profile, options.rule, outcome, options.explainVoters ?? true);
}

function runRule(profile: Profile, tie: TieBreaker, options: TallyOptions): RuleOutcome {
  const by = options.by ?? 'votes';
  const thr = options.threshold !== undefined ? { threshold: options.threshold } : {};
  switch (options.rule) {
    case 'greedy':
      return greedy(profile, tie, { by, skip: true, ...thr });
    case 'greedy-no-skip':
      return greedy(profile, tie, { by, skip: false, ...thr });
    case 'phragmen':
      return phragmen(profile, tie);
    case 'mes':
      return equalShares(profile, tie, { ...options, completion: 'none' });
    case 'mes-add1':
      return equalShares(profile, tie, { ...options, completion: 'add1' });
    case 'mes-add1-exhaustive':
      return equalShares(profile, tie, { ...options, completion: 'add1-exhaustive' });
  }
}

/** Options of equalShares. */
export interface EqualSharesOptions {
  readonly utility?: MesUtility;
  readonly completion: 'none' | 'add1' | 'add1-exhaustive';
  readonly add1Step?: number;
  readonly utilitarianCompletion?: boolean;
  readonly comparison?: ComparisonMeasure;
  /** Record per-voter payments and evaluate every candidate every round (default true). */
  readonly explain?: boolean;
}

/** True when no unfunded project fits in the money left. */
export function isExhaustive(profile: Profile, selected: readonly number[]): boolean {
  const left = profile.budget - costOf(profile, selected);
  const sel = new Set(selected);
  for (let j = 0; j < profile.ids.length; j++) if (!sel.has(j) && profile.cost[j]! <= left) return false;
  return true;
}

/**
 * The Method of Equal Shares with the completions used in practice. The first run gives every voter
 * budget ÷ voters. Add1 then sets the endowment to ⌊budget ÷ voters⌋ + step, + 2·step, …, re-running MES each
 * time, keeps the last outcome that fits the budget and stops at the first that overspends ('add1-exhaustive'
 * also stops as soon as the kept outcome is exhaustive). It also stops when an outcome already funds every
 * supported project. Optionally followed by the utilitarian completion and the comparison step.
 */
export function equalShares(profile: Profile, tie: TieBreaker, options: EqualSharesOptions): RuleOutcome {
  const utility = options.utility ?? 'cost';
  const B = profile.budget;
  const n = Math.max(1, profile.voterCount);
  const e0 = q(B, n);
  const run = (e: Q, explain: boolean): MesRun => mesRun(profile, tie, { utility, endowment: e, explain });
  const explainOnce = options.completion === 'none' && options.explain !== false;
  let best = run(e0, explainOnce);
  let endowment = e0;
  let iterations = 1;
  const supported = profile.votes.filter((v) => v > 0).length;
  if (options.completion !== 'none') {
    const step = BigInt(options.add1Step ?? 1);
    let e = floor(e0);
    for (;;) {
      if (options.completion === 'add1-exhaustive' && isExhaustive(profile, best.selected)) break;
      if (best.selected.length >= supported) break;
      e += step;
      if (e > BigInt(B)) break;
      const next = run(q(e), false);
      iterations++;
      if (costOf(profile, next.selected) <= B) {
        best = next;
        endowment = q(e);
      } else break;
    }
  }
  let out: RuleOutcome = options.explain === false || explainOnce ? best : run(endowment, true);
  out.details = {
    ...out.details,
    completion: options.completion,
    endowment: toString(endowment),
    mesIterations: iterations,
    mesCost: costOf(profile, out.selected),
  };
  if (options.utilitarianCompletion === true) utilitarian(profile, tie, out, utility);
  if (options.comparison !== undefined) out = comparisonStep(profile, tie, out, options.comparison);
  return out;
}

function utilitarian(profile: Profile, tie: TieBreaker, out: RuleOutcome, utility: MesUtility): void {
  const sel = new Set(out.selected);
  let left = profile.budget - costOf(profile, out.selected);
  const gain = (j: number): [number, number] =>
    utility === 'cost' ? [profile.votes[j]!, 1] : utility === 'approval' ? [profile.votes[j]!, profile.cost[j]!] : [profile.score[j]!, profile.cost[j]!];
  const order = profile.ids
    .map((_, j) => j)
    .filter((j) => !sel.has(j) && profile.votes[j]! > 0)
    .sort((a, b) => {
      const [na, da] = gain(a);
      const [nb, db] = gain(b);
      const d = nb * da - na * db; // compare na/da vs nb/db, larger first
      return d !== 0 ? d : tie.compare(a, b);
    });
  let added = 0;
  for (const j of order) {
    if (profile.cost[j]! <= left) {
      left -= profile.cost[j]!;
      out.selected.push(j);
      added++;
      out.notes[j] = { reason: 'funded-in-completion', detail: `Funded by the utilitarian completion (${profile.votes[j]} votes).` };
    }
  }
  for (const j of order) {
    if (out.selected.includes(j)) continue;
    const note = out.notes[j];
    if (note !== undefined && note.displacedBy === undefined) {
      const d = displacer(profile, out.selected, j, profile.budget);
      if (d !== undefined) note.displacedBy = d;
    }
  }
  out.details.utilitarianAdded = added;
}

function comparisonStep(profile: Profile, tie: TieBreaker, mes: RuleOutcome, measure: ComparisonMeasure): RuleOutcome {
  const g = greedy(profile, tie, { by: 'votes', skip: true });
  const satisfaction = (selected: readonly number[], items: Int32Array): number => {
    let s = 0;
    for (const j of selected) {
      if (!items.includes(j)) continue;
      if (measure === 'cost') s += profile.cost[j]!;
      else s += 1;
    }
    return measure === 'exclusion' ? Math.min(s, 1) : s;
  };
  let prefersMes = 0;
  let prefersGreedy = 0;
  for (const c of profile.classes) {
    const a = satisfaction(mes.selected, c.items);
    const b = satisfaction(g.selected, c.items);
    if (a > b) prefersMes += c.weight;
    else if (b > a) prefersGreedy += c.weight;
  }
  const switched = prefersGreedy > prefersMes;
  const chosen = switched ? g : mes;
  chosen.details = {
    ...mes.details,
    ...(switched ? g.details : {}),
    comparison: measure,
    prefersMes,
    prefersGreedy,
    comparisonSwitchedToGreedy: switched,
  };
  return chosen;
}

/**
 * The tally options that correspond to a Pabulib file's META `rule` value, or an explanation of why there is
 * none: `greedy` → greedy (by score for ordinal, cumulative and scoring ballots), `greedy-threshold` → greedy
 * with META `min_project_score_threshold`, `greedy-no-skip` → greedy-no-skip, `equalshares` → mes,
 * `equalshares/add1` → mes-add1-exhaustive (the equalshares.net tool, whose order Świecie 2023 published).
 */
export function officialRule(election: Pick<Election, 'meta' | 'voteType'>): { ok: true; options: TallyOptions } | { ok: false; reason: 'unknown-rule'; detail: string } {
  const rule = election.meta.rule ?? '';
  const by = election.voteType === 'approval' || election.voteType === 'choose-1' ? 'votes' : 'score';
  switch (rule) {
    case 'greedy':
      return { ok: true, options: { rule: 'greedy', by } };
    case 'greedy-no-skip':
      return { ok: true, options: { rule: 'greedy-no-skip', by } };
    case 'greedy-threshold': {
      const t = Number(election.meta.min_project_score_threshold);
      if (!Number.isFinite(t)) {
        return { ok: false, reason: 'unknown-rule', detail: 'greedy-threshold needs META min_project_score_threshold' };
      }
      return { ok: true, options: { rule: 'greedy', by, threshold: t } };
    }
    case 'equalshares':
      return { ok: true, options: { rule: 'mes' } };
    case 'equalshares/add1':
      return { ok: true, options: { rule: 'mes-add1-exhaustive' } };
    default:
      return { ok: false, reason: 'unknown-rule', detail: `no tally for META rule "${rule}"` };
  }
}
