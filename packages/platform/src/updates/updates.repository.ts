import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Audience, UpdateStatus } from './updates.tables.ts';

/** An update as stored, with how many people it reached and how (0 until it is sent). */
export interface UpdateRow {
  readonly id: string;
  readonly process_id: string;
  readonly phase_id: string | null;
  readonly audience: Audience;
  readonly language: string;
  readonly subject: Record<string, string>;
  readonly body: Record<string, string>;
  readonly status: UpdateStatus;
  readonly send_at: Date;
  readonly sent_at: Date | null;
  readonly created_at: Date;
  readonly created_by: string | null;
  readonly reached: number;
  readonly emailed: number;
  readonly listed: number;
}

/** One delivery to be written when an update goes out. */
export interface NewDelivery {
  readonly userId: string;
  readonly locale: string;
  readonly unsubscribeHash: string;
}

/** The only place with SQL for process updates, their deliveries and unsubscriptions. */
export function updatesRepository(db: Db) {
  const columns = ['id', 'process_id', 'phase_id', 'audience', 'language', 'subject', 'body', 'status', 'send_at', 'sent_at', 'created_at', 'created_by', 'reached', 'emailed', 'listed'] as const;

  return {
    async insertUpdate(input: { processId: string; phaseId: string | null; audience: Audience; language: string; subject: Record<string, string>; body: Record<string, string>; sendAt: Date; createdBy: string; at: Date }): Promise<string> {
      const row = await db
        .insertInto('process_updates')
        .values({
          process_id: input.processId,
          phase_id: input.phaseId,
          audience: input.audience,
          language: input.language,
          subject: JSON.stringify(input.subject),
          body: JSON.stringify(input.body),
          status: 'scheduled',
          send_at: input.sendAt,
          created_by: input.createdBy,
          created_at: input.at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** A process's updates, newest first. */
    async listOf(processId: string): Promise<UpdateRow[]> {
      return db.selectFrom('process_updates').select(columns).where('process_id', '=', processId).orderBy('created_at', 'desc').orderBy('id').execute();
    },

    async find(id: string): Promise<UpdateRow | undefined> {
      return db.selectFrom('process_updates').select(columns).where('id', '=', id).executeTakeFirst();
    },

    /** Scheduled updates whose time has come, oldest first. */
    async dueIds(now: Date): Promise<string[]> {
      const rows = await db.selectFrom('process_updates').select('id').where('status', '=', 'scheduled').where('send_at', '<=', now).orderBy('send_at').orderBy('id').execute();
      return rows.map((r) => r.id);
    },

    /** Takes a scheduled update for sending; false when another server took it, or it was cancelled or is not due. */
    async claim(id: string, now: Date): Promise<boolean> {
      const row = await db.updateTable('process_updates').set({ status: 'sending' }).where('id', '=', id).where('status', '=', 'scheduled').where('send_at', '<=', now).returning('id').executeTakeFirst();
      return row !== undefined;
    },

    async markSent(id: string, at: Date, counts: { reached: number; emailed: number; listed: number }): Promise<void> {
      await db.updateTable('process_updates').set({ status: 'sent', sent_at: at, ...counts }).where('id', '=', id).execute();
    },

    /** Cancels an update still waiting for its time; false when it is no longer scheduled. */
    async cancel(id: string, at: Date): Promise<boolean> {
      const row = await db.updateTable('process_updates').set({ status: 'cancelled', cancelled_at: at }).where('id', '=', id).where('status', '=', 'scheduled').returning('id').executeTakeFirst();
      return row !== undefined;
    },

    /** Records who an update reaches (in the notification list; e-mail is marked as it goes). */
    async insertDeliveries(updateId: string, deliveries: readonly NewDelivery[], at: Date): Promise<void> {
      if (deliveries.length === 0) return;
      await db
        .insertInto('process_update_deliveries')
        .values(deliveries.map((d) => ({ update_id: updateId, user_id: d.userId, locale: d.locale, listed: true, unsubscribe_hash: d.unsubscribeHash, created_at: at })))
        .onConflict((oc) => oc.columns(['update_id', 'user_id']).doNothing())
        .execute();
    },

    async markEmailed(updateId: string, userIds: readonly string[], at: Date): Promise<void> {
      if (userIds.length === 0) return;
      await db.updateTable('process_update_deliveries').set({ emailed_at: at }).where('update_id', '=', updateId).where('user_id', 'in', userIds).execute();
    },

    async markEmailFailed(updateId: string, userIds: readonly string[]): Promise<void> {
      if (userIds.length === 0) return;
      await db.updateTable('process_update_deliveries').set({ email_failed: true }).where('update_id', '=', updateId).where('user_id', 'in', userIds).execute();
    },

    /** The people who asked for no more updates about a process. */
    async unsubscribedOf(processId: string): Promise<Set<string>> {
      const rows = await db.selectFrom('process_update_unsubscribes').select('user_id').where('process_id', '=', processId).execute();
      return new Set(rows.map((r) => r.user_id));
    },

    /** The delivery an unsubscribe link was made for: its person and process. */
    async deliveryByHash(hash: string): Promise<{ user_id: string; process_id: string; unsubscribed: boolean } | undefined> {
      return db
        .selectFrom('process_update_deliveries as d')
        .innerJoin('process_updates as u', 'u.id', 'd.update_id')
        .leftJoin('process_update_unsubscribes as s', (join) => join.onRef('s.process_id', '=', 'u.process_id').onRef('s.user_id', '=', 'd.user_id'))
        .select(['d.user_id', 'u.process_id', sql<boolean>`s.user_id IS NOT NULL`.as('unsubscribed')])
        .where('d.unsubscribe_hash', '=', hash)
        .executeTakeFirst();
    },

    /** The updates that reached one person (their export). */
    deliveriesOf(userId: string) {
      return db
        .selectFrom('process_update_deliveries as d')
        .innerJoin('process_updates as u', 'u.id', 'd.update_id')
        .select(['u.process_id', 'u.subject', 'u.language', 'd.locale', 'd.created_at', 'd.emailed_at'])
        .where('d.user_id', '=', userId)
        .orderBy('d.created_at')
        .execute();
    },

    /** The processes one person unsubscribed from (their export). */
    unsubscribesOf(userId: string) {
      return db.selectFrom('process_update_unsubscribes').select(['process_id', 'created_at']).where('user_id', '=', userId).orderBy('created_at').execute();
    },

    async unsubscribe(processId: string, userId: string, at: Date): Promise<void> {
      await db
        .insertInto('process_update_unsubscribes')
        .values({ process_id: processId, user_id: userId, created_at: at })
        .onConflict((oc) => oc.columns(['process_id', 'user_id']).doNothing())
        .execute();
    },
  };
}

export type UpdatesRepository = ReturnType<typeof updatesRepository>;
