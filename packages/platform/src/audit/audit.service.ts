import type { Db } from '../db/database.ts';
import { auditRepository } from './audit.repository.ts';

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
  const repo = auditRepository(db);
  return {
    async record(entry: AuditEntry): Promise<void> {
      await repo.insertEntry({
        actorId: entry.actorId,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId ?? null,
        details: entry.details ?? {},
      });
    },

    /** The entries about one record, newest first. */
    async forSubject(subjectType: string, subjectId: string) {
      return repo.forSubject(subjectType, subjectId);
    },

    /** What one person did, for their data export. */
    async byActor(actorId: string) {
      return repo.byActor(actorId);
    },

    /** What the person did and what was done to their account, oldest first (their data export). */
    async aboutPerson(userId: string) {
      return repo.aboutPerson(userId);
    },

    /**
     * Removes the person from the trail when their account is deleted: each entry keeps its action, subject
     * and time, without the person's id (details never hold personal data).
     */
    async forgetPerson(userId: string): Promise<number> {
      return repo.forgetPerson(userId);
    },
  };
}

export type AuditService = ReturnType<typeof auditService>;
