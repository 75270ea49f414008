import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { RoundStratum } from './panels.tables.ts';

type Executor = Db | Transaction<Database>;

/** Rows per INSERT of invitations: one statement of arrays per batch. */
const batchSize = 10_000;

/** A round's invitation as stored: the register row, its stratum, a code, in the reserve or not. */
export interface RoundInvitation {
  readonly registerId: string;
  readonly position: number;
  readonly code: string;
  readonly area: string;
  readonly stratum: string;
  readonly reserve: boolean;
}

/** The invitation rounds of a panel: the rounds, their invitations and reserves, and the figures per stratum. Part of `panelsRepository`. */
export function panelsRoundsRepository(db: Db) {
  return {
    /** Register rows as a stratified round needs them (no names), in file order. */
    registerForRounds(panelId: string) {
      return db.selectFrom('panel_register').select(['id', 'household', 'area', 'age_band', 'sex']).where('panel_id', '=', panelId).orderBy('line').execute();
    },

    /** Register ids invited in any round so far (reserve included: they may still be released). */
    async invitedRegisterIds(trx: Executor, panelId: string): Promise<Set<string>> {
      const rows = await trx.selectFrom('panel_invitations').select('register_id').where('panel_id', '=', panelId).execute();
      return new Set(rows.map((r) => r.register_id));
    },

    rounds(panelId: string) {
      return db
        .selectFrom('panel_invitation_rounds')
        .select(['number', 'seed', 'strata', 'reply_by', 'contact_name', 'contact_phone', 'contact_email', 'drawn_at'])
        .where('panel_id', '=', panelId)
        .orderBy('number')
        .execute();
    },

    findRound(panelId: string, number: number) {
      return db
        .selectFrom('panel_invitation_rounds')
        .select(['number', 'seed', 'reply_by', 'contact_name', 'contact_phone', 'contact_email'])
        .where('panel_id', '=', panelId)
        .where('number', '=', number)
        .executeTakeFirst();
    },

    async lastRoundNumber(trx: Executor, panelId: string): Promise<number> {
      const row = await trx
        .selectFrom('panel_invitation_rounds')
        .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(0)).as('n'))
        .where('panel_id', '=', panelId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async nextPosition(trx: Executor, panelId: string): Promise<number> {
      const row = await trx
        .selectFrom('panel_invitations')
        .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(-1)).as('n'))
        .where('panel_id', '=', panelId)
        .executeTakeFirstOrThrow();
      return Number(row.n) + 1;
    },

    async insertRound(
      trx: Executor,
      input: { panelId: string; number: number; seed: string; strata: readonly RoundStratum[]; replyBy: string | null; contactName: string; contactPhone: string; contactEmail: string; by: string },
    ) {
      await trx
        .insertInto('panel_invitation_rounds')
        .values({
          panel_id: input.panelId,
          number: input.number,
          seed: input.seed,
          strata: JSON.stringify(input.strata),
          reply_by: input.replyBy,
          contact_name: input.contactName,
          contact_phone: input.contactPhone,
          contact_email: input.contactEmail,
          drawn_by: input.by,
        })
        .execute();
    },

    async insertRoundInvitations(trx: Executor, panelId: string, round: number, invitations: readonly RoundInvitation[]) {
      for (let start = 0; start < invitations.length; start += batchSize) {
        const batch = invitations.slice(start, start + batchSize);
        await sql`
          INSERT INTO panel_invitations (panel_id, round, register_id, position, code, area, stratum, reserve)
          SELECT ${panelId}::uuid, ${round}::int, * FROM unnest(${batch.map((i) => i.registerId)}::bigint[], ${batch.map((i) => i.position)}::int[],
            ${batch.map((i) => i.code)}::text[], ${batch.map((i) => i.area)}::text[], ${batch.map((i) => i.stratum)}::text[],
            ${batch.map((i) => i.reserve)}::boolean[])`.execute(trx);
      }
    },

    /** Every code in use (codes are unique over all panels). */
    async codesInUse(trx: Executor, codes: readonly string[]): Promise<Set<string>> {
      if (codes.length === 0) return new Set();
      const rows = await trx.selectFrom('panel_invitations').select('code').where('code', 'in', codes).execute();
      return new Set(rows.map((r) => r.code));
    },

    /** Releases a round's reserve still held back (all of it, or `count` of it in draw order); returns how many. */
    async releaseReserve(trx: Executor, panelId: string, round: number, at: Date, count: number | null): Promise<number> {
      let query = trx
        .selectFrom('panel_invitations')
        .select('id')
        .where('panel_id', '=', panelId)
        .where('round', '=', round)
        .where('reserve', '=', true)
        .where('released_at', 'is', null)
        .orderBy('position');
      if (count !== null) query = query.limit(count);
      const ids = (await query.execute()).map((r) => r.id);
      if (ids.length === 0) return 0;
      await trx.updateTable('panel_invitations').set({ released_at: at }).where('id', 'in', ids).execute();
      return ids.length;
    },

    /** Invited (letters: not held in reserve), held reserve and responded, per round and stratum. */
    invitationFigures(panelId: string) {
      return db
        .selectFrom('panel_invitations')
        .select((eb) => [
          'round',
          'stratum',
          eb.fn.count<string>(eb.case().when('reserve', '=', false).then(1).when('released_at', 'is not', null).then(1).end()).as('invited'),
          eb.fn.count<string>(eb.case().when(eb.and([eb('reserve', '=', true), eb('released_at', 'is', null)])).then(1).end()).as('held'),
          eb.fn.count<string>('responded_at').as('responded'),
        ])
        .where('panel_id', '=', panelId)
        .groupBy(['round', 'stratum'])
        .orderBy('round')
        .orderBy('stratum')
        .execute();
    },

    /** Everything a round's letters need, in draw order: its invitations sent (not held in reserve). Personal data: callers audit. */
    roundLetters(panelId: string, round: number) {
      return db
        .selectFrom('panel_invitations as i')
        .innerJoin('panel_register as r', 'r.id', 'i.register_id')
        .select(['r.name', 'r.address', 'r.postcode', 'r.city', 'i.code'])
        .where('i.panel_id', '=', panelId)
        .where('i.round', '=', round)
        .where((eb) => eb.or([eb('i.reserve', '=', false), eb('i.released_at', 'is not', null)]))
        .orderBy('i.position')
        .execute();
    },
  };
}
