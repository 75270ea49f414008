import { budgetingContext, type BudgetingDeps } from './budgeting.context.ts';
import { deliveryUseCases } from './delivery.ts';
import { projectUseCases } from './projects.ts';
import { projectImageUseCases } from './project-images.ts';
import { votingUseCases } from './voting.ts';
import { designUseCases } from './design.ts';
import { ioUseCases } from './io.ts';
import { myBallotUseCases } from './my-ballots.ts';
import { votingDateUseCases } from './voting-dates.ts';
import { budgetingPrivacyUseCases } from './privacy.ts';

export type { BudgetingDeps, BudgetingPhase } from './budgeting.context.ts';

/**
 * Participatory budgeting as a phase method: the ballot design and budgets, costed projects and their review,
 * ballots (online, paper, imported), results and delivery. One function per contract of `budgetingContracts`,
 * each `(actor, input) => Result`. The shared context is built once and each use-case file adds its functions.
 */
export function budgetingService(deps: BudgetingDeps) {
  const ctx = budgetingContext(deps);
  return {
    ...projectUseCases(ctx),
    ...projectImageUseCases(ctx),
    ...votingUseCases(ctx),
    ...deliveryUseCases(ctx),
    ...designUseCases(ctx),
    ...ioUseCases(ctx),
    ...myBallotUseCases(ctx),
    ...votingDateUseCases(ctx),
    ...budgetingPrivacyUseCases(ctx),
  };
}

export type BudgetingService = ReturnType<typeof budgetingService>;
