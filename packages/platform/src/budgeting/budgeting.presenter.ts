// What pages and the API see of the budgeting module: the shapes of budgetingContracts' outputs, never rows.
import type { Actor } from '../accounts/accounts.policy.ts';
import type { OutputOf } from '../edge/contract.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import type { BudgetRow, OnlineBallotRow, ProjectRow, SettingsRow, UpdateRow } from './budgeting.repository.ts';
import { rankPoints } from './ballot-rules.ts';
import { budgetingPolicy } from './budgeting.policy.ts';

type Budgeting = OutputOf<typeof budgetingContracts.budgetingOf>;
/** A ballot design as the contracts give it. */
export type PresentedDesign = Budgeting['design'];
/** A budget as the contracts give it. */
export type PresentedBudget = Budgeting['budgets'][number];
/** A project as the contracts give it. */
export type PresentedProject = Budgeting['projects'][number];
/** A ballot's receipt as the contracts give it. */
export type PresentedReceipt = OutputOf<typeof budgetingContracts.castBallot>;
/** A delivery update as the contracts give it. */
export type PresentedUpdate = OutputOf<typeof budgetingContracts.getProject>['updates'][number];

const tieBreakKeys = ['lowest-cost', 'highest-cost', 'most-votes', 'fewest-votes', 'most-score', 'input-order', 'lot'] as const;
type TieBreakKey = (typeof tieBreakKeys)[number];
const isTieBreakKey = (key: string): key is TieBreakKey => (tieBreakKeys as readonly string[]).includes(key);

function isoDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** A phase's ballot design. */
export function presentDesign(row: SettingsRow): PresentedDesign {
  return {
    ballotKind: row.ballot_kind,
    minProjects: row.min_projects,
    maxProjects: row.max_projects,
    pointsTotal: row.points_total,
    rankLimit: row.rank_limit,
    rule: row.rule,
    greedyThreshold: row.greedy_threshold,
    tieBreak: row.tie_break.filter(isTieBreakKey),
    seed: row.seed,
    currency: row.currency,
    voters: row.voters,
    minAge: row.min_age,
  };
}

/** A budget with its number of projects (as the reader sees them) and counted ballots. */
export function presentBudget(row: BudgetRow, counts: { projects: number; ballots: number }): PresentedBudget {
  return { id: row.id, name: row.name, area: row.area, amount: row.amount, projects: counts.projects, ballots: counts.ballots };
}

/**
 * A project with its review and what the actor may do with it (`can`, from the budgeting policy).
 * `images` are the pictures shown with it (its own, then its ideas'), `budgetHasBallots` whether its
 * budget has ballots (then it can no longer be edited or reviewed).
 */
export function presentProject(
  row: ProjectRow,
  actor: Actor | null,
  context: { readonly budgetHasBallots: boolean; readonly images?: PresentedProject['images'] },
): PresentedProject {
  return {
    id: row.id,
    number: row.number,
    reference: row.reference,
    budgetId: row.budget_id,
    title: row.title,
    description: row.description,
    cost: row.cost,
    costMin: row.cost_min,
    costMax: row.cost_max,
    area: row.area,
    category: row.category,
    ideaIds: row.source_idea_ids,
    images: [...(context.images ?? [])],
    review: {
      state: row.review,
      reason: row.review_reason,
      costCheckedBy: row.cost_checked_by,
      costCheckedOn: isoDate(row.cost_checked_on),
      reviewedAt: row.reviewed_at ? row.reviewed_at.toISOString() : null,
    },
    status: row.status,
    progressPercent: row.progress_percent,
    can: budgetingPolicy.projectCan(actor, { budgetHasBallots: context.budgetHasBallots }),
  };
}

/** A delivery update. */
export function presentUpdate(row: UpdateRow): PresentedUpdate {
  return {
    id: row.id,
    status: row.status,
    body: row.body,
    title: row.title,
    happenedOn: isoDate(row.happened_on),
    progressPercent: row.progress_percent,
    authorName: row.author_name,
    createdAt: row.created_at.toISOString(),
  };
}

/** What the actor may do in a budgeting phase (manage, vote, enter paper ballots, publish). */
export function budgetingCan(actor: Actor | null, phase: { readonly state: 'upcoming' | 'open' | 'closed' }) {
  return budgetingPolicy.can(actor, phase);
}

/**
 * A stored online ballot's receipt: what was voted (in ballot order; a ranking's lines carry the points their
 * place counts for), the total cost, the verification code and the phase's last day (until when it can change).
 */
export function presentReceipt(ballot: OnlineBallotRow, settings: Pick<SettingsRow, 'ballot_kind' | 'rank_limit' | 'min_projects' | 'max_projects' | 'points_total' | 'voters' | 'min_age'>, projects: ReadonlyMap<string, ProjectRow>, endsOn: string): PresentedReceipt {
  const ranked = settings.ballot_kind === 'ranking' ? rankPoints(settings, ballot.projects.length) : null;
  const lines = ballot.projects.flatMap((id, i) => {
    const p = projects.get(id);
    if (!p) return [];
    return [{ id, number: p.number, title: p.title, cost: p.cost, points: ballot.points?.[i] ?? ranked?.[i] ?? null }];
  });
  return {
    budgetId: ballot.budget_id,
    code: ballot.receipt ?? '',
    projects: lines,
    total: lines.reduce((sum, l) => sum + l.cost, 0),
    castAt: ballot.updated_at.toISOString(),
    changeableUntil: endsOn,
  };
}
