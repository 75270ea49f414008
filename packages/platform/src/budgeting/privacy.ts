import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import type { BudgetingContext } from './budgeting.context.ts';
import { budgetingPrivacyRepository } from './budgeting.privacy.repository.ts';

/**
 * One person's ballots. Deleting the account removes a ballot while its vote is not over yet (the person has
 * left, so their vote goes with them); once the voting phase has ended the ballot stays counted, without the
 * voter (the foreign key sets it to null), so a published result does not change.
 */
export function budgetingPrivacyUseCases(ctx: BudgetingContext) {
  const { deps } = ctx;
  const privacy = budgetingPrivacyRepository(deps.db);

  /** The person's ballots, each with whether its voting phase is over. */
  async function ballots(userId: string) {
    const rows = await privacy.ballotsBy(userId);
    const states = new Map<string, string>();
    for (const phaseId of new Set(rows.map((r) => r.phase_id))) states.set(phaseId, (await deps.processes.getPhase(phaseId))?.phase.state ?? 'closed');
    return rows.map((r) => ({ ...r, closed: states.get(r.phase_id) === 'closed' }));
  }

  return {
    /** The person's online ballots in every budget, with their receipt codes. */
    async exportFor(userId: string): Promise<PersonalSections> {
      return {
        ballots: (await ballots(userId)).map((b) => ({ id: b.id, phaseId: b.phase_id, budgetId: b.budget_id, budget: b.name, projects: b.projects, points: b.points, receipt: b.receipt, castAt: b.created_at, changedAt: b.updated_at })),
      };
    },

    /** Ballots in a vote that is not over go; those in an ended one stay counted without the voter. */
    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const all = await ballots(userId);
      return linesWithContent([
        { section: 'ballots', count: all.filter((b) => !b.closed).length, outcome: 'deleted' },
        { section: 'ballots', count: all.filter((b) => b.closed).length, outcome: 'kept', reason: 'countedInClosedVote' },
      ]);
    },

    /** Removes the ballots of votes that are not over. */
    async forgetUser(userId: string): Promise<void> {
      const open = (await ballots(userId)).filter((b) => !b.closed);
      await privacy.deleteBallots(userId, [...new Set(open.map((b) => b.phase_id))]);
    },
  };
}
