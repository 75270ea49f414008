import type { Db } from '../db/database.ts';

/** One audited action: who did what to which record. Details must not hold personal data. */
export interface AuditEntry {
  readonly actorId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId?: string | null;
  readonly details?: Record<string, unknown>;
}

/** Records actions for the audit trail public-sector rules require. */
export function auditService(db: Db) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          actor_id: entry.actorId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: entry.subjectId ?? null,
          details: JSON.stringify(entry.details ?? {}),
        })
        .execute();
    },

    /** The entries about one record, newest first. */
    async forSubject(subjectType: string, subjectId: string) {
      return db
        .selectFrom('audit_log')
        .select(['at', 'actor_id', 'action', 'details'])
        .where('subject_type', '=', subjectType)
        .where('subject_id', '=', subjectId)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .execute();
    },

    /** What one person did, for their data export. */
    async byActor(actorId: string) {
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

export type AuditService = ReturnType<typeof auditService>;
