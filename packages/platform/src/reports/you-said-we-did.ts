import type { Role } from '../accounts/accounts.tables.ts';
import type { InputStatus } from '../feedback/feedback.service.ts';
import type { ReportsDeps } from './reports.context.ts';

/** One answered idea on the "you said, we did" page: its latest official answer. */
export interface AnsweredIdea {
  readonly ideaId: string;
  readonly title: string;
  readonly progress: number | null;
  readonly status: string;
  readonly body: string | null;
  readonly authorName: string;
  readonly authorRole: Role;
  readonly createdAt: Date;
}

/** "You said, we did": what became of a process's ideas (ideas and feedback). */
export function youSaidWeDidUseCases(deps: ReportsDeps) {
  return {
    /**
     * How many published ideas have each status, and the answers given (each idea's latest), newest first, a
     * page at a time. Five statements whatever the number of ideas: the answers are paged in the database
     * through the ideas module's id set, and the page's titles are read in one call.
     */
    async youSaidWeDid(
      processId: string,
      query: { page?: number; pageSize?: number } = {},
    ): Promise<{
      counts: { status: InputStatus; count: number }[];
      total: number;
      answeredTotal: number;
      page: number;
      pageSize: number;
      answers: AnsweredIdea[];
    }> {
      const pageSize = Math.min(500, Math.max(1, Math.floor(query.pageSize ?? 50)));
      const page = Math.max(1, Math.floor(query.page ?? 1));
      // Answers of hidden ideas stay out; ideas still waiting for screening can have been answered.
      const unhidden = deps.ideas.unhiddenIdeaIds(processId);
      const [counts, latest, answeredTotal, statuses] = await Promise.all([
        deps.ideas.statusCounts(processId),
        deps.feedback.latestAnswersAmong(unhidden, { limit: pageSize, offset: (page - 1) * pageSize }),
        deps.feedback.countAnsweredAmong(unhidden),
        deps.feedback.statuses(),
      ]);
      const ideas = await deps.ideas.summariesOf(latest.map((a) => a.ideaId));
      const answers = latest.flatMap((a): AnsweredIdea[] => {
        const idea = ideas.get(a.ideaId);
        if (!idea) return [];
        return [{ ideaId: a.ideaId, title: idea.title, progress: idea.progressPercent, status: a.status, body: a.body, authorName: a.authorName, authorRole: a.authorRole, createdAt: a.createdAt }];
      });
      return {
        counts: statuses.map((status) => ({ status, count: counts.get(status.key) ?? 0 })),
        total: [...counts.values()].reduce((sum, n) => sum + n, 0),
        answeredTotal,
        page,
        pageSize,
        answers,
      };
    },
  };
}
