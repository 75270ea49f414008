import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Screening } from './ideas.tables.ts';
import { locationColumns, type StoredLocation } from './ideas.repository.ts';

/** Who hid an item and why, or null to show it again. */
export type Hiding = { readonly reason: string; readonly by: string } | null;

/** The ideas module's SQL for moderation (hiding, pre-screening) and for editing with its history. */
export function ideasModerationRepository(db: Db) {
  return {
    /** An idea as moderators see it. */
    findIdea(id: string) {
      return db
        .selectFrom('ideas')
        .select(['id', 'process_id', 'phase_id', 'author_id', 'title', 'body', 'category', 'screening', 'hidden_at', 'hidden_reason', 'support_count', 'comment_count', 'created_at'])
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** A comment with its idea's process, as moderators see it. */
    findComment(id: string) {
      return db
        .selectFrom('comments')
        .innerJoin('ideas', 'ideas.id', 'comments.idea_id')
        .select(['comments.id', 'comments.idea_id', 'ideas.process_id', 'ideas.title as idea_title', 'comments.author_id', 'comments.body', 'comments.hidden_at', 'comments.hidden_reason', 'comments.created_at'])
        .where('comments.id', '=', id)
        .executeTakeFirst();
    },

    /** Hides an idea (a pending one is refused with it) or shows it again (published). */
    async setIdeaHidden(id: string, hiding: Hiding): Promise<void> {
      if (hiding) {
        await db
          .updateTable('ideas')
          .set((eb) => ({
            hidden_at: new Date(),
            hidden_reason: hiding.reason,
            hidden_by: hiding.by,
            screening: eb.case().when('screening', '=', 'pending').then(sql<Screening>`'refused'`).else(eb.ref('screening')).end(),
          }))
          .where('id', '=', id)
          .execute();
      } else {
        await db.updateTable('ideas').set({ hidden_at: null, hidden_reason: null, hidden_by: null, screening: 'published' }).where('id', '=', id).execute();
      }
    },

    /** Hides a comment or shows it again; the idea's comment count counts only shown comments. */
    async setCommentHidden(id: string, hiding: Hiding): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('comments')
          .set(hiding ? { hidden_at: new Date(), hidden_reason: hiding.reason, hidden_by: hiding.by } : { hidden_at: null, hidden_reason: null, hidden_by: null })
          .where('id', '=', id)
          .where('hidden_at', hiding ? 'is' : 'is not', null)
          .returning('idea_id')
          .executeTakeFirst();
        if (!updated) return;
        await trx
          .updateTable('ideas')
          .set((eb) => ({ comment_count: eb('comment_count', '+', hiding ? -1 : 1) }))
          .where('id', '=', updated.idea_id)
          .execute();
      });
    },

    async setScreening(id: string, screening: Screening): Promise<void> {
      await db.updateTable('ideas').set({ screening }).where('id', '=', id).execute();
    },

    /** Ideas waiting for pre-screening (in some processes, or all), oldest first. */
    pendingScreening(processIds: readonly string[] | null) {
      let q = db
        .selectFrom('ideas')
        .select(['id', 'process_id', 'author_id', 'title', 'body', 'created_at'])
        .where('screening', '=', 'pending')
        .where('hidden_at', 'is', null);
      if (processIds) q = q.where('process_id', '=', sql<string>`any(${[...processIds]}::uuid[])`);
      return q.orderBy('created_at').orderBy('id').execute();
    },

    /**
     * Changes an idea's text and keeps what it said before, in one transaction with the row locked. With
     * `untilReaction`, only while nobody has supported or commented: 'reacted' otherwise.
     */
    /** Edits an idea (and its location when `location` is given: null removes it) with the version before kept, in one transaction. */
    async editIdea(input: { id: string; editorId: string; title: string; body: string; category: string | null; location?: StoredLocation | null; untilReaction: boolean }): Promise<'edited' | 'reacted' | 'missing'> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('ideas').select(['title', 'body', 'category', 'support_count', 'comment_count']).where('id', '=', input.id).forUpdate().executeTakeFirst();
        if (!row) return 'missing';
        if (input.untilReaction && (row.support_count > 0 || row.comment_count > 0)) return 'reacted';
        await trx
          .insertInto('idea_edits')
          .values({ idea_id: input.id, editor_id: input.editorId, previous_title: row.title, previous_body: row.body, previous_category: row.category })
          .execute();
        await trx
          .updateTable('ideas')
          .set({ title: input.title, body: input.body, category: input.category, edited_at: new Date(), ...(input.location === undefined ? {} : locationColumns(input.location)) })
          .where('id', '=', input.id)
          .execute();
        return 'edited';
      });
    },

    /** An idea's edit history, oldest first. */
    editsOf(ideaId: string) {
      return db
        .selectFrom('idea_edits')
        .select(['id', 'editor_id', 'previous_title', 'previous_body', 'previous_category', 'created_at'])
        .where('idea_id', '=', ideaId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },
  };
}

export type IdeasModerationRepository = ReturnType<typeof ideasModerationRepository>;
