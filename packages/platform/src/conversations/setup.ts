import type { Actor } from '../accounts/index.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { ConversationsContext } from './conversations.context.ts';
import { conversationsPolicy } from './conversations.policy.ts';
import { conversationLimits, type ConversationView, type StatementView } from './conversations.types.ts';
import { checkStatement, statementKey } from './statements.ts';

/** Setting up a conversation: its settings, seed statements, and moderation of participants' statements. */
export function setupUseCases(ctx: ConversationsContext) {
  const { deps, repo } = ctx;

  /** Checks, then records a moderator's decision on the statement `find` gives, and recomputes the map. */
  async function moderate(
    actor: Actor | null,
    decision: unknown,
    find: () => Promise<{ id: number; conversation_id: string; number: number } | undefined>,
  ): Promise<Result<null>> {
    if (!conversationsPolicy.moderate(actor)) return fail('Forbidden');
    if (decision !== 'accepted' && decision !== 'rejected') return fail('ValidationFailed', [{ field: 'decision', message: 'field.unknownChoice' }]);
    const statement = await find();
    if (!statement) return fail('NotFound');
    await repo.setModeration(statement.id, decision);
    ctx.rows.forgetStatements(statement.conversation_id);
    await deps.audit.record({ actorId: actor?.id ?? null, action: `conversation.statement_${decision}`, subjectType: 'conversation', subjectId: statement.conversation_id, details: { number: statement.number } });
    ctx.triggerRecompute(statement.conversation_id);
    return ok(null);
  }

  return {
    /** The conversation of a conversation phase, if any. */
    async conversationForPhase(actor: Actor | null, phaseId: string): Promise<ConversationView | null> {
      const row = await repo.findByPhase(phaseId);
      if (!row || !(await ctx.visible(actor, row.id))) return null;
      return ctx.present(row);
    },

    /** A conversation by id, if the actor may see it. */
    async getConversation(actor: Actor | null, conversationId: string): Promise<Result<ConversationView>> {
      const row = await ctx.visible(actor, conversationId);
      if (!row) return fail('NotFound');
      return ok(await ctx.present(row));
    },

    /** Every conversation of a process (the process page links them). */
    async conversationsOfProcess(processId: string): Promise<ConversationView[]> {
      return Promise.all((await repo.listForProcess(processId)).map(ctx.present));
    },

    /** Creates or updates the conversation of a conversation phase (process managers). */
    async setUpConversation(
      actor: Actor | null,
      phaseId: string,
      input: { question: unknown; description?: unknown; allowAnonymous?: unknown; allowStatements?: unknown; preModeration?: unknown; minVotes?: unknown; minGroupSize?: unknown; closed?: unknown },
    ): Promise<Result<{ id: string }>> {
      if (!conversationsPolicy.manage(actor)) return fail('Forbidden');
      const found = await deps.processes.getPhase(phaseId);
      if (!found || found.phase.method !== 'conversation') return fail('NotFound');
      const errors: FieldError[] = [];
      const question = typeof input.question === 'string' ? input.question.trim() : '';
      if (question === '') errors.push({ field: 'question', message: 'field.required' });
      else if (question.length > conversationLimits.question) errors.push({ field: 'question', message: 'field.tooLong', params: { max: conversationLimits.question } });
      const description = typeof input.description === 'string' ? input.description.trim() : '';
      if (description.length > conversationLimits.description) errors.push({ field: 'description', message: 'field.tooLong', params: { max: conversationLimits.description } });
      // Left out: Pol.is's defaults (7 votes to be placed, groups of at least 3 shown).
      const whole = (field: string, value: unknown, fallback: number, min: number): number => {
        if (value === undefined || value === null || value === '') return fallback;
        const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
        if (!Number.isInteger(n) || n < min || n > 100) errors.push({ field, message: 'field.between', params: { min, max: 100 } });
        return n;
      };
      const minVotes = whole('minVotes', input.minVotes, 7, 1);
      const minGroupSize = whole('minGroupSize', input.minGroupSize, 3, 2);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const flag = (v: unknown) => v === true || v === 'on' || v === 'true';
      const settings = {
        question,
        description,
        allowAnonymous: flag(input.allowAnonymous),
        allowStatements: input.allowStatements === undefined ? true : flag(input.allowStatements),
        preModeration: flag(input.preModeration),
        minVotes,
        minGroupSize,
      };
      const existing = await repo.findByPhase(phaseId);
      let id: string;
      if (existing) {
        id = existing.id;
        await repo.updateConversation(id, { ...settings, closed: flag(input.closed) });
      } else {
        id = (await repo.insertConversation({ phaseId, processId: found.process.id, ...settings, createdBy: actor?.id ?? null })) ?? (await repo.findByPhase(phaseId))?.id ?? '';
      }
      ctx.rows.forgetConversation(id);
      // New thresholds change who is placed and which groups show: the map is recomputed.
      if (existing && (existing.min_votes !== minVotes || existing.min_group_size !== minGroupSize)) ctx.triggerRecompute(id);
      await deps.audit.record({ actorId: actor?.id ?? null, action: existing ? 'conversation.updated' : 'conversation.created', subjectType: 'conversation', subjectId: id });
      return ok({ id });
    },

    /** Statements of a conversation: everyone sees votable ones; moderators also see waiting and rejected ones. */
    async listStatements(actor: Actor | null, conversationId: string): Promise<Result<StatementView[]>> {
      const row = await ctx.visible(actor, conversationId);
      if (!row) return fail('NotFound');
      const all = await ctx.rows.statements(conversationId);
      const moderator = conversationsPolicy.moderate(actor);
      return ok(all.filter((s) => moderator || ctx.votable(row, s)).map(ctx.presentStatement));
    },

    /** A seed statement from the manager: accepted at once, open or not. */
    async addSeedStatement(actor: Actor | null, conversationId: string, body: unknown): Promise<Result<{ number: number }>> {
      if (!conversationsPolicy.manage(actor)) return fail('Forbidden');
      const row = await ctx.rows.conversation(conversationId);
      if (!row) return fail('NotFound');
      const text = typeof body === 'string' ? body.trim() : '';
      const check = checkStatement(text);
      if (check) return fail('ValidationFailed', [check]);
      const inserted = await repo.insertStatement({ conversationId, body: text, textKey: statementKey(text), moderation: 'accepted', isSeed: true, authorParticipantId: null, authorUserId: actor?.id ?? null });
      if (!inserted) return fail('ValidationFailed', [{ field: 'body', message: 'conversations.statement.duplicate' }]);
      ctx.rows.forgetStatements(conversationId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'conversation.seed_added', subjectType: 'conversation', subjectId: conversationId, details: { number: inserted.number } });
      return ok({ number: inserted.number });
    },

    /** A moderator accepts or rejects a statement. */
    async moderateStatement(actor: Actor | null, statementId: number, decision: unknown): Promise<Result<null>> {
      return moderate(actor, decision, () => repo.findStatement(statementId));
    },

    /** A moderator accepts or rejects the statement with this number in this conversation (as the API and pages name it). */
    async moderateStatementNumber(actor: Actor | null, conversationId: string, number: number, decision: unknown): Promise<Result<null>> {
      return moderate(actor, decision, async () => {
        const statement = (await repo.statements(conversationId)).find((s) => s.number === number);
        return statement && { ...statement, conversation_id: conversationId };
      });
    },

    /**
     * A statement as the moderation module sees it (it checks its own policy first): its conversation and
     * process and page, author and text, and whether it is hidden (rejected) or waits for a moderator.
     */
    async statementForModeration(statementId: number) {
      const statement = await repo.findStatement(statementId);
      if (!statement) return null;
      const conversation = await ctx.rows.conversation(statement.conversation_id);
      if (!conversation) return null;
      const process = await deps.processes.getProcessById(conversation.process_id);
      return {
        id: statement.id,
        /** The conversation's page, where the statement is voted on. */
        link: process ? `/processes/${process.slug}/conversation/${conversation.phase_id}` : null,
        number: statement.number,
        conversationId: statement.conversation_id,
        processId: conversation.process_id,
        question: conversation.question,
        authorId: statement.author_user_id,
        body: statement.body,
        hidden: statement.moderation === 'rejected',
        awaitingModeration: statement.moderation === 'unmoderated',
        createdAt: statement.created_at,
      };
    },

    /** Statements waiting for a moderator (pre-moderation on) in these processes' conversations (or all: null). */
    async pendingStatements(processIds: readonly string[] | null): Promise<{ id: string; createdAt: Date }[]> {
      return (await repo.pendingStatements(processIds)).map((s) => ({ id: String(s.id), createdAt: s.created_at }));
    },

    /** Hides a statement (rejected: out of voting and the opinion map) or shows it again, and recomputes the map. */
    async setStatementHidden(statementId: number, hidden: boolean): Promise<void> {
      const statement = await repo.findStatement(statementId);
      if (!statement) return;
      await repo.setModeration(statement.id, hidden ? 'rejected' : 'accepted');
      ctx.rows.forgetStatements(statement.conversation_id);
      ctx.triggerRecompute(statement.conversation_id);
    },

    /** Statements waiting for a moderator, across the process's conversations. */
    async moderationQueue(actor: Actor | null, conversationId: string): Promise<Result<StatementView[]>> {
      if (!conversationsPolicy.moderate(actor)) return fail('Forbidden');
      return ok((await repo.statements(conversationId)).filter((s) => s.moderation === 'unmoderated').map(ctx.presentStatement));
    },
  };
}
