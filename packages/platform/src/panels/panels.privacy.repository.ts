import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** The panels module's SQL about one person: their seats (with contact details and votes), items they wrote, panels they follow. */
export function panelsPrivacyRepository(db: Db) {
  return {
    seatsOf(userId: string) {
      return db.selectFrom('panel_respondents as r').innerJoin('panels as p', 'p.id', 'r.panel_id')
        .leftJoin('panel_contacts as c', 'c.respondent_id', 'r.id')
        .select(['r.id', 'r.panel_id', 'p.title', 'r.number', 'r.answers', 'r.status', 'r.public_name', 'r.registered_at', 'r.selected_at', 'r.confirmed_at', 'r.left_at', 'c.name', 'c.email', 'c.phone'])
        .where('r.user_id', '=', userId).orderBy('r.registered_at').execute();
    },
    votesOf(respondentIds: readonly string[]) {
      if (respondentIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('panel_votes as v').innerJoin('panel_recommendations as rec', 'rec.id', 'v.recommendation_id')
        .select(['v.respondent_id', 'rec.panel_id', 'rec.number', 'rec.title', 'v.choice', 'v.at'])
        .where('v.respondent_id', 'in', respondentIds).orderBy('v.at').execute();
    },
    itemsBy(userId: string) {
      return db.selectFrom('panel_items').select(['id', 'panel_id', 'kind', 'title', 'body', 'link', 'created_at']).where('author_id', '=', userId).orderBy('created_at').execute();
    },
    amendmentsBy(userId: string) {
      return db.selectFrom('panel_amendments').select(['id', 'recommendation_id', 'body', 'rationale', 'status', 'created_at']).where('author_id', '=', userId).orderBy('created_at').execute();
    },
    followsOf(userId: string) {
      return db.selectFrom('panel_followers').innerJoin('panels as p', 'p.id', 'panel_followers.panel_id')
        .select(['panel_followers.panel_id', 'p.title']).where('panel_followers.user_id', '=', userId).execute();
    },
    /** Removes the contact details and public name of the person's seats; the seats (number, answers, votes) stay pseudonymous. */
    async anonymiseSeats(userId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('panel_contacts').where('respondent_id', 'in', (eb) => eb.selectFrom('panel_respondents').select('id').where('user_id', '=', userId)).execute();
        await trx.updateTable('panel_respondents').set({ public_name: null, household: null, confirm_token_hash: null }).where('user_id', '=', userId).execute();
        await trx.deleteFrom('panel_followers').where('user_id', '=', userId).execute();
      });
    },

    /** Panels that ended `days` or more days before `today` and whose registrations' personal data is still held. */
    async endedBefore(today: string, days: number): Promise<string[]> {
      const rows = await db.selectFrom('panels').select('id')
        .where('ends_on', 'is not', null)
        .where(sql<boolean>`ends_on <= ${today}::date - ${days}::int`)
        .where('pool_deleted_at', 'is', null).orderBy('id').execute();
      return rows.map((r) => r.id);
    },

    /**
     * Deletes the personal data of one panel's registrations: contact details, public names, households,
     * invitation codes and the address register. Every registration keeps its number, status and answers
     * (the demographic categories), so the composition of pool and panel can still be analysed, without names.
     */
    async purgeRegistrations(panelId: string, at: Date) {
      return db.transaction().execute(async (trx) => {
        const contacts = await trx.deleteFrom('panel_contacts')
          .where('respondent_id', 'in', (eb) => eb.selectFrom('panel_respondents').select('id').where('panel_id', '=', panelId)).executeTakeFirst();
        const registrations = await trx.updateTable('panel_respondents')
          .set({ household: null, invitation_id: null, confirm_token_hash: null, public_name: null, user_id: null })
          .where('panel_id', '=', panelId).executeTakeFirst();
        await trx.deleteFrom('panel_invitations').where('panel_id', '=', panelId).execute();
        const register = await trx.deleteFrom('panel_register').where('panel_id', '=', panelId).executeTakeFirst();
        await trx.updateTable('panels').set({ pool_deleted_at: at }).where('id', '=', panelId).execute();
        return { contacts: Number(contacts.numDeletedRows), registrations: Number(registrations.numUpdatedRows), register: Number(register.numDeletedRows) };
      });
    },
  };
}
