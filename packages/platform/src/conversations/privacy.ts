import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import type { ConversationsContext } from './conversations.context.ts';
import { conversationsPrivacyRepository } from './conversations.privacy.repository.ts';

/**
 * One person's data in conversations. Deleting the account keeps their votes and statements without them
 * (the foreign keys set the participant's and statement's user to null): the opinion map and others' votes on
 * their statements are counted from them, and nothing left names the person.
 */
export function conversationsPrivacyUseCases(ctx: ConversationsContext) {
  const privacy = conversationsPrivacyRepository(ctx.deps.db);
  return {
    /** The conversations the person took part in while signed in, their votes and their statements. */
    async exportFor(userId: string): Promise<PersonalSections> {
      const [participations, votes, statements] = await Promise.all([privacy.participationsBy(userId), privacy.votesBy(userId), privacy.statementsBy(userId)]);
      return {
        conversations: participations.map((p) => ({ conversationId: p.conversation_id, question: p.question, joinedAt: p.created_at })),
        conversationVotes: votes.map((v) => ({ conversationId: v.conversation_id, question: v.question, statementNumber: v.number, statement: v.body, vote: v.vote, votedAt: v.voted_at })),
        statements: statements.map((s) => ({ conversationId: s.conversation_id, question: s.question, number: s.number, body: s.body, moderation: s.moderation, createdAt: s.created_at })),
      };
    },

    /** Votes and statements stay without the person: they are part of the opinion map and of others' votes. */
    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const [votes, statements] = await Promise.all([privacy.votesBy(userId), privacy.statementsBy(userId)]);
      return linesWithContent([
        { section: 'conversationVotes', count: votes.length, outcome: 'kept', reason: 'countedInResults' },
        { section: 'statements', count: statements.length, outcome: 'kept', reason: 'votedOnByOthers' },
      ]);
    },
  };
}
