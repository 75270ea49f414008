import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * SQL for the report (stored revisions, participation by day, publishing), the statements'
 * cached machine translations and the administrator's conversation settings.
 */
export function conversationsReportRepository(db: Db) {
  return {
    /** One stored revision's results view, or the latest when `revision` is null. */
    revisionView(conversationId: string, revision: number | null) {
      let query = db.selectFrom('conversation_result_revisions').select(['revision', 'votes_seen', 'computed_at', 'view']).where('conversation_id', '=', conversationId);
      query = revision === null ? query.orderBy('revision', 'desc').limit(1) : query.where('revision', '=', revision);
      return query.executeTakeFirst();
    },

    /** The revision numbers stored, newest first (at most `limit`). */
    async revisions(conversationId: string, limit: number): Promise<{ revision: number; computedAt: Date }[]> {
      const rows = await db.selectFrom('conversation_result_revisions').select(['revision', 'computed_at']).where('conversation_id', '=', conversationId).orderBy('revision', 'desc').limit(limit).execute();
      return rows.map((r) => ({ revision: r.revision, computedAt: r.computed_at }));
    },

    /**
     * Per day (in `timeZone`), the votes cast and the participants who voted for the first time, counting the
     * votes a revision had seen (`seq` at most `maxSeq`). A vote changed later counts on the day of its change.
     */
    async participationByDay(conversationId: string, maxSeq: number, timeZone: string): Promise<{ day: string; votes: number; newParticipants: number }[]> {
      const { rows } = await sql<{ day: string; votes: string; new_participants: string }>`
        WITH v AS (
          SELECT participant_id, (voted_at AT TIME ZONE ${timeZone})::date AS day
          FROM conversation_votes WHERE conversation_id = ${conversationId}::uuid AND seq <= ${maxSeq}
        ), firsts AS (SELECT participant_id, min(day) AS day FROM v GROUP BY participant_id)
        SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.votes, coalesce(f.n, 0) AS new_participants
        FROM (SELECT day, count(*) AS votes FROM v GROUP BY day) d
        LEFT JOIN (SELECT day, count(*) AS n FROM firsts GROUP BY day) f ON f.day = d.day
        ORDER BY d.day`.execute(db);
      return rows.map((r) => ({ day: r.day, votes: Number(r.votes), newParticipants: Number(r.new_participants) }));
    },

    async setReportPublished(conversationId: string, published: boolean): Promise<void> {
      await db
        .updateTable('conversations')
        .set({ report_published_at: published ? sql<Date>`coalesce(report_published_at, now())` : null })
        .where('id', '=', conversationId)
        .execute();
    },

    /** Cached translations of these statements into `locale`. */
    async translations(statementIds: readonly number[], locale: string): Promise<Map<number, string>> {
      if (statementIds.length === 0) return new Map();
      const rows = await db.selectFrom('conversation_statement_translations').select(['statement_id', 'body']).where('statement_id', 'in', statementIds).where('locale', '=', locale).execute();
      return new Map(rows.map((r) => [Number(r.statement_id), r.body]));
    },

    async storeTranslation(statementId: number, locale: string, body: string, provider: string): Promise<void> {
      await db
        .insertInto('conversation_statement_translations')
        .values({ statement_id: statementId, locale, body, provider })
        .onConflict((oc) => oc.columns(['statement_id', 'locale']).doUpdateSet({ body, provider }))
        .execute();
    },

    settings() {
      return db.selectFrom('conversation_settings').select(['translation_url', 'embed_origins']).where('id', '=', 1).executeTakeFirst();
    },

    async saveSettings(input: { translationUrl: string | null; embedOrigins: string[] }): Promise<void> {
      await db
        .insertInto('conversation_settings')
        .values({ translation_url: input.translationUrl, embed_origins: input.embedOrigins })
        .onConflict((oc) => oc.column('id').doUpdateSet({ translation_url: input.translationUrl, embed_origins: input.embedOrigins, updated_at: sql<Date>`now()` }))
        .execute();
    },
  };
}

export type ConversationsReportRepository = ReturnType<typeof conversationsReportRepository>;
