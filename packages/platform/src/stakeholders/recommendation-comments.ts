import type { Actor } from '../accounts/index.ts';
import { blockedFailure } from '../shared/moderation-gate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { text, type StakeholdersContext } from './stakeholders.context.ts';
import { stakeholdersPolicy } from './stakeholders.policy.ts';
import { stakeholderLimits } from './stakeholders.types.ts';

/** Comments on a recommendation by its panel's members and facilitators, replies one level deep, and hiding one. */
export function recommendationCommentUseCases(ctx: StakeholdersContext) {
  const { deps, repo, recs } = ctx;
  return {
    /** Comments on a recommendation, or replies to a comment (members and facilitators; not while blocked). */
    async commentOnRecommendation(actor: Actor | null, recommendationId: string, input: { body: unknown; parentId?: unknown }): Promise<Result<{ id: string }>> {
      if (!actor) return fail('NotSignedIn');
      const rec = await repo.findRecommendation(recommendationId);
      if (!rec) return fail('NotFound');
      const me = await ctx.member(actor, rec.panel_id);
      if (!(me?.joined_at) && !stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const blocked = deps.gate ? await deps.gate.blockOf(actor.id) : null;
      if (blocked) return blockedFailure(blocked);
      const errors: FieldError[] = [];
      const body = text(input.body, 'body', stakeholderLimits.comment, errors);
      let parentId: string | null = null;
      if (typeof input.parentId === 'string' && input.parentId !== '') {
        const parent = /^[0-9a-f-]{36}$/.test(input.parentId) ? await recs.findComment(input.parentId) : undefined;
        if (!parent || parent.recommendation_id !== recommendationId) errors.push({ field: 'parentId', message: 'field.idInvalid' });
        else parentId = parent.parent_id ?? parent.id; // replies stay one level deep
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const id = await recs.insertComment({ recommendationId, parentId, authorId: actor.id, body });
      await deps.audit.record({ actorId: actor.id, action: 'stakeholders.recommendation_commented', subjectType: 'recommendation', subjectId: recommendationId, details: { commentId: id } });
      return ok({ id });
    },

    /**
     * A comment as the moderation module sees it (reported, in the moderators' queue): its process, author, the
     * recommendation's title, whether it is hidden, and its place on the recommendation's page. Null when unknown.
     */
    async recommendationCommentForModeration(commentId: string) {
      const comment = /^[0-9a-f-]{36}$/.test(commentId) ? await recs.findComment(commentId) : undefined;
      const rec = comment ? await repo.findRecommendation(comment.recommendation_id) : undefined;
      const panel = rec ? await repo.findPanel(rec.panel_id) : undefined;
      const process = panel ? await deps.processes.getProcessById(panel.process_id) : null;
      if (!comment || !rec || !panel || !process) return null;
      return {
        id: comment.id,
        processId: process.id,
        authorId: comment.author_id,
        recommendationTitle: rec.title,
        body: comment.body,
        hidden: comment.hidden_at ? { reason: comment.hidden_reason ?? '' } : null,
        createdAt: comment.created_at,
        link: `/processes/${process.slug}/stakeholders/recommendations/${rec.number}#comment-${comment.id}`,
      };
    },

    /** Hides a comment with a moderator's reason, or shows it again (null): the moderation module's decision. */
    async setRecommendationCommentHidden(commentId: string, hidden: { reason: string; by: string } | null): Promise<void> {
      if (hidden) await recs.hideComment(commentId, hidden.by, hidden.reason);
      else await recs.showComment(commentId);
    },

    /** Hides a comment with a reason shown in its place (facilitators, as moderators of the panel). */
    async hideRecommendationComment(actor: Actor | null, commentId: string, input: { reason: unknown }): Promise<Result<null>> {
      if (!stakeholdersPolicy.facilitate(actor)) return fail('Forbidden');
      const comment = await recs.findComment(commentId);
      if (!comment) return fail('NotFound');
      const errors: FieldError[] = [];
      const reason = text(input.reason, 'reason', stakeholderLimits.reason.max, errors, true, stakeholderLimits.reason.min);
      if (errors.length > 0) return fail('ValidationFailed', errors.map((e) => (e.message === 'field.required' ? { field: 'reason', message: 'field.reasonRequired' } : e)));
      if (!(await recs.hideComment(commentId, actor?.id ?? '', reason))) return fail('AlreadyHandled', [{ field: 'reason', message: 'stakeholders.comment.alreadyHidden' }]);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'stakeholders.recommendation_comment_hidden', subjectType: 'recommendation', subjectId: comment.recommendation_id, details: { commentId, reason } });
      return ok(null);
    },
  };
}
