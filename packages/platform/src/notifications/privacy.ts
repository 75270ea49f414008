import type { Db } from '../db/database.ts';
import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import { notificationsPrivacyRepository } from './notifications.privacy.repository.ts';

/** One person's notifications: in their export; deleting the account deletes them (the foreign key cascades). */
export function notificationsPrivacyUseCases(db: Db) {
  const privacy = notificationsPrivacyRepository(db);
  return {
    /** Every notification made for the person: what it was about, when, whether read and when e-mailed. */
    async exportFor(userId: string): Promise<PersonalSections> {
      const rows = await privacy.notificationsOf(userId);
      return { notifications: rows.map((n) => ({ id: n.id, kind: n.kind, subjectType: n.subject_type, subjectId: n.subject_id, details: n.payload, createdAt: n.created_at, readAt: n.read_at, emailedAt: n.emailed_at })) };
    },

    /** The person's notifications go with the account. */
    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const rows = await privacy.notificationsOf(userId);
      return linesWithContent([{ section: 'notifications', count: rows.length, outcome: 'deleted' }]);
    },
  };
}
