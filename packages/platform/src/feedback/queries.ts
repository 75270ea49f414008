import type { Role } from '../accounts/accounts.tables.ts';
import type { FeedbackContext } from './feedback.context.ts';
import type { IdeaIdSet } from './feedback.repository.ts';

/** An idea's latest official answer, as read models show it. */
export interface LatestAnswer {
  readonly ideaId: string;
  readonly status: string;
  readonly body: string | null;
  readonly authorName: string;
  readonly authorRole: Role;
  readonly createdAt: Date;
}

function latest(row: { idea_id: string; status: string; body: string | null; author_name: string; author_role: string; created_at: Date }): LatestAnswer {
  return { ideaId: row.idea_id, status: row.status, body: row.body, authorName: row.author_name, authorRole: row.author_role as Role, createdAt: row.created_at };
}

/** Exported queries on answers for read models (reports/): each reads many ideas at once. */
export function answerQueries(ctx: FeedbackContext) {
  const { repo } = ctx;
  return {
    /** The latest answer of each idea in a set (from the ideas module), newest first, a page at a time. */
    async latestAnswersAmong(ideaIds: IdeaIdSet, page: { limit: number; offset: number }): Promise<LatestAnswer[]> {
      return (await repo.latestAnswersAmong(ideaIds, page.limit, page.offset)).map(latest);
    },

    /** How many ideas of a set (from the ideas module) have been answered. */
    countAnsweredAmong: (ideaIds: IdeaIdSet): Promise<number> => repo.countAnsweredAmong(ideaIds),

    /** The latest answer of each of the given ideas, by idea id (ideas without one are missing). */
    async latestAnswersOf(ideaIds: readonly string[]): Promise<Map<string, LatestAnswer>> {
      return new Map((await repo.latestAnswersOf(ideaIds)).map((r) => [r.idea_id, latest(r)]));
    },
  };
}
