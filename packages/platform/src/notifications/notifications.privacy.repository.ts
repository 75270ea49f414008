import type { Db } from '../db/database.ts';

/** The notifications module's SQL about one person: every notification made for them. */
export function notificationsPrivacyRepository(db: Db) {
  return {
    notificationsOf(userId: string) {
      return db.selectFrom('notifications').select(['id', 'kind', 'subject_type', 'subject_id', 'payload', 'created_at', 'read_at', 'emailed_at'])
        .where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    },
  };
}
