import type { Actor } from '../accounts/accounts.policy.ts';
import { processesPolicy } from '../processes/index.ts';
import type { ReviewState } from './budgeting.tables.ts';

type PhaseState = 'upcoming' | 'open' | 'closed';

/**
 * Who may do what in participatory budgeting. Staff who manage a budgeting phase are the process managers
 * (administrators hold every role): the same `manage` rule as the process pages.
 */
export const budgetingPolicy = {
  /** Design the ballot, set budgets, create and review projects, enter paper ballots, publish, report delivery. */
  manage: (actor: Actor | null) => processesPolicy.manage(actor),
  /** Any signed-in person may try to vote; eligibility (area, age, voter group) is checked at vote time. */
  vote: (actor: Actor | null, state: PhaseState) => actor !== null && state === 'open',
  /** Who sees a project outside the ballot: staff see every project, the public those reviewed. */
  seeProject: (actor: Actor | null, project: { readonly review: ReviewState }) => project.review !== 'pending' || processesPolicy.manage(actor),
  /** Staff read live results before publication; everyone reads published ones. */
  seeLiveResults: (actor: Actor | null) => processesPolicy.manage(actor),

  /** What the actor may do in a budgeting phase, for presenters. */
  can(actor: Actor | null, phase: { readonly state: PhaseState }) {
    const manage = processesPolicy.manage(actor);
    return {
      manage,
      vote: actor !== null && phase.state === 'open',
      enterPaper: manage,
      publish: manage && phase.state === 'closed',
    };
  },

  /**
   * What the actor may do with one project: edit and review it while no ballot exists for its budget, and
   * report its delivery.
   */
  projectCan(actor: Actor | null, project: { readonly budgetHasBallots: boolean }) {
    const manage = processesPolicy.manage(actor);
    return { edit: manage && !project.budgetHasBallots, review: manage && !project.budgetHasBallots, update: manage };
  },
};
