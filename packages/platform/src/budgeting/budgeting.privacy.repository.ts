import type { Db } from '../db/database.ts';

/** The budgeting module's SQL about one person: their online ballots. */
export function budgetingPrivacyRepository(db: Db) {
  return {
    ballotsBy(userId: string) {
      return db.selectFrom('budget_ballots').innerJoin('budget_budgets as b', 'b.id', 'budget_ballots.budget_id')
        .select(['budget_ballots.id', 'budget_ballots.phase_id', 'budget_ballots.budget_id', 'b.name', 'budget_ballots.projects', 'budget_ballots.points', 'budget_ballots.receipt', 'budget_ballots.created_at', 'budget_ballots.updated_at'])
        .where('budget_ballots.voter_id', '=', userId).orderBy('budget_ballots.created_at').orderBy('budget_ballots.id').execute();
    },
    async deleteBallots(userId: string, phaseIds: readonly string[]): Promise<void> {
      if (phaseIds.length === 0) return;
      await db.deleteFrom('budget_ballots').where('voter_id', '=', userId).where('phase_id', 'in', phaseIds).execute();
    },
  };
}
