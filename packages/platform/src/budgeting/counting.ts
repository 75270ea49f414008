// How the budgeting module counts: a phase's ballot design as the rules of @tingsted/budgeting, stored ballots as
// an election to tally, a line's violations as translated field errors, and the canonical hash of the ballots
// counted. Pure functions shared by paper batches, imports and results.
import { createHash } from 'node:crypto';
import { validateBallot, type Ballot, type BallotContext, type Election, type TallyOptions, type TieBreakKey, type Violation } from '@tingsted/budgeting';
import type { FieldError } from '../shared/result.ts';
import { ballotRules, rankPoints, type BallotDesign } from './ballot-rules.ts';
import type { BallotKind, BudgetingRule } from './budgeting.tables.ts';

/** The columns of a phase's design row that counting needs: the ballot rules' (shared with online voting) and the rule's. */
export type CountingDesign = BallotDesign & {
  readonly rule: BudgetingRule;
  readonly greedy_threshold: number | null;
  readonly tie_break: readonly string[];
  readonly seed: string;
};

/** A project as counting sees it: its id, number, cost. */
export interface CountedProject {
  readonly id: string;
  readonly number: number;
  readonly cost: number;
}

/**
 * A stored ballot: project ids (ranked best first for ranking ballots) and, for points ballots, the points;
 * `weight` when it stands for that many identical ballots (default 1).
 */
export interface CountedBallot {
  readonly id: string;
  readonly projects: readonly string[];
  readonly points: readonly number[] | null;
  readonly weight?: number;
}

const tieBreakKeys: readonly TieBreakKey[] = ['lowest-cost', 'highest-cost', 'most-votes', 'fewest-votes', 'most-score', 'input-order', 'lot'];

/** Errors listed per batch or file at most; the last entry says how many more there were. */
export const MAX_LINE_ERRORS = 200;

/** Pabulib's vote type for a ballot kind. */
export function voteTypeOf(kind: BallotKind): Election['voteType'] {
  switch (kind) {
    case 'basket':
    case 'approval':
      return 'approval';
    case 'points':
      return 'cumulative';
    case 'ranking':
      return 'ordinal';
  }
}

/**
 * What a valid ballot looks like under a design for a budget of `amount` (online, paper, imported alike: the
 * rules are online voting's, ballotRules).
 */
export function ballotContext(design: BallotDesign, amount: number, projects: readonly CountedProject[]): LineContext {
  return {
    voteType: voteTypeOf(design.ballot_kind),
    projects: projects.map((p) => ({ id: p.id, cost: p.cost })),
    rules: ballotRules(design, amount),
    costs: new Map(projects.map((p) => [p.id, p.cost] as const)),
  };
}

/** A ballot context with the projects' costs by id, for checking many ballots quickly. */
export type LineContext = BallotContext & { readonly costs: ReadonlyMap<string, number> };

/** True when a ballot certainly keeps every rule: known projects once each, the number, the cost, the points. */
function plainlyValid(ballot: Ballot, context: LineContext): boolean {
  const r = context.rules;
  const n = ballot.projects.length;
  if ((r.minLength !== undefined && n < r.minLength) || (r.maxLength !== undefined && n > r.maxLength)) return false;
  let cost = 0;
  for (const id of ballot.projects) {
    const c = context.costs.get(id);
    if (c === undefined) return false;
    cost += c;
  }
  if (new Set(ballot.projects).size !== n) return false;
  if (r.maxSumCost !== undefined && cost > r.maxSumCost) return false;
  if (ballot.points !== undefined) {
    if (ballot.points.length !== n || !ballot.points.every((p) => Number.isInteger(p) && p >= 0)) return false;
    const total = ballot.points.reduce((a, p) => a + p, 0);
    if ((r.minSumPoints !== undefined && total < r.minSumPoints) || (r.maxSumPoints !== undefined && total > r.maxSumPoints)) return false;
  } else if (context.voteType === 'cumulative' && n > 0) return false;
  return true;
}

/**
 * The field errors of one line's ballot (empty when it is valid), each naming the line: the field is `field`
 * and the message a `budgeting.line.*` key. `numberOf` turns a project id back into what the clerk typed. A
 * plainly valid ballot is recognised without validateBallot (which indexes the projects on every call).
 */
export function lineErrors(field: string, line: number, ballot: Ballot, context: LineContext, numberOf: (id: string) => string): FieldError[] {
  if (plainlyValid(ballot, context)) return [];
  const errors = validateBallot(ballot, context).map((v) => lineError(field, line, v, ballot, context, numberOf));
  // Online voting refuses points below 0 or not whole before its rules (ballotRules has no minimum per project).
  const badPoints = ballot.points !== undefined && !ballot.points.every((p) => Number.isInteger(p) && p >= 0);
  if (badPoints && !errors.some((e) => e.message === 'budgeting.line.pointsInvalid')) errors.push({ field, message: 'budgeting.line.pointsInvalid', params: { line } });
  return errors;
}

function lineError(field: string, line: number, v: Violation, ballot: Ballot, context: LineContext, numberOf: (id: string) => string): FieldError {
  const r = context.rules;
  const given = (ballot.points ?? []).reduce((a, b) => a + b, 0);
  switch (v.code) {
    case 'unknown-project':
      return { field, message: 'budgeting.line.unknownProject', params: { line, project: numberOf(v.project ?? '') } };
    case 'duplicate-project':
      return { field, message: 'budgeting.line.duplicateProject', params: { line, project: numberOf(v.project ?? '') } };
    case 'too-few-projects':
      return { field, message: 'budgeting.line.tooFew', params: { line, min: r.minLength ?? 1 } };
    case 'too-many-projects':
      return { field, message: 'budgeting.line.tooMany', params: { line, max: r.maxLength ?? 1 } };
    case 'cost-above-maximum':
    case 'cost-below-minimum': {
      const cost = [...new Set(ballot.projects)].reduce((a, id) => a + (context.costs.get(id) ?? 0), 0);
      return { field, message: 'budgeting.line.overBudget', params: { line, cost, budget: r.maxSumCost ?? 0 } };
    }
    case 'points-missing':
      return { field, message: 'budgeting.line.pointsMissing', params: { line } };
    case 'points-not-integer':
    case 'points-below-minimum':
    case 'points-above-maximum':
      return { field, message: 'budgeting.line.pointsInvalid', params: { line } };
    case 'points-total-below-minimum':
    case 'points-total-above-maximum':
      return { field, message: 'budgeting.line.pointsTotal', params: { line, total: r.maxSumPoints ?? 0, given } };
  }
}

/** Keeps the first MAX_LINE_ERRORS errors and says how many more there were. */
export function capErrors(field: string, errors: readonly FieldError[]): FieldError[] {
  if (errors.length <= MAX_LINE_ERRORS) return [...errors];
  return [...errors.slice(0, MAX_LINE_ERRORS), { field, message: 'budgeting.line.more', params: { count: errors.length - MAX_LINE_ERRORS } }];
}

/**
 * The election to tally: the eligible projects in number order and the ballots, each keeping only projects on
 * the ballot paper (ranking ballots as Borda points K..1, by their original rank).
 */
export function electionOf(design: CountingDesign, amount: number, projects: readonly CountedProject[], ballots: readonly CountedBallot[]): Election {
  const eligible = new Set(projects.map((p) => p.id));
  const out: Ballot[] = new Array<Ballot>(ballots.length);
  for (let i = 0; i < ballots.length; i++) {
    const b = ballots[i]!;
    const points = design.ballot_kind === 'ranking' ? rankPoints(design, b.projects.length) : design.ballot_kind === 'points' ? b.points : null;
    const weight = b.weight === undefined || b.weight === 1 ? {} : { weight: b.weight };
    const all = b.projects.every((id) => eligible.has(id));
    if (all) {
      out[i] = points === null ? { voter: b.id, projects: b.projects, ...weight } : { voter: b.id, projects: b.projects, points, ...weight };
      continue;
    }
    const keep = b.projects.map((id, t) => (eligible.has(id) ? t : -1)).filter((t) => t >= 0);
    const kept = keep.map((t) => b.projects[t]!);
    out[i] = points === null ? { voter: b.id, projects: kept, ...weight } : { voter: b.id, projects: kept, points: keep.map((t) => points[t] ?? 0), ...weight };
  }
  return {
    budget: amount,
    voteType: voteTypeOf(design.ballot_kind),
    projects: projects.map((p) => ({ id: p.id, cost: p.cost })),
    ballots: out,
    rules: {},
    moneyScale: 1,
    meta: {},
  };
}

/** The tally options of a rule under a design: greedy by votes (by score for points and ranking), the threshold, the tie-break and seed. */
export function tallyOptions(design: CountingDesign, rule: BudgetingRule): TallyOptions {
  const keys = design.tie_break.filter((k): k is TieBreakKey => (tieBreakKeys as readonly string[]).includes(k));
  return {
    rule,
    by: design.ballot_kind === 'points' || design.ballot_kind === 'ranking' ? 'score' : 'votes',
    ...(rule === 'greedy' && design.greedy_threshold !== null ? { threshold: design.greedy_threshold } : {}),
    ...(keys.length > 0 ? { tieBreak: keys } : {}),
    seed: design.seed,
  };
}

/**
 * A ballot as one canonical line: project numbers (ascending; ranking ballots in rank order), `number:points`
 * for points ballots.
 */
export function ballotLine(kind: BallotKind, projects: readonly string[], points: readonly number[] | null, numberOf: ReadonlyMap<string, number>): string {
  const numbers = projects.map((id) => numberOf.get(id) ?? 0);
  if (kind === 'ranking') return numbers.join(',');
  const pairs = numbers.map((n, t) => [n, points?.[t] ?? 1] as const).sort((a, b) => a[0] - b[0]);
  return pairs.map(([n, p]) => (kind === 'points' ? `${n}:${p}` : String(n))).join(',');
}

/**
 * SHA-256 (hex) of the ballots counted: their canonical lines sorted by code unit, one per line (a ballot of
 * weight k is k lines: grouped or not, the same ballots give the same hash).
 */
export function ballotsHash(kind: BallotKind, ballots: readonly CountedBallot[], numberOf: ReadonlyMap<string, number>): string {
  // Identical ballots are common (Łódź 2022: 90,494 ballots, 23,571 different ones): each line is made once.
  const count = new Map<string, number>();
  const lineOf = new Map<string, string>();
  for (const b of ballots) {
    const key = b.points === null ? b.projects.join(',') : `${b.projects.join(',')}|${b.points.join(',')}`;
    let line = lineOf.get(key);
    if (line === undefined) {
      line = ballotLine(kind, b.projects, b.points, numberOf);
      lineOf.set(key, line);
    }
    count.set(line, (count.get(line) ?? 0) + (b.weight ?? 1));
  }
  const lines = [...count.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`.repeat(count.get(line)!));
  return hash.digest('hex');
}

/** SHA-256 (hex) of a batch: its budget and its ballots' canonical lines in order. */
export function batchHash(budgetId: string, lines: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(`${budgetId}\n`);
  for (const line of lines) hash.update(`${line}\n`);
  return hash.digest('hex');
}
