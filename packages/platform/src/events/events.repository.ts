import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { PlaceKind, RegistrationQuestion, RegistrationStatus } from './events.tables.ts';

/** An event as stored. */
export type EventRow = NonNullable<Awaited<ReturnType<ReturnType<typeof eventsRepository>['findEvent']>>>;
/** A registration as stored. */
export type RegistrationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof eventsRepository>['registrationOf']>>>;

/** The event fields staff set (column names). */
export interface EventChange {
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  place_kind: PlaceKind;
  address: string;
  online_url: string | null;
  accessibility: string;
  capacity: number | null;
  registration_deadline: Date | null;
  questions: readonly RegistrationQuestion[];
}

/** What signing up did: the status it got, or why it was refused. */
export type RegisterOutcome = { readonly status: 'confirmed' | 'waitlisted' } | { readonly refused: 'already' | 'missing' };

type Trx = Transaction<Database>;

const eventColumns = [
  'id',
  'process_id',
  'phase_id',
  'title',
  'description',
  'starts_at',
  'ends_at',
  'time_zone',
  'place_kind',
  'address',
  'online_url',
  'accessibility',
  'capacity',
  'registration_deadline',
  'questions',
  'minutes',
  'minutes_published_at',
  'created_by',
  'created_at',
  'updated_at',
] as const;

/**
 * The only place with SQL for events, their registrations and the ideas entered from them. Signing up,
 * cancelling and changing the capacity each lock the event's row, so seats are counted by one transaction at a
 * time and the waiting list moves up strictly in the order people joined it (`seq`).
 */
export function eventsRepository(db: Db) {
  /** Moves people up from the waiting list, first come first served, while seats are free; their user ids. */
  async function promote(trx: Trx, eventId: string, capacity: number | null, at: Date): Promise<string[]> {
    const confirmed = await countConfirmed(trx, eventId);
    const free = capacity === null ? Number.MAX_SAFE_INTEGER : capacity - confirmed;
    if (free <= 0) return [];
    const next = await trx
      .selectFrom('event_registrations')
      .select(['id', 'user_id'])
      .where('event_id', '=', eventId)
      .where('status', '=', 'waitlisted')
      .orderBy('seq')
      .limit(Math.min(free, 100_000))
      .execute();
    if (next.length === 0) return [];
    await trx
      .updateTable('event_registrations')
      .set({ status: 'confirmed', promoted_at: at })
      .where('id', 'in', next.map((r) => r.id))
      .execute();
    return next.map((r) => r.user_id);
  }

  async function countConfirmed(trx: Trx, eventId: string): Promise<number> {
    const row = await trx
      .selectFrom('event_registrations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('event_id', '=', eventId)
      .where('status', '=', 'confirmed')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function lockEvent(trx: Trx, eventId: string) {
    return trx.selectFrom('events').select(['id', 'capacity']).where('id', '=', eventId).forUpdate().executeTakeFirst();
  }

  return {
    async insertEvent(change: EventChange & { process_id: string | null; phase_id: string | null; created_by: string }): Promise<string> {
      const row = await db
        .insertInto('events')
        .values({ ...change, questions: JSON.stringify(change.questions) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    findEvent(id: string) {
      return db.selectFrom('events').select(eventColumns).where('id', '=', id).executeTakeFirst();
    },

    /** Events, soonest first: of one process, or all; those ending after `endsAfter` when given. */
    listEvents(filter: { processId?: string; endsAfter?: Date; endedBefore?: Date }) {
      let query = db.selectFrom('events').select(eventColumns);
      if (filter.processId) query = query.where('process_id', '=', filter.processId);
      if (filter.endsAfter) query = query.where('ends_at', '>', filter.endsAfter);
      if (filter.endedBefore) query = query.where('ends_at', '<=', filter.endedBefore);
      return query.orderBy('starts_at').orderBy('id').limit(500).execute();
    },

    /**
     * Changes an event. A capacity below the people already holding a seat is refused (nothing changed); a
     * larger one moves people up from the waiting list. The user ids moved up, or 'capacity'.
     */
    async updateEvent(id: string, change: EventChange, at: Date): Promise<{ promoted: string[] } | { refused: 'capacity'; confirmed: number } | null> {
      return db.transaction().execute(async (trx) => {
        if (!(await lockEvent(trx, id))) return null;
        const confirmed = await countConfirmed(trx, id);
        if (change.capacity !== null && change.capacity < confirmed) return { refused: 'capacity' as const, confirmed };
        await trx
          .updateTable('events')
          .set({ ...change, questions: JSON.stringify(change.questions), updated_at: at })
          .where('id', '=', id)
          .execute();
        return { promoted: await promote(trx, id, change.capacity, at) };
      });
    },

    /** Signs a person up: a seat while there is one, else a place at the end of the waiting list. */
    async register(eventId: string, userId: string, answers: Readonly<Record<string, string>>, at: Date): Promise<RegisterOutcome> {
      return db.transaction().execute(async (trx) => {
        const event = await lockEvent(trx, eventId);
        if (!event) return { refused: 'missing' as const };
        const existing = await trx.selectFrom('event_registrations').select('status').where('event_id', '=', eventId).where('user_id', '=', userId).executeTakeFirst();
        if (existing && existing.status !== 'cancelled') return { refused: 'already' as const };
        // Nobody waits while a seat is free, so a seat is free exactly when the confirmed are fewer than the capacity.
        const confirmed = await countConfirmed(trx, eventId);
        const status: 'confirmed' | 'waitlisted' = event.capacity === null || confirmed < event.capacity ? 'confirmed' : 'waitlisted';
        const values = { status, answers: JSON.stringify(answers), registered_at: at, promoted_at: null, cancelled_at: null, reminded_at: null, attended: null };
        await trx
          .insertInto('event_registrations')
          .values({ event_id: eventId, user_id: userId, ...values })
          .onConflict((oc) => oc.constraint('event_registrations_once').doUpdateSet({ ...values, seq: sql<string>`nextval('event_registrations_seq')` }))
          .execute();
        return { status };
      });
    },

    /** Cancels a person's registration; a seat given up goes to the first on the waiting list. Null: none to cancel. */
    async cancel(eventId: string, userId: string, at: Date): Promise<{ was: RegistrationStatus; promoted: string[] } | null> {
      return db.transaction().execute(async (trx) => {
        const event = await lockEvent(trx, eventId);
        if (!event) return null;
        const existing = await trx.selectFrom('event_registrations').select(['id', 'status']).where('event_id', '=', eventId).where('user_id', '=', userId).executeTakeFirst();
        if (!existing || existing.status === 'cancelled') return null;
        await trx.updateTable('event_registrations').set({ status: 'cancelled', cancelled_at: at }).where('id', '=', existing.id).execute();
        const promoted = existing.status === 'confirmed' ? await promote(trx, eventId, event.capacity, at) : [];
        return { was: existing.status, promoted };
      });
    },

    registrationOf(eventId: string, userId: string) {
      return db.selectFrom('event_registrations').selectAll().where('event_id', '=', eventId).where('user_id', '=', userId).executeTakeFirst();
    },

    /** A person's registrations that are not cancelled, by event id. */
    async registrationsOfUser(userId: string, eventIds: readonly string[]) {
      if (eventIds.length === 0) return [];
      return db.selectFrom('event_registrations').selectAll().where('user_id', '=', userId).where('event_id', 'in', eventIds).where('status', '<>', 'cancelled').execute();
    },

    /** Where a waiting person stands in line (1: next to get a seat). */
    async waitlistPosition(eventId: string, seq: string): Promise<number> {
      const row = await db
        .selectFrom('event_registrations')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('event_id', '=', eventId)
        .where('status', '=', 'waitlisted')
        .where('seq', '<=', seq)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Confirmed and waiting people per event. */
    async countsOf(eventIds: readonly string[]): Promise<Map<string, { confirmed: number; waitlisted: number; attended: number }>> {
      const counts = new Map(eventIds.map((id) => [id, { confirmed: 0, waitlisted: 0, attended: 0 }]));
      if (eventIds.length === 0) return counts;
      const rows = await db
        .selectFrom('event_registrations')
        .select(['event_id', 'status', (eb) => eb.fn.countAll<string>().as('n'), sql<string>`count(*) FILTER (WHERE attended)`.as('attended')])
        .where('event_id', 'in', eventIds)
        .where('status', '<>', 'cancelled')
        .groupBy(['event_id', 'status'])
        .execute();
      for (const row of rows) {
        const count = counts.get(row.event_id);
        if (!count) continue;
        if (row.status === 'confirmed') {
          count.confirmed = Number(row.n);
          count.attended = Number(row.attended);
        } else if (row.status === 'waitlisted') count.waitlisted = Number(row.n);
      }
      return counts;
    },

    /** Everyone signed up (not cancelled): seats first, then the waiting list, each in the order they came. */
    registrationsOf(eventId: string) {
      return db
        .selectFrom('event_registrations')
        .select(['user_id', 'status', 'seq', 'answers', 'registered_at', 'promoted_at', 'attended'])
        .where('event_id', '=', eventId)
        .where('status', '<>', 'cancelled')
        .orderBy(sql`status = 'waitlisted'`)
        .orderBy('seq')
        .execute();
    },

    /** Marks who came: the listed people with a seat attended, the other seat holders did not. */
    async setAttendance(eventId: string, attended: readonly string[]): Promise<number> {
      return db.transaction().execute(async (trx) => {
        await trx.updateTable('event_registrations').set({ attended: false }).where('event_id', '=', eventId).where('status', '=', 'confirmed').execute();
        if (attended.length === 0) return 0;
        const marked = await trx
          .updateTable('event_registrations')
          .set({ attended: true })
          .where('event_id', '=', eventId)
          .where('status', '=', 'confirmed')
          .where('user_id', 'in', attended)
          .executeTakeFirst();
        return Number(marked.numUpdatedRows);
      });
    },

    async publishMinutes(eventId: string, minutes: string, at: Date): Promise<void> {
      await db.updateTable('events').set({ minutes, minutes_published_at: minutes === '' ? null : at, updated_at: at }).where('id', '=', eventId).execute();
    },

    /**
     * Takes the seats whose event starts between `from` and `to` and whose holder has not been reminded,
     * marking them reminded in the same statement (so two workers never remind one person twice).
     */
    async takeDueReminders(from: Date, to: Date, at: Date) {
      return db
        .updateTable('event_registrations as r')
        .set({ reminded_at: at })
        .from('events as e')
        .whereRef('e.id', '=', 'r.event_id')
        .where('r.status', '=', 'confirmed')
        .where('r.reminded_at', 'is', null)
        .where('e.starts_at', '>', from)
        .where('e.starts_at', '<=', to)
        .returning(['r.user_id', 'r.event_id'])
        .execute();
    },

    async linkIdea(eventId: string, ideaId: string, by: string): Promise<void> {
      await db.insertInto('event_ideas').values({ event_id: eventId, idea_id: ideaId, entered_by: by }).execute();
    },

    async ideaIdsOf(eventId: string): Promise<string[]> {
      const rows = await db.selectFrom('event_ideas').select('idea_id').where('event_id', '=', eventId).orderBy('created_at').execute();
      return rows.map((r) => r.idea_id);
    },

    /** A person's seats and places in line at events that have not started. */
    activeRegistrationsOfUser(userId: string, now: Date) {
      return db
        .selectFrom('event_registrations as r')
        .innerJoin('events as e', 'e.id', 'r.event_id')
        .select(['r.event_id', 'e.title'])
        .where('r.user_id', '=', userId)
        .where('r.status', '<>', 'cancelled')
        .where('e.starts_at', '>', now)
        .execute();
    },

    /** A person's registrations with their events' titles and times, for the export of their data. */
    exportOf(userId: string) {
      return db
        .selectFrom('event_registrations as r')
        .innerJoin('events as e', 'e.id', 'r.event_id')
        .select(['e.title', 'e.starts_at', 'r.status', 'r.answers', 'r.registered_at', 'r.attended'])
        .where('r.user_id', '=', userId)
        .orderBy('r.registered_at')
        .execute();
    },
  };
}

export type EventsRepository = ReturnType<typeof eventsRepository>;
