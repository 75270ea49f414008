// Ballot validation: every violated rule is reported with a machine code and a sentence naming the rule.
import type { Ballot, BallotRules, Election, Project, VoteType } from './model.ts';

/** Machine codes for ballot-rule violations. */
export type ViolationCode =
  | 'unknown-project'
  | 'duplicate-project'
  | 'too-few-projects'
  | 'too-many-projects'
  | 'cost-below-minimum'
  | 'cost-above-maximum'
  | 'points-missing'
  | 'points-not-integer'
  | 'points-below-minimum'
  | 'points-above-maximum'
  | 'points-total-below-minimum'
  | 'points-total-above-maximum';

/** One violated rule: `rule` is the Pabulib META key (or a structural rule name). */
export interface Violation {
  readonly code: ViolationCode;
  readonly rule: string;
  readonly reason: string;
  readonly project?: string;
}

/** What a ballot is checked against. */
export interface BallotContext {
  readonly voteType: VoteType;
  readonly projects: readonly Project[];
  readonly rules: BallotRules;
}

/**
 * Checks one ballot against the ballot format and constraints and returns every violation (empty when valid).
 * Checked: unknown or repeated projects; min/max number of projects (choose-1 implies exactly one); min/max
 * total cost of the chosen projects; for cumulative and scoring ballots, points present and integer, per-project
 * min/max points and min/max total points.
 */
export function validateBallot(ballot: Ballot, context: BallotContext | Election): Violation[] {
  const out: Violation[] = [];
  const byId = new Map(context.projects.map((p) => [p.id, p] as const));
  const rules = context.rules;
  const seen = new Set<string>();
  let cost = 0;
  for (const id of ballot.projects) {
    const p = byId.get(id);
    if (p === undefined) {
      out.push({ code: 'unknown-project', rule: 'projects', reason: `Project "${id}" is not on the ballot paper.`, project: id });
      continue;
    }
    if (seen.has(id)) {
      out.push({ code: 'duplicate-project', rule: 'projects', reason: `Project "${id}" is chosen more than once.`, project: id });
      continue;
    }
    seen.add(id);
    cost += p.cost;
  }
  const n = ballot.projects.length;
  const minLength = context.voteType === 'choose-1' ? Math.max(1, rules.minLength ?? 1) : rules.minLength;
  const maxLength = context.voteType === 'choose-1' ? 1 : rules.maxLength;
  if (minLength !== undefined && n < minLength) {
    out.push({ code: 'too-few-projects', rule: 'min_length', reason: `The ballot chooses ${n} project(s); at least ${minLength} are required (min_length).` });
  }
  if (maxLength !== undefined && n > maxLength) {
    out.push({ code: 'too-many-projects', rule: 'max_length', reason: `The ballot chooses ${n} project(s); at most ${maxLength} are allowed (max_length).` });
  }
  if (rules.minSumCost !== undefined && cost < rules.minSumCost) {
    out.push({ code: 'cost-below-minimum', rule: 'min_sum_cost', reason: `The chosen projects cost ${cost} in total; at least ${rules.minSumCost} is required (min_sum_cost).` });
  }
  if (rules.maxSumCost !== undefined && cost > rules.maxSumCost) {
    out.push({ code: 'cost-above-maximum', rule: 'max_sum_cost', reason: `The chosen projects cost ${cost} in total; at most ${rules.maxSumCost} is allowed (max_sum_cost).` });
  }
  const needsPoints = context.voteType === 'cumulative' || context.voteType === 'scoring';
  if (ballot.points === undefined) {
    if (needsPoints && n > 0) {
      out.push({ code: 'points-missing', rule: 'points', reason: `A ${context.voteType} ballot must give points to each chosen project.` });
    }
    return out;
  }
  if (ballot.points.length !== n) {
    out.push({ code: 'points-missing', rule: 'points', reason: `The ballot gives ${ballot.points.length} point value(s) for ${n} project(s).` });
    return out;
  }
  let total = 0;
  ballot.points.forEach((pts, i) => {
    const id = ballot.projects[i] ?? '';
    if (!Number.isInteger(pts)) {
      out.push({ code: 'points-not-integer', rule: 'points', reason: `Project "${id}" gets ${pts} points; points must be whole numbers.`, project: id });
    }
    if (rules.minPoints !== undefined && pts < rules.minPoints) {
      out.push({ code: 'points-below-minimum', rule: 'min_points', reason: `Project "${id}" gets ${pts} points; at least ${rules.minPoints} per project (min_points).`, project: id });
    }
    if (rules.maxPoints !== undefined && pts > rules.maxPoints) {
      out.push({ code: 'points-above-maximum', rule: 'max_points', reason: `Project "${id}" gets ${pts} points; at most ${rules.maxPoints} per project (max_points).`, project: id });
    }
    total += pts;
  });
  if (rules.minSumPoints !== undefined && total < rules.minSumPoints) {
    out.push({ code: 'points-total-below-minimum', rule: 'min_sum_points', reason: `The ballot gives ${total} points in total; at least ${rules.minSumPoints} are required (min_sum_points).` });
  }
  if (rules.maxSumPoints !== undefined && total > rules.maxSumPoints) {
    out.push({ code: 'points-total-above-maximum', rule: 'max_sum_points', reason: `The ballot gives ${total} points in total; at most ${rules.maxSumPoints} are allowed (max_sum_points).` });
  }
  return out;
}

/** Validates every ballot of an election; returns only the ballots with violations, in ballot order. */
export function validateBallots(election: Election): { voter: string; violations: Violation[] }[] {
  const out: { voter: string; violations: Violation[] }[] = [];
  for (const b of election.ballots) {
    const v = validateBallot(b, election);
    if (v.length > 0) out.push({ voter: b.voter, violations: v });
  }
  return out;
}

/**
 * Borda points by rank for ordinal ballots of at most k projects: [k, k−1, …, 1] (k = 3 gives Kraków's 3-2-1).
 * Pass the result (or any other vector of points by rank) as `Election.ordinalScoring`.
 */
export function bordaScoring(k: number): number[] {
  return Array.from({ length: k }, (_, i) => k - i);
}
