import type { Actor } from '../accounts/accounts.policy.ts';
import type { IdeaView } from '../ideas/ideas.service.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import { reportsPolicy } from './reports.policy.ts';
import type { ReportsDeps } from './reports.context.ts';

/** One idea in an export: what it says, where it stands, and its latest official answer (a plain record for CSV). */
export type ExportedIdea = {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly category: string | null;
  readonly status: string;
  readonly supports: number;
  readonly comments: number;
  readonly progress: number | null;
  readonly createdAt: string;
  readonly answer: string | null;
  /** `name (role)` of whoever gave the latest answer. */
  readonly answeredBy: string | null;
};

/** Exports that join several modules (ideas and feedback). */
export function exportUseCases(deps: ReportsDeps) {
  return {
    /**
     * Every idea of a process as the public sees it, newest first, with its status and latest official
     * answer, for a CSV or JSON file (staff who answer or moderate ideas). The export is audited.
     */
    async exportIdeas(actor: Actor | null, processId: string): Promise<Result<ExportedIdea[]>> {
      if (!actor || !reportsPolicy.exportIdeas(actor)) return fail('Forbidden');
      const ideas: IdeaView[] = [];
      for (let page = 1; ; page++) {
        const list = await deps.ideas.listIdeas(actor, { processId, sort: 'newest', page });
        ideas.push(...list.ideas);
        if (list.ideas.length < list.pageSize) break;
      }
      const answers = await deps.feedback.latestAnswersOf(ideas.map((i) => i.id));
      const records = ideas.map((i): ExportedIdea => {
        const answer = answers.get(i.id);
        return {
          id: i.id,
          title: i.title,
          body: i.body,
          category: i.category,
          status: i.status,
          supports: i.supportCount,
          comments: i.commentCount,
          progress: i.progressPercent,
          createdAt: i.createdAt.toISOString(),
          answer: answer?.body ?? null,
          answeredBy: answer ? `${answer.authorName} (${answer.authorRole})` : null,
        };
      });
      await deps.audit.record({ actorId: actor.id, action: 'process.ideas_exported', subjectType: 'process', subjectId: processId, details: { count: records.length } });
      return ok(records);
    },
  };
}
