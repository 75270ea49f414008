import type { Actor } from '../accounts/index.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { ConversationsContext } from './conversations.context.ts';
import { conversationsPolicy } from './conversations.policy.ts';
import { checkStatement, statementKey } from './statements.ts';

/** Seed statements in bulk, all or none. */
export function seedingUseCases(ctx: ConversationsContext) {
  const { deps, repo } = ctx;
  return {
    /**
     * Several seed statements from the manager, accepted at once, all or none: a statement that is too short,
     * too long, or repeats one already there (or an earlier one of the batch) refuses the batch, naming it
     * `bodies.N` (N from 0).
     */
    async addSeedStatements(actor: Actor | null, conversationId: string, bodies: readonly unknown[]): Promise<Result<{ numbers: number[] }>> {
      if (!conversationsPolicy.manage(actor)) return fail('Forbidden');
      const row = await ctx.rows.conversation(conversationId);
      if (!row) return fail('NotFound');
      if (bodies.length === 0) return fail('ValidationFailed', [{ field: 'bodies', message: 'field.required' }]);
      const texts = bodies.map((body) => (typeof body === 'string' ? body.trim() : ''));
      const errors: FieldError[] = [];
      for (const [i, text] of texts.entries()) {
        const check = checkStatement(text);
        if (check) errors.push({ ...check, field: `bodies.${i}` });
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const inserted = await repo.insertSeedStatements(conversationId, texts.map((body) => ({ body, textKey: statementKey(body) })), actor?.id ?? null);
      if ('duplicate' in inserted) return fail('ValidationFailed', [{ field: `bodies.${inserted.duplicate}`, message: 'conversations.statement.duplicate' }]);
      ctx.rows.forgetStatements(conversationId);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'conversation.seeds_added', subjectType: 'conversation', subjectId: conversationId, details: { numbers: inserted.numbers } });
      return ok(inserted);
    },
  };
}
