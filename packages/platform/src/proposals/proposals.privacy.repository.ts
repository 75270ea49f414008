import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** The SQL for one person's data in the proposals module: their export, the deletion counts and the deletion. */
export function proposalsPrivacyRepository(db: Db) {
  return {
    proposalsBy(userId: string) {
      return db
        .selectFrom('proposals')
        .select(['id', 'process_id', 'phase_id', 'title', 'body', 'decision', 'area', 'stage', 'status', 'signature_count', 'published_at', 'deadline', 'hidden_at', 'hidden_reason', 'created_at'])
        .where('author_id', '=', userId)
        .orderBy('created_at')
        .execute();
    },

    signaturesBy(userId: string) {
      return db
        .selectFrom('proposal_signatures')
        .innerJoin('proposals', 'proposals.id', 'proposal_signatures.proposal_id')
        .select(['proposal_signatures.proposal_id', 'proposals.title', 'proposal_signatures.show_name', 'proposal_signatures.area', 'proposal_signatures.birth_year', 'proposal_signatures.created_at'])
        .where('proposal_signatures.user_id', '=', userId)
        .orderBy('proposal_signatures.created_at')
        .execute();
    },

    coauthorshipsOf(userId: string) {
      return db
        .selectFrom('proposal_coauthors')
        .innerJoin('proposals', 'proposals.id', 'proposal_coauthors.proposal_id')
        .select(['proposal_coauthors.proposal_id', 'proposals.title', 'proposal_coauthors.email', 'proposal_coauthors.invited_at', 'proposal_coauthors.accepted_at'])
        .where('proposal_coauthors.user_id', '=', userId)
        .orderBy('proposal_coauthors.invited_at')
        .execute();
    },

    async deletionCounts(userId: string) {
      const row = await sql<{ proposals: number; proposals_kept: number; signatures: number; coauthorships: number }>`
        SELECT
          (SELECT count(*) FROM proposals WHERE author_id = ${userId} AND signature_count = 0)::int AS proposals,
          (SELECT count(*) FROM proposals WHERE author_id = ${userId} AND signature_count > 0)::int AS proposals_kept,
          (SELECT count(*) FROM proposal_signatures WHERE user_id = ${userId})::int AS signatures,
          (SELECT count(*) FROM proposal_coauthors WHERE user_id = ${userId})::int AS coauthorships`.execute(db);
      return row.rows[0] ?? { proposals: 0, proposals_kept: 0, signatures: 0, coauthorships: 0 };
    },

    /**
     * Deletes the person's proposals nobody signed, their signatures (the counts follow) and co-authorships, in
     * one transaction; proposals others signed stay and lose their author with the account. Returns the ids of
     * the proposals deleted (whose images go with them).
     */
    forget(userId: string): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const deleted = await trx.deleteFrom('proposals').where('author_id', '=', userId).where('signature_count', '=', 0).returning('id').execute();
        const removed = await trx.deleteFrom('proposal_signatures').where('user_id', '=', userId).returning('proposal_id').execute();
        for (const r of removed) {
          await trx.updateTable('proposals').set((eb) => ({ signature_count: eb('signature_count', '-', 1) })).where('id', '=', r.proposal_id).execute();
        }
        await trx.deleteFrom('proposal_coauthors').where('user_id', '=', userId).execute();
        await trx.updateTable('proposals').set({ author_id: null }).where('author_id', '=', userId).execute();
        return deleted.map((r) => r.id);
      });
    },
  };
}
