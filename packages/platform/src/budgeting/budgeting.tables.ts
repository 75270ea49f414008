import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText } from '../shared/localized.ts';

type Created = ColumnType<Date, Date | string | undefined, never>;
type Updated = ColumnType<Date, Date | string | undefined, Date | string>;
type LocalizedColumn = ColumnType<LocalizedText, string | undefined, string>;
/** Whole currency units in an integer column (at most 2,147,483,647). */
type Money = number;

/**
 * How a resident fills in the ballot. `basket`: approval within the spending limit (the budget); `approval`:
 * any number of projects, no limit; `points`: spread N points; `ranking`: rank up to K projects.
 */
export const ballotKinds = ['basket', 'approval', 'points', 'ranking'] as const;
export type BallotKind = (typeof ballotKinds)[number];

/** The counting rules the manager can announce (names as in @tingsted/budgeting). */
export const budgetingRules = ['greedy', 'mes', 'mes-add1', 'mes-add1-exhaustive'] as const;
export type BudgetingRule = (typeof budgetingRules)[number];

/** Who may vote: residents with a registered area in the municipality, or every signed-in person. */
export const voterGroups = ['residents', 'everyone'] as const;
export type VoterGroup = (typeof voterGroups)[number];

/** A project's feasibility review. Only eligible projects go on the ballot. */
export const reviewStates = ['pending', 'eligible', 'ineligible'] as const;
export type ReviewState = (typeof reviewStates)[number];

/** Where a ballot came from. */
export const ballotSources = ['online', 'paper', 'csv', 'pabulib'] as const;
export type BallotSource = (typeof ballotSources)[number];

/** The ballot design of one budgeting phase. */
export interface BudgetSettingsTable {
  phase_id: string;
  ballot_kind: ColumnType<BallotKind, BallotKind | undefined, BallotKind>;
  min_projects: number | null;
  max_projects: number | null;
  /** points: how many points each voter spreads. */
  points_total: number | null;
  /** ranking: how many projects a voter ranks at most (points K, K−1, …, 1 by rank). */
  rank_limit: number | null;
  rule: ColumnType<BudgetingRule, BudgetingRule | undefined, BudgetingRule>;
  /** greedy: the fewest votes (points) a project needs; null: none. */
  greedy_threshold: number | null;
  /** Tie-break criteria in order (TieBreakKey of @tingsted/budgeting). */
  tie_break: ColumnType<string[], string[] | undefined, string[]>;
  /** The lot's seed, published with the results. */
  seed: ColumnType<string, string | undefined, string>;
  currency: ColumnType<string, string | undefined, string>;
  voters: ColumnType<VoterGroup, VoterGroup | undefined, VoterGroup>;
  min_age: number | null;
  updated_at: Updated;
}

/** A budget of a phase: a district's (area) or the citywide one (area null). */
export interface BudgetBudgetsTable {
  id: Generated<string>;
  phase_id: string;
  name: LocalizedColumn;
  area: string | null;
  amount: Money;
  position: number;
  created_at: Created;
}

export interface BudgetProjectsTable {
  id: Generated<string>;
  phase_id: string;
  budget_id: string;
  /** Shown to voters and typed by clerks entering paper ballots; unique in the phase. */
  number: number;
  /** An outside identifier (Pabulib project_id); unique in the phase when set. */
  reference: string | null;
  title: LocalizedColumn;
  description: LocalizedColumn;
  cost: Money;
  cost_min: Money | null;
  cost_max: Money | null;
  area: string | null;
  category: string | null;
  /** The ideas the project came from. */
  source_idea_ids: ColumnType<string[], string[] | undefined, string[]>;
  /** The project's own image file ids in the order staff put them (images missing from it follow, oldest first). */
  image_order: ColumnType<string[], string[] | undefined, string[]>;
  review: ColumnType<ReviewState, ReviewState | undefined, ReviewState>;
  review_reason: LocalizedColumn;
  cost_checked_by: string | null;
  cost_checked_on: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  /** Delivery: an input status key (input_statuses) and the progress, once the project won. */
  status: string | null;
  progress_percent: number | null;
  created_by: string | null;
  created_at: Created;
  updated_at: Updated;
}

/** Delivery updates of a project: an answer with a status, or a milestone with progress. */
export interface BudgetProjectUpdatesTable {
  id: Generated<string>;
  project_id: string;
  status: string | null;
  body: string | null;
  title: string | null;
  happened_on: string | null;
  progress_percent: number | null;
  author_id: string | null;
  author_name: string;
  created_at: Created;
}

/** Paper batches and imported files: each a set of ballots entered together. */
export interface BudgetBatchesTable {
  id: Generated<string>;
  phase_id: string;
  budget_id: string;
  source: Exclude<BallotSource, 'online'>;
  /** The clerk's batch label; unique in the phase, so a batch cannot be entered twice. */
  label: string;
  /** SHA-256 of the batch's ballots in order; unique in the phase. */
  content_hash: string;
  ballot_count: number;
  entered_by: string | null;
  entered_at: Created;
  /** Paper and CSV batches count only once a second staff member confirmed them. */
  confirmed_by: string | null;
  confirmed_at: Date | null;
}

export interface BudgetBallotsTable {
  id: Generated<string>;
  phase_id: string;
  budget_id: string;
  /** The signed-in voter (online ballots); one ballot per voter per budget. Null for paper and imports. */
  voter_id: string | null;
  source: BallotSource;
  batch_id: string | null;
  /** The voter id of an imported file (one ballot), or the clerk's ballot number. */
  voter_ref: string | null;
  /** How many voters cast this ballot: 1, or for a Pabulib import the number of identical ballots stored as one row. */
  weight: ColumnType<number, number | undefined, number>;
  /** A Pabulib import's row: the file's voter ids of its `weight` voters, in file order (voter_ref is null then). */
  voter_refs: string[] | null;
  /** Project ids: chosen (basket, approval), or ranked best first (ranking), or given points (points). */
  projects: ColumnType<string[], string[], string[]>;
  /** points: parallel to projects. */
  points: ColumnType<number[] | null, number[] | null | undefined, number[] | null>;
  /** The verification code on the voter's receipt (online ballots). */
  receipt: string | null;
  /** budget_id for an online ballot, null for a batch one (generated: the online ballots' key to the budget). */
  online_budget_id: ColumnType<string | null, never, never>;
  created_at: Created;
  updated_at: Updated;
}

/** A computed result of one budget, stored with its rule, parameters and the hash of the ballots counted. */
export interface BudgetResultsTable {
  id: Generated<string>;
  phase_id: string;
  budget_id: string;
  rule: BudgetingRule;
  params: ColumnType<Record<string, unknown>, string, string>;
  ballots_hash: string;
  ballot_count: number;
  /** The tally (selected in order, project explanations, ties, details) as JSON. */
  result: ColumnType<Record<string, unknown>, string, string>;
  computed_by: string | null;
  computed_at: Created;
  published_at: Date | null;
}

export interface BudgetingTables {
  budget_settings: BudgetSettingsTable;
  budget_budgets: BudgetBudgetsTable;
  budget_projects: BudgetProjectsTable;
  budget_project_updates: BudgetProjectUpdatesTable;
  budget_batches: BudgetBatchesTable;
  budget_ballots: BudgetBallotsTable;
  budget_results: BudgetResultsTable;
}
