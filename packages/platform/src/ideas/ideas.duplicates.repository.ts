import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** The two ideas of a pair in id order, as a dismissal stores them. */
function ordered(x: string, y: string): { idea_a: string; idea_b: string } {
  return x < y ? { idea_a: x, idea_b: y } : { idea_a: y, idea_b: x };
}

/** What a merge did: the rows that moved to the kept idea (rows the kept idea already had are not counted). */
export interface MergeCounts {
  readonly supports: number;
  readonly follows: number;
  readonly comments: number;
}

/** SQL for near-duplicate ideas: the ideas a suggestion is made from, dismissed pairs, and merging. */
export function ideasDuplicatesRepository(db: Db) {
  return {
    /** The visible (published, not hidden, not merged) ideas of a process, oldest first. */
    visibleIdeas(processId: string) {
      return db
        .selectFrom('ideas')
        .select(['id', 'title', 'body', 'author_id', 'support_count', 'comment_count', 'created_at'])
        .where('process_id', '=', processId)
        .where('hidden_at', 'is', null)
        .where('screening', '=', 'published')
        .where('merged_into', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    /** The pairs among these ideas a moderator said are not duplicates, as `a|b` in id order. */
    async dismissedAmong(processId: string): Promise<Set<string>> {
      const rows = await db
        .selectFrom('idea_duplicate_dismissals as d')
        .innerJoin('ideas', 'ideas.id', 'd.idea_a')
        .select(['d.idea_a', 'd.idea_b'])
        .where('ideas.process_id', '=', processId)
        .execute();
      return new Set(rows.map((r) => `${r.idea_a}|${r.idea_b}`));
    },

    /** Remembers that two ideas are not duplicates; false when it was already remembered. */
    async insertDismissal(x: string, y: string, by: string, at: Date): Promise<boolean> {
      const row = await db
        .insertInto('idea_duplicate_dismissals')
        .values({ ...ordered(x, y), dismissed_by: by, dismissed_at: at })
        .onConflict((oc) => oc.columns(['idea_a', 'idea_b']).doNothing())
        .returning('idea_a')
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Merges `mergeId` into `keepId` in one transaction: both rows are locked (in id order), the supports and
     * follows of the merged idea move to the kept one (a person who had both keeps one), its comments move with
     * their replies, the counts are recounted, and the merged idea is hidden with a link to the kept one.
     * 'changed' when, once locked, either idea is no longer visible or they are not in the same process.
     */
    async merge(input: { keepId: string; mergeId: string; by: string; reason: string; at: Date }): Promise<MergeCounts | 'changed'> {
      return db.transaction().execute(async (trx) => {
        const ids = [input.keepId, input.mergeId].sort((a, b) => a.localeCompare(b));
        const rows = await sql<{ id: string; process_id: string; hidden_at: Date | null; screening: string; merged_into: string | null }>`
          SELECT id, process_id, hidden_at, screening, merged_into FROM ideas WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`.execute(trx);
        const usable = rows.rows.filter((r) => r.hidden_at === null && r.screening === 'published' && r.merged_into === null);
        if (usable.length !== 2 || usable[0]?.process_id !== usable[1]?.process_id) return 'changed' as const;
        const supports = await sql`
          INSERT INTO idea_supports (idea_id, user_id, created_at)
          SELECT ${input.keepId}::uuid, user_id, created_at FROM idea_supports WHERE idea_id = ${input.mergeId}::uuid
          ON CONFLICT (idea_id, user_id) DO NOTHING`.execute(trx);
        await trx.deleteFrom('idea_supports').where('idea_id', '=', input.mergeId).execute();
        const follows = await sql`
          INSERT INTO idea_follows (idea_id, user_id, created_at)
          SELECT ${input.keepId}::uuid, user_id, created_at FROM idea_follows WHERE idea_id = ${input.mergeId}::uuid
          ON CONFLICT (idea_id, user_id) DO NOTHING`.execute(trx);
        await trx.deleteFrom('idea_follows').where('idea_id', '=', input.mergeId).execute();
        const comments = await trx.updateTable('comments').set({ idea_id: input.keepId }).where('idea_id', '=', input.mergeId).executeTakeFirst();
        const moved = await trx.selectFrom('ideas').select('comment_count').where('id', '=', input.mergeId).executeTakeFirstOrThrow();
        await trx
          .updateTable('ideas')
          .set((eb) => ({
            support_count: eb.selectFrom('idea_supports').select((s) => s.fn.countAll<number>().as('n')).where('idea_supports.idea_id', '=', input.keepId),
            comment_count: eb('comment_count', '+', moved.comment_count),
          }))
          .where('id', '=', input.keepId)
          .execute();
        await trx
          .updateTable('ideas')
          .set({ hidden_at: input.at, hidden_reason: input.reason, hidden_by: input.by, merged_into: input.keepId, merged_at: input.at, support_count: 0, comment_count: 0 })
          .where('id', '=', input.mergeId)
          .execute();
        return { supports: Number(supports.numAffectedRows ?? 0), follows: Number(follows.numAffectedRows ?? 0), comments: Number(comments.numUpdatedRows) };
      });
    },
  };
}
