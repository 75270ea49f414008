import type { Db } from '../db/database.ts';

/** The conversations module's SQL about one person: the votes and statements of their signed-in participations. */
export function conversationsPrivacyRepository(db: Db) {
  return {
    votesBy(userId: string) {
      return db.selectFrom('conversation_votes')
        .innerJoin('conversation_participants as p', 'p.id', 'conversation_votes.participant_id')
        .innerJoin('conversation_statements as s', 's.id', 'conversation_votes.statement_id')
        .innerJoin('conversations as c', 'c.id', 'conversation_votes.conversation_id')
        .select(['conversation_votes.conversation_id', 'c.question', 's.number', 's.body', 'conversation_votes.vote', 'conversation_votes.voted_at'])
        .where('p.user_id', '=', userId)
        .orderBy('conversation_votes.voted_at').orderBy('conversation_votes.seq').execute();
    },
    statementsBy(userId: string) {
      return db.selectFrom('conversation_statements as s').innerJoin('conversations as c', 'c.id', 's.conversation_id')
        .select(['s.conversation_id', 'c.question', 's.number', 's.body', 's.moderation', 's.created_at'])
        .where('s.author_user_id', '=', userId)
        .orderBy('s.created_at').orderBy('s.id').execute();
    },
    participationsBy(userId: string) {
      return db.selectFrom('conversation_participants as p').innerJoin('conversations as c', 'c.id', 'p.conversation_id')
        .select(['p.conversation_id', 'c.question', 'p.created_at'])
        .where('p.user_id', '=', userId).orderBy('p.created_at').execute();
    },
  };
}
