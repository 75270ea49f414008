// The rules a ballot must keep, by the phase's design: pure functions shared by online voting and the clerks'
// paper batches. Every violation names the field it concerns (projects, points, ranking, budgetId) and a
// translated message key.
import { randomBytes } from 'node:crypto';
import { bordaScoring, validateBallot, type BallotRules, type VoteType, type Violation } from '@tingsted/budgeting';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { BallotKind } from './budgeting.tables.ts';

/** The design fields the rules read (a budget_settings row). */
export interface BallotDesign {
  readonly ballot_kind: BallotKind;
  readonly min_projects: number | null;
  readonly max_projects: number | null;
  readonly points_total: number | null;
  readonly rank_limit: number | null;
  readonly voters: 'residents' | 'everyone';
  readonly min_age: number | null;
}

/** A ballot as a voter gives it: one of three shapes, by ballot kind. */
export interface BallotShape {
  readonly projects?: readonly string[] | undefined;
  readonly points?: Readonly<Record<string, number>> | undefined;
  readonly ranking?: readonly string[] | undefined;
}

/** A ballot as stored: project ids (ranked best first for ranking) and, for points ballots, the points given. */
export interface StoredBallot {
  readonly projects: string[];
  readonly points: number[] | null;
}

/** The field a ballot kind is given in. */
export function ballotField(kind: BallotKind): 'projects' | 'points' | 'ranking' {
  return kind === 'points' ? 'points' : kind === 'ranking' ? 'ranking' : 'projects';
}

const voteTypes: Record<BallotKind, VoteType> = { basket: 'approval', approval: 'approval', points: 'cumulative', ranking: 'ordinal' };

/** The ballot constraints of a design in @tingsted/budgeting's terms (a ballot lists at least one project). */
export function ballotRules(design: BallotDesign, budgetAmount: number): BallotRules {
  const maxLength = design.ballot_kind === 'ranking' ? minOf(design.rank_limit, design.max_projects) : design.max_projects;
  return {
    minLength: Math.max(1, design.min_projects ?? 1),
    ...(maxLength !== null ? { maxLength } : {}),
    ...(design.ballot_kind === 'basket' ? { maxSumCost: budgetAmount } : {}),
    ...(design.ballot_kind === 'points' && design.points_total !== null ? { minSumPoints: design.points_total, maxSumPoints: design.points_total } : {}),
  };
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function violationError(field: string, violation: Violation, ballot: StoredBallot, costs: ReadonlyMap<string, number>, rules: BallotRules): FieldError {
  switch (violation.code) {
    case 'unknown-project':
      return { field, message: 'budgeting.ballot.unknownProject' };
    case 'duplicate-project':
      return { field, message: 'budgeting.ballot.duplicate' };
    case 'too-few-projects':
      return { field, message: 'budgeting.ballot.tooFew', params: { min: rules.minLength ?? 1 } };
    case 'too-many-projects':
      return { field, message: 'budgeting.ballot.tooMany', params: { max: rules.maxLength ?? 0 } };
    case 'cost-above-maximum':
    case 'cost-below-minimum': {
      const total = ballot.projects.reduce((sum, id) => sum + (costs.get(id) ?? 0), 0);
      return { field, message: 'budgeting.ballot.overBudget', params: { total, budget: rules.maxSumCost ?? 0 } };
    }
    case 'points-total-below-minimum':
    case 'points-total-above-maximum': {
      const total = (ballot.points ?? []).reduce((sum, p) => sum + p, 0);
      return { field, message: 'budgeting.ballot.pointsTotal', params: { required: rules.maxSumPoints ?? 0, total } };
    }
    case 'points-missing':
    case 'points-not-integer':
    case 'points-below-minimum':
    case 'points-above-maximum':
      return { field, message: 'budgeting.ballot.pointsInvalid' };
  }
}

/**
 * Checks a ballot against the design and the projects on the budget's ballot (id → cost). Returns the ballot
 * to store, or `BallotInvalid` with every broken rule, each naming its field.
 */
export function checkBallot(design: BallotDesign, budgetAmount: number, costs: ReadonlyMap<string, number>, shape: BallotShape): Result<StoredBallot> {
  const field = ballotField(design.ballot_kind);
  let ballot: StoredBallot;
  if (field === 'points') {
    if (shape.points === undefined) return fail('BallotInvalid', [{ field, message: 'field.required' }]);
    const entries = Object.entries(shape.points);
    if (entries.some(([, p]) => !Number.isInteger(p) || p < 0)) return fail('BallotInvalid', [{ field, message: 'budgeting.ballot.pointsInvalid' }]);
    const given = entries.filter(([, p]) => p > 0);
    const unknown = given.some(([id]) => !costs.has(id));
    if (unknown) return fail('BallotInvalid', [{ field, message: 'budgeting.ballot.unknownProject' }]);
    // Stored in the order of the ballot paper, so equal ballots are stored alike.
    const order = [...costs.keys()];
    given.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    ballot = { projects: given.map(([id]) => id), points: given.map(([, p]) => p) };
  } else {
    const ids = field === 'ranking' ? shape.ranking : shape.projects;
    if (ids === undefined) return fail('BallotInvalid', [{ field, message: 'field.required' }]);
    ballot = { projects: [...ids], points: null };
  }
  const rules = ballotRules(design, budgetAmount);
  const violations = validateBallot(
    { voter: '', projects: ballot.projects, ...(ballot.points ? { points: ballot.points } : {}) },
    { voteType: voteTypes[design.ballot_kind], projects: [...costs].map(([id, cost]) => ({ id, cost })), rules },
  );
  if (violations.length === 0) return ok(ballot);
  const errors = new Map<string, FieldError>();
  for (const v of violations) {
    const error = violationError(field, v, ballot, costs, rules);
    errors.set(error.message, error);
  }
  return fail('BallotInvalid', [...errors.values()]);
}

/** The points a ranking gives by rank (Borda: K, K−1, …, 1 with K the rank limit). */
export function rankPoints(design: BallotDesign, ranked: number): number[] {
  return bordaScoring(design.rank_limit ?? ranked).slice(0, ranked);
}

/**
 * Why a person may not vote in a budget (a message key), or null when they may: a district budget is for
 * the residents registered in its area; the citywide one for every resident with a registered area (or every
 * signed-in person when the phase lets everyone vote); with a minimum age, the year of birth must show it.
 */
export function ineligibility(design: BallotDesign, budget: { readonly area: string | null }, profile: { readonly area: string | null; readonly birthYear: number | null }, currentYear: number): string | null {
  if (budget.area !== null) {
    if (profile.area === null) return 'budgeting.eligibility.areaMissing';
    if (profile.area !== budget.area) return 'budgeting.eligibility.otherArea';
  } else if (design.voters === 'residents' && profile.area === null) {
    return 'budgeting.eligibility.areaMissing';
  }
  if (design.min_age !== null) {
    if (profile.birthYear === null) return 'budgeting.eligibility.birthYearMissing';
    if (currentYear - profile.birthYear < design.min_age) return 'budgeting.eligibility.tooYoung';
  }
  return null;
}

const receiptAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A receipt's verification code: 10 characters from an alphabet without look-alikes (0/O, 1/I), crypto random. */
export function receiptCode(): string {
  // 256 is a multiple of the alphabet's 32 letters, so each letter is equally likely.
  return [...randomBytes(10)].map((byte) => receiptAlphabet[byte % receiptAlphabet.length]).join('');
}
