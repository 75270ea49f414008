import { sql, type OperandExpression } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * A set of idea ids, as a subquery that another module (ideas) builds and exports, such as "the visible ideas
 * of a process". Feedback filters its own rows by it without knowing the ideas table, and the database still
 * runs one statement (the "you said, we did" page pages through answers by date across 10,000 ideas).
 */
export type IdeaIdSet = OperandExpression<string>;

/** The only place with SQL for statuses, official answers and milestones. */
export function feedbackRepository(db: Db) {
  /** Keeps, of each idea's answers, the latest (by time, then id). */
  const latestOnly = sql<boolean>`NOT EXISTS (SELECT 1 FROM official_answers later WHERE later.idea_id = official_answers.idea_id AND (later.created_at, later.id) > (official_answers.created_at, official_answers.id))`;

  return {
    statuses() {
      return db.selectFrom('input_statuses').selectAll().orderBy('position').orderBy('key').execute();
    },

    async lastStatusPosition(): Promise<number | null> {
      const row = await db.selectFrom('input_statuses').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
      return row?.max ?? null;
    },

    async insertStatus(input: { key: string; label: string; position: number; requiresAnswer: boolean; allowsProgress: boolean }) {
      await db
        .insertInto('input_statuses')
        .values({ key: input.key, label: input.label, position: input.position, requires_answer: input.requiresAnswer, allows_progress: input.allowsProgress })
        .execute();
    },

    async updateStatus(key: string, input: { label: string; requiresAnswer: boolean; allowsProgress: boolean }) {
      await db
        .updateTable('input_statuses')
        .set({ label: input.label, requires_answer: input.requiresAnswer, allows_progress: input.allowsProgress })
        .where('key', '=', key)
        .execute();
    },

    async deleteStatus(key: string) {
      await db.deleteFrom('input_statuses').where('key', '=', key).execute();
    },

    /** Whether any official answer gave this status. */
    async statusAnswered(key: string): Promise<boolean> {
      return (await db.selectFrom('official_answers').select('id').where('status', '=', key).limit(1).executeTakeFirst()) !== undefined;
    },

    async insertAnswer(input: { ideaId: string; status: string; body: string | null; authorId: string; authorName: string; authorRole: string }) {
      await db
        .insertInto('official_answers')
        .values({ idea_id: input.ideaId, status: input.status, body: input.body, author_id: input.authorId, author_name: input.authorName, author_role: input.authorRole })
        .execute();
    },

    async insertMilestone(input: { ideaId: string; title: string; date: string; progress: number; authorId: string }) {
      await db
        .insertInto('milestones')
        .values({ idea_id: input.ideaId, title: input.title, happened_on: input.date, progress_percent: input.progress, author_id: input.authorId })
        .execute();
    },

    answersOf(ideaId: string) {
      return db
        .selectFrom('official_answers')
        .select(['status', 'body', 'author_name', 'author_role', 'created_at'])
        .where('idea_id', '=', ideaId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    milestonesOf(ideaId: string) {
      return db
        .selectFrom('milestones')
        .select(['title', 'happened_on', 'progress_percent'])
        .where('idea_id', '=', ideaId)
        .orderBy('happened_on')
        .orderBy('created_at')
        .execute();
    },

    /** The latest answer of each idea in `ideaIds`, newest answer first (then by idea id), a page at a time. */
    latestAnswersAmong(ideaIds: IdeaIdSet, limit: number, offset: number) {
      return db
        .selectFrom('official_answers')
        .select(['idea_id', 'status', 'body', 'author_name', 'author_role', 'created_at'])
        .where('idea_id', 'in', ideaIds)
        .where(latestOnly)
        .orderBy('created_at', 'desc')
        .orderBy('idea_id')
        .limit(limit)
        .offset(offset)
        .execute();
    },

    /** How many ideas in `ideaIds` have at least one answer. */
    async countAnsweredAmong(ideaIds: IdeaIdSet): Promise<number> {
      const row = await db
        .selectFrom('official_answers')
        .select((eb) => eb.fn.count<number>('idea_id').distinct().as('n'))
        .where('idea_id', 'in', ideaIds)
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /** The latest answer of each of the given ideas (those without one are left out). */
    latestAnswersOf(ideaIds: readonly string[]) {
      if (ideaIds.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('official_answers')
        .select(['idea_id', 'status', 'body', 'author_name', 'author_role', 'created_at'])
        .where('idea_id', '=', sql<string>`any(${[...ideaIds]}::uuid[])`)
        .where(latestOnly)
        .execute();
    },
  };
}

export type FeedbackRepository = ReturnType<typeof feedbackRepository>;
