import type { BudgetingContext } from './budgeting.context.ts';
import { budgetingResultsRepository, type BudgetingResultsRepository } from './budgeting.results.repository.ts';

/** The budgeting context with the repository of batches, imported ballots and results. */
export type IoContext = BudgetingContext & { readonly results: BudgetingResultsRepository };

/** What the import, paper, results and export use cases share: the module's context and their repository. */
export function ioContext(ctx: BudgetingContext): IoContext {
  return { ...ctx, results: budgetingResultsRepository(ctx.deps.db) };
}
