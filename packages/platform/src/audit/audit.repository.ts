import type { Db } from '../db/database.ts';

/** The only place with SQL for the audit log. */
export function auditRepository(db: Db) {
  return {
    /** Appends one entry; details are stored as JSON. */
    async insertEntry(entry: {
      actorId: string | null;
      action: string;
      subjectType: string;
      subjectId: string | null;
      details: Record<string, unknown>;
    }): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          actor_id: entry.actorId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: entry.subjectId,
          details: JSON.stringify(entry.details),
        })
        .execute();
    },

    /** The entries about one record, newest first. */
    forSubject(subjectType: string, subjectId: string) {
      return db
        .selectFrom('audit_log')
        .select(['at', 'actor_id', 'action', 'details'])
        .where('subject_type', '=', subjectType)
        .where('subject_id', '=', subjectId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute();
    },

    /** What one person did, oldest first. */
    byActor(actorId: string) {
      return db
        .selectFrom('audit_log')
        .select(['at', 'action', 'subject_type', 'subject_id'])
        .where('actor_id', '=', actorId)
        .orderBy('at')
        .orderBy('id')
        .execute();
    },

    /** Entries the person made or that are about their account, oldest first (their data export). */
    aboutPerson(userId: string) {
      return db
        .selectFrom('audit_log')
        .select(['at', 'actor_id', 'action', 'subject_type', 'subject_id', 'details'])
        .where((eb) => eb.or([eb('actor_id', '=', userId), eb.and([eb('subject_type', '=', 'user'), eb('subject_id', '=', userId)])]))
        .orderBy('at')
        .orderBy('id')
        .execute();
    },

    /** Unlinks the person from the trail: entries keep what happened and when, not who. Returns the entries changed. */
    async forgetPerson(userId: string): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const asActor = await trx.updateTable('audit_log').set({ actor_id: null }).where('actor_id', '=', userId).executeTakeFirst();
        const asSubject = await trx.updateTable('audit_log').set({ subject_id: null }).where('subject_type', '=', 'user').where('subject_id', '=', userId).executeTakeFirst();
        return Number(asActor.numUpdatedRows) + Number(asSubject.numUpdatedRows);
      });
    },
  };
}
