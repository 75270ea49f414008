import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { RegisterRow } from './panels.csv.ts';
import type { Decision, ItemKind, PanelCategory, PanelSelection, RespondentStatus, SessionMode, VoteChoice } from './panels.tables.ts';

type Executor = Db | Transaction<Database>;

/** Rows per INSERT when loading a register or invitations: one statement of arrays per batch. */
const batchSize = 10_000;

/** The only place with SQL for citizens' panels. */
export function panelsRepository(db: Db) {
  return {
    transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    findPanel(id: string) {
      return db.selectFrom('panels').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findPanelOfProcess(processId: string) {
      return db.selectFrom('panels').selectAll().where('process_id', '=', processId).executeTakeFirst();
    },

    lockPanel(trx: Executor, id: string) {
      return trx.selectFrom('panels').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async insertPanel(input: { processId: string; title: string; createdBy: string; consentText: string }): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('panels')
          .values({ process_id: input.processId, title: input.title, created_by: input.createdBy, consent_text: input.consentText })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('panel_staff').values({ panel_id: row.id, user_id: input.createdBy, role: 'administrator' }).execute();
        return row.id;
      });
    },

    async updatePanel(
      id: string,
      set: Partial<{
        title: string;
        size: number;
        household_rule: boolean;
        approval_percent: number;
        consent_text: string;
        ends_on: string | null;
        delete_pool_on: string | null;
        categories: readonly PanelCategory[];
        stratify_by_area: boolean;
        selection: PanelSelection | null;
        selection_job_id: string | null;
        lottery_text: string | null;
        lottery_hash: string | null;
        hash_published_at: Date | null;
        report_published_at: Date | null;
      }>,
      trx: Executor = db,
    ) {
      const { categories, selection, ...rest } = set;
      await trx
        .updateTable('panels')
        .set({
          ...rest,
          ...(categories !== undefined ? { categories: JSON.stringify(categories) } : {}),
          ...(selection !== undefined ? { selection: selection === null ? null : JSON.stringify(selection) } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    async staffRole(panelId: string, userId: string): Promise<'administrator' | 'facilitator' | null> {
      const row = await db.selectFrom('panel_staff').select('role').where('panel_id', '=', panelId).where('user_id', '=', userId).executeTakeFirst();
      return row?.role ?? null;
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

    sessions(panelId: string) {
      return db.selectFrom('panel_sessions').selectAll().where('panel_id', '=', panelId).orderBy('starts_at').orderBy('id').execute();
    },

    async insertSession(input: { panelId: string; title: string; startsAt: Date; endsAt: Date; mode: SessionMode; place: string; streamUrl: string; programme: string }) {
      const row = await db
        .insertInto('panel_sessions')
        .values({ panel_id: input.panelId, title: input.title, starts_at: input.startsAt, ends_at: input.endsAt, mode: input.mode, place: input.place, stream_url: input.streamUrl, programme: input.programme })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async deleteSession(panelId: string, sessionId: string): Promise<boolean> {
      const result = await db.deleteFrom('panel_sessions').where('panel_id', '=', panelId).where('id', '=', sessionId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Replaces the panel's register with `rows`, in batches of array-valued INSERTs, in the caller's transaction. */
    async replaceRegister(trx: Executor, panelId: string, rows: readonly RegisterRow[]) {
      await trx.deleteFrom('panel_register').where('panel_id', '=', panelId).execute();
      for (let start = 0; start < rows.length; start += batchSize) {
        const batch = rows.slice(start, start + batchSize);
        const column = <K extends keyof RegisterRow>(key: K) => batch.map((r) => r[key]);
        await sql`
          INSERT INTO panel_register (panel_id, line, person_ref, name, address, postcode, city, area, household)
          SELECT ${panelId}::uuid, * FROM unnest(${column('line')}::int[], ${column('ref')}::text[], ${column('name')}::text[],
            ${column('address')}::text[], ${column('postcode')}::text[], ${column('city')}::text[], ${column('area')}::text[],
            ${column('household')}::text[])`.execute(trx);
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
      input: { panelId: string; invitationId: string; answers: Record<string, string>; household: string; name: string; email: string; phone: string; at: Date },
    ): Promise<number> {
      const next = await trx
        .selectFrom('panel_respondents')
        .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('n'))
        .where('panel_id', '=', input.panelId)
        .executeTakeFirstOrThrow();
      const number = Number(next.n) + 1;
      const row = await trx
        .insertInto('panel_respondents')
        .values({ panel_id: input.panelId, number, invitation_id: input.invitationId, answers: JSON.stringify(input.answers), household: input.household })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('panel_contacts').values({ respondent_id: row.id, name: input.name, email: input.email, phone: input.phone }).execute();
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
        .select(['p.id', 'p.number', 'p.answers', 'p.status', 'p.registered_at', 'p.confirmed_at', 'c.name', 'c.email', 'c.phone'])
        .where('p.panel_id', '=', panelId)
        .orderBy('p.number')
        .execute();
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

    async recordDraw(trx: Executor, panelId: string, input: { publicSeed: string; index: number; at: Date }) {
      await trx.updateTable('panels').set({ public_seed: input.publicSeed, drawn_index: input.index, drawn_at: input.at }).where('id', '=', panelId).execute();
    },

    contactsOf(respondentIds: readonly string[]) {
      if (respondentIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('panel_contacts').select(['respondent_id', 'name', 'email']).where('respondent_id', 'in', respondentIds).execute();
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

    items(panelId: string) {
      return db
        .selectFrom('panel_items')
        .select(['id', 'session_id', 'kind', 'title', 'body', 'link', 'source', 'small_group', 'created_at'])
        .where('panel_id', '=', panelId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    async insertItem(input: { panelId: string; sessionId: string | null; kind: ItemKind; title: string; body: string; link: string; source: string; smallGroup: string; authorId: string }) {
      const row = await db
        .insertInto('panel_items')
        .values({ panel_id: input.panelId, session_id: input.sessionId, kind: input.kind, title: input.title, body: input.body, link: input.link, source: input.source, small_group: input.smallGroup, author_id: input.authorId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    recommendations(panelId: string) {
      return db
        .selectFrom('panel_recommendations as r')
        .leftJoin('panel_responses as a', 'a.recommendation_id', 'r.id')
        .select([
          'r.id',
          'r.number',
          'r.title',
          'r.body',
          'r.status',
          'r.yes_votes',
          'r.no_votes',
          'r.abstentions',
          'a.decision',
          'a.reasons',
          'a.decided_on',
          'a.progress_percent',
          'a.progress_note',
        ])
        .where('r.panel_id', '=', panelId)
        .orderBy('r.number')
        .execute();
    },

    findRecommendation(trx: Executor, id: string, lock = false) {
      let query = trx.selectFrom('panel_recommendations').selectAll().where('id', '=', id);
      if (lock) query = query.forUpdate();
      return query.executeTakeFirst();
    },

    async insertRecommendation(trx: Executor, input: { panelId: string; title: string; body: string; by: string }) {
      const next = await trx
        .selectFrom('panel_recommendations')
        .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('n'))
        .where('panel_id', '=', input.panelId)
        .executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('panel_recommendations')
        .values({ panel_id: input.panelId, number: Number(next.n) + 1, title: input.title, body: input.body, created_by: input.by })
        .returning(['id', 'number'])
        .executeTakeFirstOrThrow();
      return row;
    },

    async updateRecommendation(trx: Executor, id: string, set: { body?: string; status?: 'drafting' | 'voting' | 'adopted' | 'not_adopted'; yes_votes?: number; no_votes?: number; abstentions?: number }) {
      await trx.updateTable('panel_recommendations').set(set).where('id', '=', id).execute();
    },

    amendments(panelId: string) {
      return db
        .selectFrom('panel_amendments as a')
        .innerJoin('panel_recommendations as r', 'r.id', 'a.recommendation_id')
        .select(['a.id', 'a.recommendation_id', 'a.body', 'a.rationale', 'a.status', 'a.created_at'])
        .where('r.panel_id', '=', panelId)
        .orderBy('a.created_at')
        .orderBy('a.id')
        .execute();
    },

    async insertAmendment(input: { recommendationId: string; body: string; rationale: string; by: string }) {
      const row = await db
        .insertInto('panel_amendments')
        .values({ recommendation_id: input.recommendationId, body: input.body, rationale: input.rationale, author_id: input.by })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    findAmendment(trx: Executor, id: string) {
      return trx.selectFrom('panel_amendments').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    },

    async setAmendmentStatus(trx: Executor, id: string, status: 'accepted' | 'rejected') {
      await trx.updateTable('panel_amendments').set({ status }).where('id', '=', id).execute();
    },

    /** Inserts a vote; false when this member has already voted on it (the primary key says so). */
    async insertVote(trx: Executor, input: { recommendationId: string; respondentId: string; choice: VoteChoice }): Promise<boolean> {
      const result = await sql`
        INSERT INTO panel_votes (recommendation_id, respondent_id, choice) VALUES (${input.recommendationId}, ${input.respondentId}, ${input.choice})
        ON CONFLICT ON CONSTRAINT panel_votes_once DO NOTHING`.execute(trx);
      return Number(result.numAffectedRows ?? 0) > 0;
    },

    async tally(trx: Executor, recommendationId: string) {
      const rows = await trx
        .selectFrom('panel_votes')
        .select((eb) => ['choice', eb.fn.countAll<string>().as('n')])
        .where('recommendation_id', '=', recommendationId)
        .groupBy('choice')
        .execute();
      const count = (choice: VoteChoice) => Number(rows.find((r) => r.choice === choice)?.n ?? 0);
      return { yes: count('yes'), no: count('no'), abstain: count('abstain') };
    },

    votesOf(panelId: string, respondentId: string) {
      return db
        .selectFrom('panel_votes as v')
        .innerJoin('panel_recommendations as r', 'r.id', 'v.recommendation_id')
        .select(['v.recommendation_id', 'v.choice'])
        .where('r.panel_id', '=', panelId)
        .where('v.respondent_id', '=', respondentId)
        .execute();
    },

    async upsertResponse(input: { recommendationId: string; decision: Decision; reasons: string; decidedOn: string; progressPercent: number | null; progressNote: string; by: string }) {
      await db
        .insertInto('panel_responses')
        .values({
          recommendation_id: input.recommendationId,
          decision: input.decision,
          reasons: input.reasons,
          decided_on: input.decidedOn,
          progress_percent: input.progressPercent,
          progress_note: input.progressNote,
          answered_by: input.by,
        })
        .onConflict((oc) =>
          oc.column('recommendation_id').doUpdateSet({
            decision: input.decision,
            reasons: input.reasons,
            decided_on: input.decidedOn,
            progress_percent: input.progressPercent,
            progress_note: input.progressNote,
            answered_by: input.by,
            updated_at: new Date(),
          }),
        )
        .execute();
    },

    async follow(panelId: string, userId: string, on: boolean) {
      if (on) await db.insertInto('panel_followers').values({ panel_id: panelId, user_id: userId }).onConflict((oc) => oc.doNothing()).execute();
      else await db.deleteFrom('panel_followers').where('panel_id', '=', panelId).where('user_id', '=', userId).execute();
    },

    async isFollowing(panelId: string, userId: string): Promise<boolean> {
      return (await db.selectFrom('panel_followers').select('user_id').where('panel_id', '=', panelId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
    },

    async followers(panelId: string): Promise<string[]> {
      return (await db.selectFrom('panel_followers').select('user_id').where('panel_id', '=', panelId).execute()).map((r) => r.user_id);
    },

    /** Panels whose pool is due for deletion. */
    async panelsToPurge(today: string): Promise<string[]> {
      const rows = await db.selectFrom('panels').select('id').where('delete_pool_on', '<=', today).where('pool_deleted_at', 'is', null).execute();
      return rows.map((r) => r.id);
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

export type PanelsRepository = ReturnType<typeof panelsRepository>;
