import type { Db } from '../db/database.ts';

/** The moderation tables as they concern one person: reports they made, decisions on their content, blocks. */
export function moderationPrivacyRepository(db: Db) {
  return {
    reportsBy(userId: string) {
      return db.selectFrom('moderation_reports').select(['id', 'target_type', 'target_id', 'reason', 'text', 'created_at', 'resolved_at'])
        .where('reporter_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    },
    decisionsAbout(userId: string) {
      return db.selectFrom('moderation_decisions').select(['id', 'target_type', 'target_id', 'action', 'reason', 'created_at'])
        .where('author_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    },
    blocksOf(userId: string) {
      return db.selectFrom('moderation_blocks').select(['id', 'reason', 'ends_at', 'created_at', 'lifted_at'])
        .where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    },
  };
}
