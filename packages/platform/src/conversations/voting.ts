import { createRandom, nextStatement } from '@tingsted/opinions';
import { blockedFailure } from '../shared/moderation-gate.ts';
import { createFloodGuard, voteFloodLimit } from '../shared/flood-guard.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { ConversationsContext } from './conversations.context.ts';
import type { StatementView, Voter } from './conversations.types.ts';

const voteValues: Record<string, -1 | 0 | 1> = { agree: 1, disagree: -1, pass: 0, '1': 1, '-1': -1, '0': 0 };

/**
 * Voting, one statement at a time in routing-priority order, as a signed-in person or (where the conversation
 * allows it) an anonymous visitor known by a cookie token.
 */
export function votingUseCases(ctx: ConversationsContext) {
  const { deps, repo } = ctx;
  const flood = createFloodGuard(voteFloodLimit);
  return {
    /**
     * Records a vote (agree / disagree / pass) on one statement; a second vote on the same statement replaces
     * the first. The write is one insert, committed to disk with the votes cast together (group commit) before
     * this returns; the recompute is asked for, rate-limited, and runs in the background. A voter (person or
     * anonymous visitor) voting faster than `voteFloodLimit` is `RateLimited`.
     */
    async castVote(voter: Voter, conversationId: string, input: { statement: unknown; vote: unknown }): Promise<Result<{ participant: number }>> {
      const row = await ctx.rows.conversation(conversationId);
      if (!row) return fail('NotFound');
      const person = ctx.who(voter, row);
      if (!person.ok) return person;
      const flooded = flood.take('userId' in person.value ? `u${person.value.userId}` : `a${person.value.anonKey}`);
      if (flooded) return flooded;
      const blocked = voter.actor ? await deps.gate.blockOf(voter.actor.id) : null;
      if (blocked) return blockedFailure(blocked);
      const found = await deps.processes.getPhase(row.phase_id);
      if (!found || found.process.status === 'draft') return fail('NotFound');
      if (found.phase.state !== 'open' || found.process.status !== 'published' || row.closed_at !== null) return fail('PhaseClosed');
      const vote = voteValues[String(input.vote)];
      const number = typeof input.statement === 'number' ? input.statement : typeof input.statement === 'string' && /^\d{1,9}$/.test(input.statement) ? Number(input.statement) : NaN;
      const statement = (await ctx.rows.statements(conversationId)).find((s) => s.number === number);
      const errors: FieldError[] = [];
      if (!statement || !ctx.votable(row, statement)) errors.push({ field: 'statement', message: 'field.unknownChoice' });
      if (vote === undefined) errors.push({ field: 'vote', message: 'field.unknownChoice' });
      if (errors.length > 0 || !statement || vote === undefined) return fail('ValidationFailed', errors);
      const participantId = await ctx.rows.participantId(row.id, person.value);
      await repo.upsertVote(conversationId, participantId, statement.id, vote);
      ctx.triggerRecompute(conversationId);
      return ok({ participant: participantId });
    },

    /**
     * The next statement for this voter in routing-priority order (Pol.is's, from the last stored result;
     * statements newer than that result are weighted from their counts so far), with progress. The choice is
     * seeded by the participant and their number of votes, so reloading the page shows the same statement.
     */
    async nextStatementFor(voter: Voter, conversationId: string): Promise<Result<{ statement: StatementView | null; voted: number; total: number }>> {
      const row = await ctx.visible(voter.actor, conversationId);
      if (!row) return fail('NotFound');
      const participantId = await ctx.existingParticipant(row, voter);
      const { state, statements, voted } = await ctx.personalState(row, participantId, true);
      state.lastResult = await ctx.stored.result(conversationId);
      const total = statements.filter((s) => ctx.votable(row, s)).length;
      const pick = nextStatement(state, 'me', createRandom(`${conversationId}:${participantId ?? 'new'}:${voted}`), { strictModeration: row.pre_moderation });
      const statement = pick === null ? null : (statements.find((s) => s.number === Number(pick)) ?? null);
      return ok({ statement: statement ? ctx.presentStatement(statement) : null, voted, total });
    },
  };
}
