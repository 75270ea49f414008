import type { Db } from '../db/database.ts';

/** The stakeholders module's SQL about one person: their places on stakeholder panels and the facts they submitted. */
export function stakeholdersPrivacyRepository(db: Db) {
  return {
    placesOf(userId: string) {
      return db.selectFrom('stakeholders').innerJoin('stakeholder_panels as p', 'p.id', 'stakeholders.panel_id')
        .select(['stakeholders.id', 'stakeholders.panel_id', 'p.process_id', 'stakeholders.role', 'stakeholders.name', 'stakeholders.speaks_for', 'stakeholders.introduction', 'stakeholders.invited_at', 'stakeholders.joined_at'])
        .where('stakeholders.user_id', '=', userId).orderBy('stakeholders.invited_at').execute();
    },
    invitationEmailsOf(stakeholderIds: readonly string[]) {
      if (stakeholderIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('stakeholder_invitation_emails').select(['stakeholder_id', 'email']).where('stakeholder_id', 'in', stakeholderIds).execute();
    },
    factsOf(stakeholderIds: readonly string[]) {
      if (stakeholderIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('facts').select(['id', 'panel_id', 'number', 'title', 'body', 'status', 'review_reason', 'disputes_fact_id', 'created_at', 'updated_at'])
        .where('stakeholder_id', 'in', stakeholderIds).orderBy('created_at').orderBy('id').execute();
    },
    /** The versions of recommendations the person saved, and their comments on recommendations. */
    async recommendationWritingOf(userId: string) {
      const [versions, comments] = await Promise.all([
        db.selectFrom('recommendation_versions').select(['recommendation_id', 'version', 'title', 'body', 'created_at']).where('author_id', '=', userId).orderBy('created_at').execute(),
        db.selectFrom('recommendation_comments').select(['id', 'recommendation_id', 'parent_id', 'body', 'hidden_at', 'created_at']).where('author_id', '=', userId).orderBy('created_at').orderBy('id').execute(),
      ]);
      return { versions, comments };
    },
    /** Removes what names the person on their places (name, whom they speak for, introduction, the invitation's address). */
    async anonymise(userId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const ids = (await trx.selectFrom('stakeholders').select('id').where('user_id', '=', userId).execute()).map((r) => r.id);
        if (ids.length === 0) return;
        await trx.deleteFrom('stakeholder_invitation_emails').where('stakeholder_id', 'in', ids).execute();
        await trx.updateTable('stakeholders').set({ name: null, speaks_for: null, introduction: null, token_hash: null }).where('id', 'in', ids).execute();
      });
    },
  };
}
