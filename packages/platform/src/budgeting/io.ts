import type { BudgetingContext } from './budgeting.context.ts';
import { budgetingResultsRepository, type BudgetingResultsRepository } from './budgeting.results.repository.ts';
import { exportUseCases } from './exporting.ts';
import { importUseCases } from './importing.ts';
import { paperUseCases } from './paper.ts';
import { resultUseCases } from './results.ts';

/** The budgeting context with the repository of batches, imported ballots and results. */
export type IoContext = BudgetingContext & { readonly results: BudgetingResultsRepository };

/**
 * Ballots that do not come through the ballot page, and what comes out of the ballots: Pabulib and CSV imports,
 * paper batches and their confirmation, results (live and published) and exports.
 */
export function ioUseCases(ctx: BudgetingContext) {
  const io: IoContext = { ...ctx, results: budgetingResultsRepository(ctx.deps.db) };
  return { ...importUseCases(io), ...paperUseCases(io), ...resultUseCases(io), ...exportUseCases(io) };
}
