import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * The ideas module's SQL about one person: what they wrote, supported, followed and reported (their export),
 * and what deleting their account removes. The rules (see docs/decisions/0011-personal-data-export-and-deletion.md): an
 * idea others supported or commented on stays without its author; a comment others replied to stays without
 * its author; everything else of theirs goes, and the counts shown on ideas follow.
 */
export function ideasPrivacyRepository(db: Db) {
  /** Their comments nobody else replied to (these go). */
  const lonelyComments = (userId: string) => sql<{ id: string }>`
    SELECT c.id FROM comments c WHERE c.author_id = ${userId}
      AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.parent_id = c.id AND r.author_id IS DISTINCT FROM ${userId})`;
  /** Their ideas nobody else supported or commented on (these go). */
  const lonelyIdeas = (userId: string) => sql<{ id: string }>`
    SELECT i.id FROM ideas i WHERE i.author_id = ${userId}
      AND NOT EXISTS (SELECT 1 FROM idea_supports s WHERE s.idea_id = i.id AND s.user_id <> ${userId})
      AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.idea_id = i.id AND c.author_id IS DISTINCT FROM ${userId})`;

  return {
    ideasBy(userId: string) {
      return db.selectFrom('ideas')
        .select(['id', 'process_id', 'phase_id', 'title', 'body', 'category', 'status', 'screening', 'hidden_at', 'hidden_reason', 'support_count', 'comment_count', 'created_at', 'edited_at'])
        .where('author_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    },
    commentsBy(userId: string) {
      return db.selectFrom('comments').select(['id', 'idea_id', 'parent_id', 'body', 'hidden_at', 'hidden_reason', 'created_at'])
        .where('author_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    },
    supportsBy(userId: string) {
      return db.selectFrom('idea_supports').innerJoin('ideas', 'ideas.id', 'idea_supports.idea_id')
        .select(['idea_supports.idea_id', 'ideas.title', 'idea_supports.created_at'])
        .where('idea_supports.user_id', '=', userId).orderBy('idea_supports.created_at').execute();
    },
    editsBy(userId: string) {
      return db.selectFrom('idea_edits').select(['id', 'idea_id', 'previous_title', 'previous_body', 'created_at'])
        .where('editor_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    },
    followsBy(userId: string) {
      return db.selectFrom('idea_follows').innerJoin('ideas', 'ideas.id', 'idea_follows.idea_id')
        .select(['idea_follows.idea_id', 'ideas.title', 'idea_follows.created_at'])
        .where('idea_follows.user_id', '=', userId).orderBy('idea_follows.created_at').execute();
    },

    /** How many of their ideas and comments go and stay, and how many supports and follows they have. */
    async deletionCounts(userId: string) {
      const result = await sql<{ ideas: number; ideas_kept: number; comments: number; comments_kept: number; supports: number; follows: number }>`
        SELECT
          (SELECT count(*)::int FROM (${lonelyIdeas(userId)}) x) AS ideas,
          (SELECT count(*)::int FROM ideas WHERE author_id = ${userId}) AS ideas_kept,
          (SELECT count(*)::int FROM (${lonelyComments(userId)}) x) AS comments,
          (SELECT count(*)::int FROM comments WHERE author_id = ${userId}) AS comments_kept,
          (SELECT count(*)::int FROM idea_supports WHERE user_id = ${userId}) AS supports,
          (SELECT count(*)::int FROM idea_follows WHERE user_id = ${userId}) AS follows`.execute(db);
      const row = result.rows[0] ?? { ideas: 0, ideas_kept: 0, comments: 0, comments_kept: 0, supports: 0, follows: 0 };
      return { ...row, ideas_kept: row.ideas_kept - row.ideas, comments_kept: row.comments_kept - row.comments };
    },

    /**
     * Removes their supports, follows, lonely comments and lonely ideas in one transaction, lowering the
     * ideas' counts to match; returns the ids of the ideas removed (for their images). What stays loses its
     * author when the user row goes (the foreign keys set it to null).
     */
    async forget(userId: string): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        await sql`UPDATE ideas SET support_count = support_count - 1 WHERE id IN (SELECT idea_id FROM idea_supports WHERE user_id = ${userId})`.execute(trx);
        await trx.deleteFrom('idea_supports').where('user_id', '=', userId).execute();
        await trx.deleteFrom('idea_follows').where('user_id', '=', userId).execute();
        // A lonely comment goes with its own replies (only theirs, by definition); the idea's count drops by both.
        await sql`
          WITH gone AS (SELECT id, idea_id FROM comments WHERE id IN (${lonelyComments(userId)}) OR parent_id IN (${lonelyComments(userId)})),
          counted AS (SELECT idea_id, count(*)::int AS n FROM gone GROUP BY idea_id)
          UPDATE ideas SET comment_count = greatest(0, comment_count - counted.n) FROM counted WHERE ideas.id = counted.idea_id`.execute(trx);
        await sql`DELETE FROM comments WHERE id IN (${lonelyComments(userId)})`.execute(trx);
        const ideas = await sql<{ id: string }>`DELETE FROM ideas WHERE id IN (${lonelyIdeas(userId)}) RETURNING id`.execute(trx);
        return ideas.rows.map((r) => r.id);
      });
    },
  };
}
