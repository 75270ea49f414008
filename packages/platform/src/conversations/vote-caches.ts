import type { ConversationRow, ConversationsRepository, StatementRow } from './conversations.repository.ts';

interface Cached<T> {
  at: number;
  value: T;
}

/** A participant: a signed-in person, or an anonymous visitor known by the hash of their cookie token. */
export type ParticipantKey = { userId: string } | { anonKey: string };

/**
 * The rows every vote checks (its conversation, the conversation's statements, the voter's participant id),
 * remembered in this process so a burst of votes costs one insert each.
 *
 * Lifecycle: created with the service and never started or stopped (no timers); each map is bounded and is
 * emptied when it grows past its bound. A change made through this service forgets the rows it changes at
 * once; another server sees it within `ttlMs`. Participant ids never change, so they are kept until the bound.
 */
export function createVoteCaches(repo: ConversationsRepository, ttlMs = 2000) {
  const conversations = new Map<string, Cached<ConversationRow | undefined>>();
  const statements = new Map<string, Cached<StatementRow[]>>();
  const participants = new Map<string, number>();
  const participantKey = (conversationId: string, person: ParticipantKey) => `${conversationId}:${'userId' in person ? `u${person.userId}` : `a${person.anonKey}`}`;

  return {
    /** The conversation's row, at most `ttlMs` old. */
    async conversation(id: string): Promise<ConversationRow | undefined> {
      const hit = conversations.get(id);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const value = await repo.findConversation(id);
      if (conversations.size > 1000) conversations.clear();
      conversations.set(id, { at: Date.now(), value });
      return value;
    },

    /** The conversation's statements in number order, at most `ttlMs` old. */
    async statements(conversationId: string): Promise<StatementRow[]> {
      const hit = statements.get(conversationId);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const value = await repo.statements(conversationId);
      if (statements.size > 1000) statements.clear();
      statements.set(conversationId, { at: Date.now(), value });
      return value;
    },

    /** The person's participant id in the conversation, created on their first vote or statement. */
    async participantId(conversationId: string, person: ParticipantKey): Promise<number> {
      const key = participantKey(conversationId, person);
      const hit = participants.get(key);
      if (hit !== undefined) return hit;
      const id = await repo.participantId(conversationId, person);
      if (participants.size > 200_000) participants.clear();
      participants.set(key, id);
      return id;
    },

    /** The person's participant id if they have taken part already (never creates one). */
    async existingParticipantId(conversationId: string, person: ParticipantKey): Promise<number | null> {
      return participants.get(participantKey(conversationId, person)) ?? (await repo.existingParticipant(conversationId, person));
    },

    /** Forgets a conversation's row after its settings or source changed. */
    forgetConversation(id: string): void {
      conversations.delete(id);
    },

    /** Forgets a conversation's statements after one was added, imported or moderated. */
    forgetStatements(conversationId: string): void {
      statements.delete(conversationId);
    },

    /** Forgets every conversation and statement row (participant ids stay: they never change). */
    clear(): void {
      conversations.clear();
      statements.clear();
    },
  };
}

export type VoteCaches = ReturnType<typeof createVoteCaches>;
