import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { ideasPolicy } from './ideas.policy.ts';
import { ideaLimits, text, type IdeasContext } from './ideas.context.ts';

/** Moderation: flags from residents, hiding with a reason, pre-screening and the queue. */
export function moderationUseCases(ctx: IdeasContext) {
  const { deps, repo } = ctx;
  return {
    /** Reports an idea or comment to the moderators. */
    async flag(actor: Actor | null, input: { target: unknown; id: string; reason: unknown }): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (input.target !== 'idea' && input.target !== 'comment') return fail('ValidationFailed', [{ field: 'target', message: 'field.invalid' }]);
      const errors: FieldError[] = [];
      const reason = text(input.reason, 'reason', ideaLimits.reason, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const found = input.target === 'idea' ? await repo.findIdea(input.id) : await repo.findComment(input.id);
      if (!found) return fail('NotFound');
      await repo.addFlag(input.target, input.id, actor.id, reason);
      return ok(null);
    },

    /** A moderator hides an idea or comment; the reason is shown to its author, who is told. */
    async hide(actor: Actor | null, input: { target: unknown; id: string; reason: unknown }): Promise<Result<null>> {
      if (!ideasPolicy.moderate(actor) || !actor) return fail('Forbidden');
      if (input.target !== 'idea' && input.target !== 'comment') return fail('ValidationFailed', [{ field: 'target', message: 'field.invalid' }]);
      const errors: FieldError[] = [];
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (reason.length < ideaLimits.reason.min) errors.push({ field: 'reason', message: 'field.reasonRequired' });
      if (reason.length > ideaLimits.reason.max) errors.push({ field: 'reason', message: 'field.tooLong', params: { max: ideaLimits.reason.max } });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      let authorId: string | null;
      let ideaId: string;
      if (input.target === 'idea') {
        const row = await repo.findIdea(input.id);
        if (!row) return fail('NotFound');
        authorId = row.author_id;
        ideaId = row.id;
      } else {
        const comment = await repo.findComment(input.id);
        if (!comment) return fail('NotFound');
        authorId = comment.author_id;
        ideaId = comment.idea_id;
      }
      await repo.hide(input.target, input.id, reason, actor.id);
      await deps.audit.record({ actorId: actor.id, action: `${input.target}.hidden`, subjectType: input.target, subjectId: input.id, details: { reason } });
      if (authorId) {
        await deps.notifications.notify({ userIds: [authorId], kind: input.target === 'idea' ? 'idea_hidden' : 'comment_hidden', subjectType: 'idea', subjectId: ideaId, payload: { reason } });
      }
      return ok(null);
    },

    /** A moderator publishes or refuses an idea waiting for pre-screening. */
    async screenIdea(actor: Actor | null, ideaId: string, decision: unknown): Promise<Result<null>> {
      if (!ideasPolicy.moderate(actor)) return fail('Forbidden');
      if (decision !== 'published' && decision !== 'refused') return fail('ValidationFailed', [{ field: 'decision', message: 'field.invalid' }]);
      const row = await repo.findIdea(ideaId);
      if (!row) return fail('NotFound');
      await repo.setScreening(ideaId, decision);
      await deps.audit.record({ actorId: actor?.id ?? null, action: `idea.screening_${decision}`, subjectType: 'idea', subjectId: ideaId });
      return ok(null);
    },

    /** What moderators need to look at in a process. */
    async moderationQueue(actor: Actor | null, processId: string) {
      if (!ideasPolicy.moderate(actor)) return fail('Forbidden');
      return ok(await repo.moderationQueue(processId));
    },
  };
}
