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
  };
}
