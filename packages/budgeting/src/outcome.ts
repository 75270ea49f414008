// The index-based outcome every rule produces, and its conversion to the public, JSON-ready TallyResult.
import type { Profile } from './model.ts';
import type { ProjectExplanation, ProjectReason, TallyResult, TieRecord, VoterExplanation } from './explain.ts';
import { toNumber, toString, type Q } from './rational.ts';

/** What a rule says about one project (index-based). */
export interface ProjectNote {
  reason: ProjectReason;
  effective?: Q;
  /** Effective votes known only approximately (display only). */
  effectiveApprox?: number;
  displacedBy?: number;
  detail: string;
}

/** The raw outcome of a rule, before it is turned into a TallyResult. */
export interface RuleOutcome {
  selected: number[];
  notes: (ProjectNote | undefined)[];
  /** Per voter class: what one voter of the class paid toward which project (empty when the run records none). */
  payments: { project: number; amount: Q }[][];
  ties: { round: number; tied: number[]; winner: number; decidedBy: string }[];
  details: Record<string, string | number | boolean | readonly string[]>;
}

/** An empty outcome for a profile. */
export function emptyOutcome(profile: Profile, withPayments = true): RuleOutcome {
  return {
    selected: [],
    notes: new Array<ProjectNote | undefined>(profile.ids.length).fill(undefined),
    // A run that records no payments (MES without explanations: each Add1 run) needs no list per class.
    payments: withPayments ? profile.classes.map(() => []) : [],
    ties: [],
    details: {},
  };
}

/** Total cost of a list of project indices. */
export function costOf(profile: Profile, selected: readonly number[]): number {
  let s = 0;
  for (const j of selected) s += profile.cost[j]!;
  return s;
}

/**
 * For a project that did not fit, the funded project (in selection order) after whose funding the money left
 * dropped below the project's cost; undefined if it never fitted.
 */
export function displacer(profile: Profile, selected: readonly number[], j: number, budget: number): number | undefined {
  let spent = 0;
  if (budget - spent < profile.cost[j]!) return undefined;
  for (const s of selected) {
    spent += profile.cost[s]!;
    if (budget - spent < profile.cost[j]!) return s;
  }
  return undefined;
}

/** Converts a rule outcome into the public result with per-project and per-voter explanations. */
export function toResult(profile: Profile, rule: string, outcome: RuleOutcome, includeVoters: boolean): TallyResult {
  const rankOf = new Map<number, number>();
  outcome.selected.forEach((j, i) => rankOf.set(j, i + 1));
  const projects: ProjectExplanation[] = profile.ids.map((id, j) => {
    const note = outcome.notes[j];
    const rank = rankOf.get(j);
    const base = {
      project: id,
      cost: profile.cost[j]!,
      votes: profile.votes[j]!,
      score: profile.score[j]!,
      selected: rank !== undefined,
    };
    const reason: ProjectReason = note?.reason ?? (rank !== undefined ? 'funded' : 'not-chosen');
    const out: {
      -readonly [K in keyof ProjectExplanation]: ProjectExplanation[K];
    } = { ...base, reason, detail: note?.detail ?? (rank !== undefined ? 'Funded.' : 'Not funded.') };
    if (rank !== undefined) out.rank = rank;
    if (note?.effective !== undefined) {
      out.effectiveVotes = toNumber(note.effective);
      out.effectiveVotesExact = toString(note.effective);
    } else if (note?.effectiveApprox !== undefined) out.effectiveVotes = note.effectiveApprox;
    if (note?.displacedBy !== undefined) out.displacedBy = profile.ids[note.displacedBy]!;
    return out;
  });
  const voters: VoterExplanation[] = [];
  if (includeVoters) {
    profile.classes.forEach((c, ci) => {
      const funded: string[] = [];
      for (const j of outcome.selected) if (c.items.includes(j)) funded.push(profile.ids[j]!);
      const payments = (outcome.payments[ci] ?? []).map((p) => ({
        project: profile.ids[p.project]!,
        amount: toNumber(p.amount),
        exact: toString(p.amount),
      }));
      for (const v of c.voters) voters.push({ voter: v, funded, payments });
    });
  }
  const ties: TieRecord[] = outcome.ties.map((t) => ({
    round: t.round,
    tied: t.tied.map((j) => profile.ids[j]!),
    winner: profile.ids[t.winner]!,
    decidedBy: t.decidedBy,
  }));
  return {
    rule,
    selected: outcome.selected.map((j) => profile.ids[j]!),
    cost: costOf(profile, outcome.selected),
    budget: profile.budget,
    explanations: { projects, voters },
    ties,
    details: outcome.details,
  };
}
