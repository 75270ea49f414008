import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { RegisterRow } from './panels.csv.ts';
import type { RegistrationChannel, RespondentStatus } from './panels.tables.ts';

type Executor = Db | Transaction<Database>;

/** Rows per INSERT when loading a register or invitations: one statement of arrays per batch. */
const batchSize = 10_000;

/**
 * The pool of a panel: the register, the invitations and their codes, the respondents with their contact
 * details, replacements, and the deletion of the personal data. Part of `panelsRepository`.
 */
export function panelsPoolRepository(db: Db) {
  return {
    /** Replaces the panel's register with `rows`, in batches of array-valued INSERTs, in the caller's transaction. */
    async replaceRegister(trx: Executor, panelId: string, rows: readonly RegisterRow[]) {
      await trx.deleteFrom('panel_register').where('panel_id', '=', panelId).execute();
      for (let start = 0; start < rows.length; start += batchSize) {
        const batch = rows.slice(start, start + batchSize);
        const column = <K extends keyof RegisterRow>(key: K) => batch.map((r) => r[key]);
        await sql`
          INSERT INTO panel_register (panel_id, line, person_ref, name, address, postcode, city, area, household, age_band, sex)
          SELECT ${panelId}::uuid, * FROM unnest(${column('line')}::int[], ${column('ref')}::text[], ${column('name')}::text[],
            ${column('address')}::text[], ${column('postcode')}::text[], ${column('city')}::text[], ${column('area')}::text[],
            ${column('household')}::text[], ${column('ageBand')}::text[], ${column('sex')}::text[])`.execute(trx);
      }
    },

    /** Register rows as the lottery needs them (no names), in file order. */
    registerForDraw(panelId: string) {
      return db.selectFrom('panel_register').select(['id', 'household', 'area']).where('panel_id', '=', panelId).orderBy('line').execute();
    },

    async registerCount(panelId: string): Promise<number> {
      const row = await db.selectFrom('panel_register').select((eb) => eb.fn.countAll<string>().as('n')).where('panel_id', '=', panelId).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insertInvitations(trx: Executor, panelId: string, invitations: readonly { registerId: string; position: number; code: string; area: string }[]) {
      for (let start = 0; start < invitations.length; start += batchSize) {
        const batch = invitations.slice(start, start + batchSize);
        await sql`
          INSERT INTO panel_invitations (panel_id, register_id, position, code, area)
          SELECT ${panelId}::uuid, * FROM unnest(${batch.map((i) => i.registerId)}::bigint[], ${batch.map((i) => i.position)}::int[],
            ${batch.map((i) => i.code)}::text[], ${batch.map((i) => i.area)}::text[])`.execute(trx);
      }
    },

    async invitationCount(trx: Executor, panelId: string): Promise<number> {
      const row = await trx.selectFrom('panel_invitations').select((eb) => eb.fn.countAll<string>().as('n')).where('panel_id', '=', panelId).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Invited and responded per area. */
    invitationsByArea(panelId: string) {
      return db
        .selectFrom('panel_invitations')
        .select((eb) => ['area', eb.fn.countAll<string>().as('invited'), eb.fn.count<string>('responded_at').as('responded')])
        .where('panel_id', '=', panelId)
        .groupBy('area')
        .orderBy('area')
        .execute();
    },

    /** Everything a letter needs, in draw order. Personal data: callers audit. */
    letters(panelId: string) {
      return db
        .selectFrom('panel_invitations as i')
        .innerJoin('panel_register as r', 'r.id', 'i.register_id')
        .select(['r.name', 'r.address', 'r.postcode', 'r.city', 'i.code'])
        .where('i.panel_id', '=', panelId)
        .orderBy('i.position')
        .execute();
    },

    /** The panel a code belongs to (codes are unique over every panel), and whether it was used. */
    invitationByCode(code: string) {
      return db.selectFrom('panel_invitations').select(['panel_id', 'code', 'responded_at']).where('code', '=', code).executeTakeFirst();
    },

    findInvitation(trx: Executor, panelId: string, code: string, lock = false) {
      let query = trx
        .selectFrom('panel_invitations as i')
        .innerJoin('panel_register as r', 'r.id', 'i.register_id')
        .select(['i.id', 'i.responded_at', 'r.household'])
        .where('i.panel_id', '=', panelId)
        .where('i.code', '=', code);
      if (lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    async insertRespondent(
      trx: Executor,
      input: {
        panelId: string;
        invitationId: string;
        answers: Record<string, string>;
        household: string;
        name: string;
        email: string;
        phone: string;
        at: Date;
        channel: RegistrationChannel;
        enteredBy: string | null;
        locale: string | null;
      },
    ): Promise<number> {
      const next = await trx
        .selectFrom('panel_respondents')
        .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('n'))
        .where('panel_id', '=', input.panelId)
        .executeTakeFirstOrThrow();
      const number = Number(next.n) + 1;
      const row = await trx
        .insertInto('panel_respondents')
        .values({ panel_id: input.panelId, number, invitation_id: input.invitationId, answers: JSON.stringify(input.answers), household: input.household, channel: input.channel, entered_by: input.enteredBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('panel_contacts').values({ respondent_id: row.id, name: input.name, email: input.email, phone: input.phone, locale: input.locale }).execute();
      await trx.updateTable('panel_invitations').set({ responded_at: input.at }).where('id', '=', input.invitationId).execute();
      return number;
    },

    /** The pool without contact details (for the selection and the composition figures). */
    respondents(panelId: string) {
      return db
        .selectFrom('panel_respondents')
        .select(['id', 'number', 'answers', 'household', 'status', 'user_id', 'public_name', 'confirmed_at', 'selected_at'])
        .where('panel_id', '=', panelId)
        .orderBy('number')
        .execute();
    },

    /** The pool with contact details. Personal data: callers audit. */
    poolWithContacts(panelId: string) {
      return db
        .selectFrom('panel_respondents as p')
        .leftJoin('panel_contacts as c', 'c.respondent_id', 'p.id')
        .select(['p.id', 'p.number', 'p.answers', 'p.status', 'p.registered_at', 'p.confirmed_at', 'p.channel', 'p.entered_by', 'c.name', 'c.email', 'c.phone'])
        .where('p.panel_id', '=', panelId)
        .orderBy('p.number')
        .execute();
    },

    async memberOf(panelId: string, userId: string) {
      return db
        .selectFrom('panel_respondents')
        .select(['id', 'number', 'public_name'])
        .where('panel_id', '=', panelId)
        .where('user_id', '=', userId)
        .where('status', '=', 'confirmed')
        .executeTakeFirst();
    },

    async markSelected(trx: Executor, panelId: string, selected: readonly { number: number; tokenHash: string }[], at: Date) {
      for (const s of selected) {
        await trx
          .updateTable('panel_respondents')
          .set({ status: 'selected', selected_at: at, confirm_token_hash: s.tokenHash })
          .where('panel_id', '=', panelId)
          .where('number', '=', s.number)
          .execute();
      }
    },

    /**
     * Everyone still in the pool after the draw (not selected), with the address their invitation went to (none
     * once the register is deleted) and their contact. Personal data: callers audit.
     */
    notSelected(panelId: string) {
      return db
        .selectFrom('panel_respondents as p')
        .leftJoin('panel_contacts as c', 'c.respondent_id', 'p.id')
        .leftJoin('panel_invitations as i', 'i.id', 'p.invitation_id')
        .leftJoin('panel_register as r', 'r.id', 'i.register_id')
        .select(['p.id', 'p.number', 'p.household', 'c.email', 'c.locale', 'c.name as contactName', 'r.name', 'r.address', 'r.postcode', 'r.city'])
        .where('p.panel_id', '=', panelId)
        .where('p.status', '=', 'pool')
        .orderBy('p.number')
        .execute();
    },

    contactsOf(respondentIds: readonly string[]) {
      if (respondentIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('panel_contacts').select(['respondent_id', 'name', 'email', 'locale']).where('respondent_id', 'in', respondentIds).execute();
    },

    findByToken(panelId: string, tokenHash: string) {
      return db
        .selectFrom('panel_respondents')
        .select(['id', 'number', 'status', 'user_id'])
        .where('panel_id', '=', panelId)
        .where('confirm_token_hash', '=', tokenHash)
        .executeTakeFirst();
    },

    async setRespondent(trx: Executor, id: string, set: { status?: RespondentStatus; user_id?: string | null; confirmed_at?: Date | null; left_at?: Date | null; public_name?: string | null; selected_at?: Date; confirm_token_hash?: string | null }) {
      await trx.updateTable('panel_respondents').set(set).where('id', '=', id).execute();
    },

    lockRespondents(trx: Executor, panelId: string) {
      return trx
        .selectFrom('panel_respondents')
        .select(['id', 'number', 'answers', 'household', 'status'])
        .where('panel_id', '=', panelId)
        .orderBy('number')
        .forUpdate()
        .execute();
    },

    async insertReplacement(trx: Executor, input: { panelId: string; dropped: number; replacement: number; seed: string; reason: string; by: string }) {
      await trx
        .insertInto('panel_replacements')
        .values({ panel_id: input.panelId, dropped_number: input.dropped, replacement_number: input.replacement, seed: input.seed, reason: input.reason, by_user: input.by })
        .execute();
    },

    replacements(panelId: string) {
      return db.selectFrom('panel_replacements').select(['dropped_number', 'replacement_number', 'seed', 'reason', 'at']).where('panel_id', '=', panelId).orderBy('at').orderBy('id').execute();
    },

    /**
     * Deletes the personal data of one panel: the register, the invitations and their codes, every contact
     * detail, and the pool members who were never on the panel. Members keep their pseudonymous seat (number,
     * categories, votes) so the published composition and the vote results stay true.
     */
    async purgePool(panelId: string, at: Date) {
      return db.transaction().execute(async (trx) => {
        const contacts = await trx
          .deleteFrom('panel_contacts')
          .where('respondent_id', 'in', (eb) => eb.selectFrom('panel_respondents').select('id').where('panel_id', '=', panelId))
          .executeTakeFirst();
        const pool = await trx.deleteFrom('panel_respondents').where('panel_id', '=', panelId).where('status', '=', 'pool').executeTakeFirst();
        await trx.updateTable('panel_respondents').set({ household: null, invitation_id: null, confirm_token_hash: null }).where('panel_id', '=', panelId).execute();
        await trx.deleteFrom('panel_invitations').where('panel_id', '=', panelId).execute();
        const register = await trx.deleteFrom('panel_register').where('panel_id', '=', panelId).executeTakeFirst();
        await trx.updateTable('panels').set({ pool_deleted_at: at }).where('id', '=', panelId).execute();
        return { contacts: Number(contacts.numDeletedRows), pool: Number(pool.numDeletedRows), register: Number(register.numDeletedRows) };
      });
    },
  };
}
