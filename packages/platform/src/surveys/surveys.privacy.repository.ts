import type { Db } from '../db/database.ts';

/** The surveys module's SQL about one person: their responses. */
export function surveysPrivacyRepository(db: Db) {
  return {
    responsesBy(userId: string) {
      return db.selectFrom('survey_responses').select(['id', 'phase_id', 'answers', 'created_at'])
        .where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    },
  };
}
