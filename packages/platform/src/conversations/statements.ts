import type { FieldError, Result } from '../shared/result.ts';
import { fail, ok } from '../shared/result.ts';
import { blockedFailure } from '../shared/moderation-gate.ts';
import type { ConversationsContext } from './conversations.context.ts';
import type { StatementModeration } from './conversations.tables.ts';
import { statementLimits, type Voter } from './conversations.types.ts';

/** Statements that differ only in case, spacing or final punctuation count as the same. */
export function statementKey(text: string): string {
  return text
    .toLocaleLowerCase('nb')
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[.!?…\s]+$/u, '')
    .trim();
}

/** The problem with a statement's text, if any: required, and within the statement limits. */
export function checkStatement(text: string): FieldError | null {
  if (text === '') return { field: 'body', message: 'field.required' };
  if (text.length < statementLimits.min) return { field: 'body', message: 'field.tooShort', params: { min: statementLimits.min } };
  if (text.length > statementLimits.max) return { field: 'body', message: 'field.tooLong', params: { max: statementLimits.max } };
  return null;
}

/** Participants' own statements. */
export function statementUseCases(ctx: ConversationsContext) {
  const { deps, repo } = ctx;
  return {
    /** How many votes and statements participants made in a phase's conversation: a phase with inputs is kept. */
    inputsOfPhase: (phaseId: string): Promise<number> => repo.inputsOfPhase(phaseId),

    /** A participant's own statement; it waits for a moderator when the manager chose pre-moderation. */
    async submitStatement(voter: Voter, conversationId: string, body: unknown): Promise<Result<{ number: number; awaitingModeration: boolean }>> {
      // A signed-in person's statement needs a confirmed address; anonymous ones follow the phase's rules.
      const confirmed = voter.actor ? await deps.accounts.requireConfirmed(voter.actor) : null;
      if (confirmed && !confirmed.ok) return confirmed;
      const row = await ctx.visible(voter.actor, conversationId);
      if (!row) return fail('NotFound');
      const person = ctx.who(voter, row);
      if (!person.ok) return person;
      const blocked = voter.actor ? await deps.gate.blockOf(voter.actor.id) : null;
      if (blocked) return blockedFailure(blocked);
      const view = await ctx.present(row);
      if (!view.open) return fail('PhaseClosed');
      if (!row.allow_statements) return fail('Forbidden');
      const text = typeof body === 'string' ? body.trim() : '';
      const check = checkStatement(text);
      if (check) return fail('ValidationFailed', [check]);
      const participantId = await ctx.rows.participantId(row.id, person.value);
      const moderation: StatementModeration = row.pre_moderation ? 'unmoderated' : 'accepted';
      const inserted = await repo.insertStatement({ conversationId, body: text, textKey: statementKey(text), moderation, isSeed: false, authorParticipantId: participantId, authorUserId: voter.actor?.id ?? null });
      if (!inserted) return fail('ValidationFailed', [{ field: 'body', message: 'conversations.statement.duplicate' }]);
      ctx.rows.forgetStatements(conversationId);
      await deps.audit.record({ actorId: voter.actor?.id ?? null, action: 'conversation.statement_submitted', subjectType: 'conversation', subjectId: conversationId, details: { number: inserted.number } });
      if (!row.pre_moderation) ctx.triggerRecompute(conversationId);
      return ok({ number: inserted.number, awaitingModeration: row.pre_moderation });
    },
  };
}

/** The number people see: statements are stored with Pol.is's ids (from 0) and shown from 1. */
export function shownNumber(number: number): number {
  return number + 1;
}
