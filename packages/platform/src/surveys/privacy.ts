import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import type { SurveysContext } from './surveys.context.ts';
import { surveysPrivacyRepository } from './surveys.privacy.repository.ts';

/**
 * One person's survey answers. Deleting the account keeps the answers in the survey's results without the
 * person (the foreign key sets the response's user to null), so published counts do not change.
 */
export function surveysPrivacyUseCases(ctx: SurveysContext) {
  const privacy = surveysPrivacyRepository(ctx.deps.db);
  return {
    /** The person's responses, each with its answers by question id. */
    async exportFor(userId: string): Promise<PersonalSections> {
      const rows = await privacy.responsesBy(userId);
      return { surveyAnswers: rows.map((r) => ({ id: r.id, phaseId: r.phase_id, answers: r.answers, answeredAt: r.created_at })) };
    },

    /** Responses stay in the results, without the person. */
    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const rows = await privacy.responsesBy(userId);
      return linesWithContent([{ section: 'surveyAnswers', count: rows.length, outcome: 'kept', reason: 'countedInResults' }]);
    },
  };
}
