import type { Db } from '../db/database.ts';

/** The only place with SQL for notifications. */
export function notificationsRepository(db: Db) {
  return {
    /** Adds one notification per person, all with the same kind, subject and payload, made at `at`. */
    async insertForEach(input: { userIds: readonly string[]; kind: string; subjectType: string; subjectId: string; payload: Record<string, unknown>; at: Date }): Promise<void> {
      await db
        .insertInto('notifications')
        .values(input.userIds.map((id) => ({ user_id: id, kind: input.kind, subject_type: input.subjectType, subject_id: input.subjectId, payload: JSON.stringify(input.payload), created_at: input.at })))
        .execute();
    },

    /** Marks as e-mailed at `at` the unsent notifications of one kind about one subject for these people. */
    async markEmailedFor(userIds: readonly string[], subjectId: string, kind: string, at: Date): Promise<void> {
      await db
        .updateTable('notifications')
        .set({ emailed_at: at })
        .where('user_id', 'in', userIds)
        .where('subject_id', '=', subjectId)
        .where('kind', '=', kind)
        .where('emailed_at', 'is', null)
        .execute();
    },

    /** A person's latest 100 notifications, newest first. */
    latestOf(userId: string) {
      return db
        .selectFrom('notifications')
        .select(['id', 'kind', 'payload', 'created_at', 'read_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(100)
        .execute();
    },

    /** How many of a person's notifications are unread. */
    async unreadCount(userId: string): Promise<number> {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return row.n;
    },

    /** Marks a person's unread notifications read at `at`. */
    async markAllRead(userId: string, at: Date): Promise<void> {
      await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
    },

    /** Every notification not yet e-mailed, by person and then oldest first. */
    pending() {
      return db
        .selectFrom('notifications')
        .select(['id', 'user_id', 'kind', 'payload'])
        .where('emailed_at', 'is', null)
        .orderBy('user_id')
        .orderBy('created_at')
        .execute();
    },

    /** Marks the given notifications e-mailed at `at`. */
    async markEmailed(ids: readonly string[], at: Date): Promise<void> {
      await db.updateTable('notifications').set({ emailed_at: at }).where('id', 'in', ids).execute();
    },
  };
}
