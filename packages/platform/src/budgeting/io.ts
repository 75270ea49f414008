import type { BudgetingContext } from './budgeting.context.ts';
import { exportUseCases } from './exporting.ts';
import { importUseCases } from './importing.ts';
import { ioContext } from './io.context.ts';
import { paperUseCases } from './paper.ts';
import { resultUseCases } from './results.ts';

export type { IoContext } from './io.context.ts';

/**
 * Ballots that do not come through the ballot page, and what comes out of the ballots: Pabulib and CSV imports,
 * paper batches and their confirmation, results (live and published) and exports.
 */
export function ioUseCases(ctx: BudgetingContext) {
  const io = ioContext(ctx);
  return { ...importUseCases(io), ...paperUseCases(io), ...resultUseCases(io), ...exportUseCases(io) };
}
