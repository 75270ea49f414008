import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { createGroupCommit } from '../db/group-commit.ts';
import type { StatementModeration } from './conversations.tables.ts';

/** A statement row as the service uses it. */
export interface StatementRow {
  id: number;
  number: number;
  body: string;
  moderation: StatementModeration;
  is_seed: boolean;
  is_meta: boolean;
  author_participant_id: number | null;
  author_user_id: string | null;
  created_at: Date;
}

/** A vote to store. */
interface VoteInput {
  readonly conversationId: string;
  readonly participantId: number;
  readonly statementId: number;
  readonly vote: number;
}

/** Thrown inside a transaction to roll it back when a batch repeats a statement. */
class RepeatedStatement extends Error {
  index = -1;
}

/** The only place with SQL for conversations, statements, participants, votes and stored results. */
export function conversationsRepository(db: Db) {
  // One batch at a time: each batch takes its `seq` numbers and commits before the next takes any, so on this
  // server votes commit in `seq` order and the recompute, which reads votes above the last `seq` it saw, misses
  // none of them.
  const votes = createGroupCommit<VoteInput, void>(db, {
    maxInFlight: 1,
    key: (v) => `${v.participantId}:${v.statementId}`,
    async write(trx, items) {
      await sql`INSERT INTO conversation_votes (participant_id, statement_id, conversation_id, vote)
        SELECT * FROM unnest(${items.map((v) => v.participantId)}::bigint[], ${items.map((v) => v.statementId)}::bigint[], ${items.map((v) => v.conversationId)}::uuid[], ${items.map((v) => v.vote)}::smallint[])
        ON CONFLICT (participant_id, statement_id)
        DO UPDATE SET vote = EXCLUDED.vote, seq = nextval('conversation_vote_seq'), voted_at = now()`.execute(trx);
      return items.map(() => undefined);
    },
  });
  const statementColumns = ['id', 'number', 'body', 'moderation', 'is_seed', 'is_meta', 'author_participant_id', 'author_user_id', 'created_at'] as const;

  return {
    findConversation(id: string) {
      return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    },

    /** How many votes and statements participants (not the seeding manager) made in a phase's conversation. */
    async inputsOfPhase(phaseId: string): Promise<number> {
      const votes = await db
        .selectFrom('conversation_votes')
        .innerJoin('conversations', 'conversations.id', 'conversation_votes.conversation_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('conversations.phase_id', '=', phaseId)
        .executeTakeFirstOrThrow();
      const statements = await db
        .selectFrom('conversation_statements')
        .innerJoin('conversations', 'conversations.id', 'conversation_statements.conversation_id')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('conversations.phase_id', '=', phaseId)
        .where('conversation_statements.is_seed', '=', false)
        .executeTakeFirstOrThrow();
      return Number(votes.n) + Number(statements.n);
    },

    findByPhase(phaseId: string) {
      return db.selectFrom('conversations').selectAll().where('phase_id', '=', phaseId).executeTakeFirst();
    },

    listForProcess(processId: string) {
      return db.selectFrom('conversations').selectAll().where('process_id', '=', processId).orderBy('created_at').execute();
    },

    async insertConversation(input: { phaseId: string; processId: string; question: string; description: string; allowAnonymous: boolean; allowStatements: boolean; preModeration: boolean; minVotes: number; minGroupSize: number; createdBy: string | null }) {
      const row = await db
        .insertInto('conversations')
        .values({
          phase_id: input.phaseId,
          process_id: input.processId,
          question: input.question,
          description: input.description,
          allow_anonymous: input.allowAnonymous,
          allow_statements: input.allowStatements,
          pre_moderation: input.preModeration,
          min_votes: input.minVotes,
          min_group_size: input.minGroupSize,
          created_by: input.createdBy,
        })
        .onConflict((oc) => oc.constraint('conversations_phase_unique').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async updateConversation(id: string, input: { question: string; description: string; allowAnonymous: boolean; allowStatements: boolean; preModeration: boolean; minVotes: number; minGroupSize: number; closed: boolean }) {
      await db
        .updateTable('conversations')
        .set({
          question: input.question,
          description: input.description,
          allow_anonymous: input.allowAnonymous,
          allow_statements: input.allowStatements,
          pre_moderation: input.preModeration,
          min_votes: input.minVotes,
          min_group_size: input.minGroupSize,
          closed_at: input.closed ? sql<Date>`coalesce(closed_at, now())` : null,
        })
        .where('id', '=', id)
        .execute();
    },

    async setSource(id: string, source: { name: string | null; url: string | null; licence: string | null; question?: string; description?: string }) {
      await db
        .updateTable('conversations')
        .set({
          source_name: source.name,
          source_url: source.url,
          source_licence: source.licence,
          ...(source.question ? { question: source.question } : {}),
          ...(source.description !== undefined ? { description: source.description } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    statements(conversationId: string): Promise<StatementRow[]> {
      return db.selectFrom('conversation_statements').select(statementColumns).where('conversation_id', '=', conversationId).orderBy('number').execute();
    },

    findStatement(id: number) {
      return db.selectFrom('conversation_statements').select([...statementColumns, 'conversation_id']).where('id', '=', id).executeTakeFirst();
    },

    /**
     * Adds a statement with the next number; false when the same text is already there. The conversation row
     * is locked so two statements never get the same number.
     */
    async insertStatement(input: { conversationId: string; body: string; textKey: string; moderation: StatementModeration; isSeed: boolean; authorParticipantId: number | null; authorUserId: string | null }) {
      return db.transaction().execute(async (trx) => {
        await trx.selectFrom('conversations').select('id').where('id', '=', input.conversationId).forUpdate().execute();
        const next = await trx
          .selectFrom('conversation_statements')
          .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(-1)).as('n'))
          .where('conversation_id', '=', input.conversationId)
          .executeTakeFirstOrThrow();
        const row = await trx
          .insertInto('conversation_statements')
          .values({
            conversation_id: input.conversationId,
            number: Number(next.n) + 1,
            body: input.body,
            text_key: input.textKey,
            moderation: input.moderation,
            is_seed: input.isSeed,
            author_participant_id: input.authorParticipantId,
            author_user_id: input.authorUserId,
          })
          .onConflict((oc) => oc.columns(['conversation_id', 'text_key']).where('text_key', 'is not', null).doNothing())
          .returning(['id', 'number'])
          .executeTakeFirst();
        return row ?? null;
      });
    },

    /**
     * Adds several accepted seed statements with the next numbers, all or none: when one repeats a statement
     * already there (or an earlier one of the same batch), nothing is written and its index is returned.
     */
    async insertSeedStatements(conversationId: string, statements: readonly { body: string; textKey: string }[], authorUserId: string | null): Promise<{ numbers: number[] } | { duplicate: number }> {
      const repeated = new RepeatedStatement();
      try {
        return await db.transaction().execute(async (trx) => {
          await trx.selectFrom('conversations').select('id').where('id', '=', conversationId).forUpdate().execute();
          const last = await trx
            .selectFrom('conversation_statements')
            .select((eb) => eb.fn.coalesce(eb.fn.max('number'), eb.lit(-1)).as('n'))
            .where('conversation_id', '=', conversationId)
            .executeTakeFirstOrThrow();
          const numbers: number[] = [];
          for (const [i, statement] of statements.entries()) {
            const number = Number(last.n) + 1 + i;
            const row = await trx
              .insertInto('conversation_statements')
              .values({ conversation_id: conversationId, number, body: statement.body, text_key: statement.textKey, moderation: 'accepted', is_seed: true, author_participant_id: null, author_user_id: authorUserId })
              .onConflict((oc) => oc.columns(['conversation_id', 'text_key']).where('text_key', 'is not', null).doNothing())
              .returning('number')
              .executeTakeFirst();
            if (!row) {
              repeated.index = i;
              throw repeated;
            }
            numbers.push(row.number);
          }
          return { numbers };
        });
      } catch (error) {
        if (error === repeated) return { duplicate: repeated.index };
        throw error;
      }
    },

    /** Statements waiting for a moderator in conversations of these processes (or all: null), oldest first. */
    pendingStatements(processIds: readonly string[] | null) {
      let q = db
        .selectFrom('conversation_statements as s')
        .innerJoin('conversations as c', 'c.id', 's.conversation_id')
        .select(['s.id', 's.created_at'])
        .where('s.moderation', '=', 'unmoderated');
      if (processIds) {
        if (processIds.length === 0) return Promise.resolve([]);
        q = q.where('c.process_id', 'in', processIds);
      }
      return q.orderBy('s.created_at').orderBy('s.id').execute();
    },

    async setModeration(statementId: number, moderation: StatementModeration) {
      await db.updateTable('conversation_statements').set({ moderation }).where('id', '=', statementId).execute();
    },

    /** The participant for a person or an anonymous visitor, created on first use. */
    async participantId(conversationId: string, who: { userId: string } | { anonKey: string }): Promise<number> {
      const column = 'userId' in who ? 'user_id' : 'anon_key';
      const value = 'userId' in who ? who.userId : who.anonKey;
      const found = await db.selectFrom('conversation_participants').select('id').where('conversation_id', '=', conversationId).where(column, '=', value).executeTakeFirst();
      if (found) return found.id;
      const inserted = await db
        .insertInto('conversation_participants')
        .values({ conversation_id: conversationId, user_id: 'userId' in who ? who.userId : null, anon_key: 'anonKey' in who ? who.anonKey : null })
        .onConflict((oc) => oc.columns(['conversation_id', column]).where(column, 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return inserted.id;
      const again = await db.selectFrom('conversation_participants').select('id').where('conversation_id', '=', conversationId).where(column, '=', value).executeTakeFirstOrThrow();
      return again.id;
    },

    /** The participant for a person or visitor, if they have taken part. */
    async existingParticipant(conversationId: string, who: { userId: string } | { anonKey: string }): Promise<number | null> {
      const column = 'userId' in who ? 'user_id' : 'anon_key';
      const value = 'userId' in who ? who.userId : who.anonKey;
      const found = await db.selectFrom('conversation_participants').select('id').where('conversation_id', '=', conversationId).where(column, '=', value).executeTakeFirst();
      return found?.id ?? null;
    },

    /**
     * The one write of the vote path: insert, or overwrite an earlier vote (a re-vote, as in Pol.is). Votes
     * cast together are one multi-row statement in one transaction (group commit), and each resolves once that
     * transaction is committed to disk: an acknowledged vote survives a crash. A voter's two votes on one
     * statement never share a batch, so the later one is stored last.
     */
    upsertVote(conversationId: string, participantId: number, statementId: number, vote: number): Promise<void> {
      return votes.write({ conversationId, participantId, statementId, vote });
    },

    async votesOf(participantId: number) {
      return db.selectFrom('conversation_votes').select(['statement_id', 'vote']).where('participant_id', '=', participantId).execute();
    },

    /** Votes changed after `seq`, oldest change first, with the statement number (for the recompute). */
    votesSince(conversationId: string, seq: number) {
      return db
        .selectFrom('conversation_votes')
        .innerJoin('conversation_statements', 'conversation_statements.id', 'conversation_votes.statement_id')
        .select(['conversation_votes.participant_id', 'conversation_statements.number', 'conversation_votes.vote', 'conversation_votes.seq'])
        .where('conversation_votes.conversation_id', '=', conversationId)
        .where('conversation_votes.seq', '>', seq)
        .orderBy('conversation_votes.seq')
        .execute();
    },

    /** Every vote for the export, in the order cast. */
    allVotes(conversationId: string) {
      return db
        .selectFrom('conversation_votes')
        .innerJoin('conversation_statements', 'conversation_statements.id', 'conversation_votes.statement_id')
        .select(['conversation_votes.participant_id', 'conversation_statements.number', 'conversation_votes.vote', 'conversation_votes.voted_at'])
        .where('conversation_votes.conversation_id', '=', conversationId)
        .orderBy('conversation_votes.voted_at')
        .orderBy('conversation_votes.seq')
        .execute();
    },

    participants(conversationId: string) {
      return db.selectFrom('conversation_participants').select(['id', 'external_id', 'user_id']).where('conversation_id', '=', conversationId).orderBy('id').execute();
    },

    async hasVotes(conversationId: string): Promise<boolean> {
      return (await db.selectFrom('conversation_votes').select('participant_id').where('conversation_id', '=', conversationId).limit(1).executeTakeFirst()) !== undefined;
    },

    /** People who took part with an account (to notify them of what came of it). */
    async participantUsers(conversationId: string): Promise<string[]> {
      const rows = await db.selectFrom('conversation_participants').select('user_id').where('conversation_id', '=', conversationId).where('user_id', 'is not', null).execute();
      return rows.map((r) => r.user_id).filter((id): id is string => id !== null);
    },

    /**
     * Writes an imported history in one transaction: statements by their own numbers, participants by their
     * external ids, and each participant's latest vote per statement.
     */
    async importHistory(
      conversationId: string,
      statements: readonly { number: number; body: string; moderation: StatementModeration; isMeta: boolean; author: string | null; createdAt: Date | null }[],
      votes: readonly { participant: string; statement: number; vote: number; at: Date | null }[],
    ): Promise<{ statements: number; participants: number; votes: number } | null> {
      return db.transaction().execute(async (trx) => {
        await trx.selectFrom('conversations').select('id').where('id', '=', conversationId).forUpdate().execute();
        const existing = await trx.selectFrom('conversation_statements').select('id').where('conversation_id', '=', conversationId).limit(1).executeTakeFirst();
        if (existing) return null;
        const people = new Set<string>();
        for (const s of statements) if (s.author !== null) people.add(s.author);
        for (const v of votes) people.add(v.participant);
        const externalIds = [...people];
        const pids = new Map<string, number>();
        for (let i = 0; i < externalIds.length; i += 5000) {
          const chunk = externalIds.slice(i, i + 5000);
          const rows = await sql<{ id: number; external_id: string }>`INSERT INTO conversation_participants (conversation_id, external_id)
            SELECT ${conversationId}::uuid, x FROM unnest(${chunk}::text[]) AS x RETURNING id, external_id`.execute(trx);
          for (const r of rows.rows) pids.set(r.external_id, Number(r.id));
        }
        const sids = new Map<number, number>();
        for (let i = 0; i < statements.length; i += 2000) {
          const chunk = statements.slice(i, i + 2000);
          const rows = await sql<{ id: number; number: number }>`INSERT INTO conversation_statements
              (conversation_id, number, body, moderation, is_meta, author_participant_id, created_at)
            SELECT ${conversationId}::uuid, n, b, m, meta, a, coalesce(t, now())
            FROM unnest(${chunk.map((s) => s.number)}::int[], ${chunk.map((s) => s.body)}::text[], ${chunk.map((s) => s.moderation)}::text[],
                        ${chunk.map((s) => s.isMeta)}::boolean[], ${chunk.map((s) => (s.author === null ? null : (pids.get(s.author) ?? null)))}::bigint[],
                        ${chunk.map((s) => s.createdAt?.toISOString() ?? null)}::timestamptz[]) AS u(n, b, m, meta, a, t)
            RETURNING id, number`.execute(trx);
          for (const r of rows.rows) sids.set(r.number, Number(r.id));
        }
        for (let i = 0; i < votes.length; i += 20000) {
          const chunk = votes.slice(i, i + 20000);
          await sql`INSERT INTO conversation_votes (participant_id, statement_id, conversation_id, vote, voted_at)
            SELECT p, s, ${conversationId}::uuid, v, coalesce(t, now())
            FROM unnest(${chunk.map((v) => pids.get(v.participant) ?? 0)}::bigint[], ${chunk.map((v) => sids.get(v.statement) ?? 0)}::bigint[],
                        ${chunk.map((v) => v.vote)}::smallint[], ${chunk.map((v) => v.at?.toISOString() ?? null)}::timestamptz[]) AS u(p, s, v, t)`.execute(trx);
        }
        return { statements: statements.length, participants: pids.size, votes: votes.length };
      });
    },

    storedRevision(conversationId: string) {
      return db.selectFrom('conversation_results').select(['revision', 'votes_seen']).where('conversation_id', '=', conversationId).executeTakeFirst();
    },

    storedView(conversationId: string) {
      return db.selectFrom('conversation_results').select(['revision', 'votes_seen', 'computed_at', 'view']).where('conversation_id', '=', conversationId).executeTakeFirst();
    },

    storedResult(conversationId: string) {
      return db.selectFrom('conversation_results').select(['revision', 'votes_seen', 'result']).where('conversation_id', '=', conversationId).executeTakeFirst();
    },

    /** Stores a recompute's result and tells every server's listeners in the same transaction. */
    async storeResult(conversationId: string, input: { revision: number; votesSeen: number; view: unknown; result: unknown }, channel: string) {
      await db.transaction().execute(async (trx) => {
        // A result is derived from the votes: one lost in a crash is recomputed, so the commit need not wait for the disk.
        await sql`SET LOCAL synchronous_commit TO OFF`.execute(trx);
        await trx
          .insertInto('conversation_results')
          .values({ conversation_id: conversationId, revision: input.revision, votes_seen: input.votesSeen, view: JSON.stringify(input.view), result: JSON.stringify(input.result) })
          // The (large) JSON is sent once: the update takes it from the row that was to be inserted.
          .onConflict((oc) =>
            oc.column('conversation_id').doUpdateSet((eb) => ({
              revision: eb.ref('excluded.revision'),
              votes_seen: eb.ref('excluded.votes_seen'),
              computed_at: eb.ref('excluded.computed_at'),
              view: eb.ref('excluded.view'),
              result: eb.ref('excluded.result'),
            })),
          )
          .execute();
        // Every revision's view is kept, so a report can be opened again for the revision it named.
        await trx
          .insertInto('conversation_result_revisions')
          .values({ conversation_id: conversationId, revision: input.revision, votes_seen: input.votesSeen, view: JSON.stringify(input.view) })
          .onConflict((oc) => oc.columns(['conversation_id', 'revision']).doNothing())
          .execute();
        // Delivered on commit, to every server that LISTENs.
        await sql`SELECT pg_notify(${channel}, ${JSON.stringify({ conversationId, revision: input.revision, votesSeen: input.votesSeen })})`.execute(trx);
      });
    },
  };
}

export type ConversationsRepository = ReturnType<typeof conversationsRepository>;

/** A conversation row as the repository returns it. */
export type ConversationRow = NonNullable<Awaited<ReturnType<ConversationsRepository['findConversation']>>>;
