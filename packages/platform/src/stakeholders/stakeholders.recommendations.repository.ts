import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { SupportKind } from './stakeholders.tables.ts';

/** The PostgreSQL channel on which a meeting announces that its "now on" item or agenda changed. */
export const meetingsChannel = 'stakeholder_meetings';

/**
 * SQL for recommendations drafted together (versions, comments, support, sending) and for a meeting's live
 * state (agenda, the item now on).
 */
export function recommendationsRepository(db: Db) {
  return {
    async setSupportThreshold(panelId: string, kind: SupportKind, value: number): Promise<void> {
      await db.updateTable('stakeholder_panels').set({ support_kind: kind, support_value: value }).where('id', '=', panelId).execute();
    },

    /** How many stakeholders have joined the panel: the members a support threshold counts. */
    async memberCount(panelId: string): Promise<number> {
      const row = await db.selectFrom('stakeholders').select((eb) => eb.fn.countAll<string>().as('n')).where('panel_id', '=', panelId).where('joined_at', 'is not', null).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * Saves a new version of a recommendation that is not sent, when `baseVersion` (if given) is still the
     * current one. Returns the new version's number, 'sent' or 'stale'; the recommendation row is locked, so two
     * saves at once make two versions in order, or one refused as stale.
     */
    async saveVersion(id: string, input: { title: string; body: string; authorId: string; baseVersion: number | null }): Promise<number | 'sent' | 'stale'> {
      return db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('recommendations').select(['version', 'sent_at']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        if (current.sent_at) return 'sent';
        if (input.baseVersion !== null && input.baseVersion !== current.version) return 'stale';
        const version = current.version + 1;
        await trx.updateTable('recommendations').set({ title: input.title, body: input.body, version }).where('id', '=', id).execute();
        await trx.insertInto('recommendation_versions').values({ recommendation_id: id, version, title: input.title, body: input.body, author_id: input.authorId }).execute();
        return version;
      });
    },

    versions: (id: string) => db.selectFrom('recommendation_versions').selectAll().where('recommendation_id', '=', id).orderBy('version', 'desc').execute(),

    comments: (id: string) => db.selectFrom('recommendation_comments').selectAll().where('recommendation_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    findComment: (id: string) => db.selectFrom('recommendation_comments').selectAll().where('id', '=', id).executeTakeFirst(),
    async insertComment(input: { recommendationId: string; parentId: string | null; authorId: string; body: string }): Promise<string> {
      const row = await db
        .insertInto('recommendation_comments')
        .values({ recommendation_id: input.recommendationId, parent_id: input.parentId, author_id: input.authorId, body: input.body })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    /** Hides a comment once; false when it was already hidden. */
    async hideComment(id: string, by: string, reason: string): Promise<boolean> {
      const result = await db.updateTable('recommendation_comments').set({ hidden_at: new Date(), hidden_by: by, hidden_reason: reason }).where('id', '=', id).where('hidden_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Shows a hidden comment again (a moderator restored it); false when it was not hidden. */
    async showComment(id: string): Promise<boolean> {
      const result = await db.updateTable('recommendation_comments').set({ hidden_at: null, hidden_by: null, hidden_reason: null }).where('id', '=', id).where('hidden_at', 'is not', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    supports: (id: string) => db.selectFrom('recommendation_supports').selectAll().where('recommendation_id', '=', id).execute(),
    supportsOf: async (ids: readonly string[]) => (ids.length === 0 ? [] : db.selectFrom('recommendation_supports').selectAll().where('recommendation_id', 'in', ids).execute()),

    /**
     * Gives a member's support to the current version of an unsent recommendation. 'twice' when they already
     * support this version, 'sent' when it has been sent; support for an earlier version moves to this one.
     */
    async support(id: string, stakeholderId: string): Promise<'ok' | 'twice' | 'sent'> {
      return db.transaction().execute(async (trx) => {
        const rec = await trx.selectFrom('recommendations').select(['version', 'sent_at']).where('id', '=', id).forShare().executeTakeFirstOrThrow();
        if (rec.sent_at) return 'sent';
        const result = await trx
          .insertInto('recommendation_supports')
          .values({ recommendation_id: id, stakeholder_id: stakeholderId, version: rec.version })
          .onConflict((oc) => oc.constraint('recommendation_supports_pk').doUpdateSet({ version: rec.version }).where('recommendation_supports.version', '<>', rec.version))
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0n) === 0 ? 'twice' : 'ok';
      });
    },

    /** Withdraws a member's support from an unsent recommendation: 'none' when they gave none, 'sent' once sent. */
    async withdraw(id: string, stakeholderId: string): Promise<'ok' | 'none' | 'sent'> {
      return db.transaction().execute(async (trx) => {
        const rec = await trx.selectFrom('recommendations').select(['sent_at']).where('id', '=', id).forShare().executeTakeFirstOrThrow();
        if (rec.sent_at) return 'sent';
        const result = await trx.deleteFrom('recommendation_supports').where('recommendation_id', '=', id).where('stakeholder_id', '=', stakeholderId).executeTakeFirst();
        return Number(result.numDeletedRows) === 0 ? 'none' : 'ok';
      });
    },

    /**
     * Marks a recommendation sent when the current version has at least `needed` supporters, in one transaction
     * with the rows locked (an edit or a withdrawal cannot slip in between). Returns the count of support found.
     */
    async send(id: string, needed: number, by: string): Promise<{ sent: boolean; already: boolean; supporters: number }> {
      return db.transaction().execute(async (trx) => {
        const rec = await trx.selectFrom('recommendations').select(['version', 'sent_at']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        const counted = await trx
          .selectFrom('recommendation_supports')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('recommendation_id', '=', id)
          .where('version', '=', rec.version)
          .executeTakeFirstOrThrow();
        const supporters = Number(counted.n);
        if (rec.sent_at) return { sent: false, already: true, supporters };
        if (supporters < needed) return { sent: false, already: false, supporters };
        await trx.updateTable('recommendations').set({ sent_at: new Date(), sent_by: by }).where('id', '=', id).execute();
        return { sent: true, already: false, supporters };
      });
    },

    /** Replaces a meeting's agenda; the item now on is kept when it still exists, and open pages are told. */
    async setAgenda(meetingId: string, agenda: string, items: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('stakeholder_meetings')
          .set((eb) => ({ agenda, now_on: eb.case().when('now_on', '>=', items).then(sql<null>`NULL`).else(eb.ref('now_on')).end() }))
          .where('id', '=', meetingId)
          .execute();
        await sql`SELECT pg_notify(${meetingsChannel}, ${meetingId})`.execute(trx);
      });
    },

    /** Marks the agenda item on now (or none), and tells open pages in the same transaction. */
    async setNowOn(meetingId: string, position: number | null): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('stakeholder_meetings').set({ now_on: position }).where('id', '=', meetingId).execute();
        await sql`SELECT pg_notify(${meetingsChannel}, ${meetingId})`.execute(trx);
      });
    },
  };
}
