import type { Actor } from '../accounts/accounts.policy.ts';
import { blockedFailure } from '../shared/moderation-gate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { ideaLimits, text, type IdeasContext } from './ideas.context.ts';

/** Comments on ideas and replies to them. */
export function commentUseCases(ctx: IdeasContext) {
  const { deps, repo, visibleIdea, openIdeasPhase } = ctx;
  return {
    /** Comments on an idea, or replies to a comment, while the phase is open. */
    async postComment(actor: Actor | null, input: { ideaId: string; parentId?: unknown; body: unknown }): Promise<Result<{ id: string }>> {
      if (!actor) return fail('NotSignedIn');
      const confirmed = await deps.accounts.requireConfirmed(actor);
      if (!confirmed.ok) return confirmed;
      const blocked = await deps.gate.blockOf(actor.id);
      if (blocked) return blockedFailure(blocked);
      const row = await visibleIdea(actor, input.ideaId);
      if (!row || row.hidden_at || row.screening !== 'published') return fail('NotFound');
      const phase = await openIdeasPhase(row.phase_id);
      if (!phase.ok) return phase;
      const errors: FieldError[] = [];
      const body = text(input.body, 'body', ideaLimits.comment, errors);
      let parentId: string | null = null;
      if (typeof input.parentId === 'string' && input.parentId !== '') {
        const parent = await repo.findComment(input.parentId);
        if (!parent || parent.idea_id !== input.ideaId) errors.push({ field: 'parentId', message: 'field.idInvalid' });
        else parentId = parent.parent_id ?? parent.id; // replies stay one level deep
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const id = await repo.insertComment({ ideaId: input.ideaId, parentId, authorId: actor.id, body });
      await deps.audit.record({ actorId: actor.id, action: 'comment.posted', subjectType: 'idea', subjectId: input.ideaId, details: { commentId: id } });
      return ok({ id });
    },
  };
}
