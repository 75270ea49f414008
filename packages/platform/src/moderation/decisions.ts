import { staffRoles, type Actor } from '../accounts/accounts.policy.ts';
import { moderatedTypes, type ModeratedType } from '../shared/moderation-gate.ts';
import { fail, ok, type ErrorCode, type FieldError, type Result } from '../shared/result.ts';
import type { ItemKey } from './moderation.repository.ts';
import type { ModerationContext, ModerationItem } from './moderation.context.ts';
import { moderationPolicy } from './moderation.policy.ts';

/** Lengths of a moderator's reason, and of a block. */
export const decisionLimits = { reason: { min: 3, max: 500 }, blockDays: { min: 1, max: 365 } };

/** One item's outcome in a bulk action. */
export interface BulkOutcome {
  readonly type: ModeratedType;
  readonly id: string;
  readonly ok: boolean;
  readonly failure?: { readonly code: ErrorCode; readonly fields: readonly FieldError[] };
}

/** A moderator's reason: required, within the limits. */
function reasonOf(value: unknown, errors: FieldError[]): string {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length < decisionLimits.reason.min) errors.push({ field: 'reason', message: 'field.reasonRequired' });
  else if (reason.length > decisionLimits.reason.max) errors.push({ field: 'reason', message: 'field.tooLong', params: { max: decisionLimits.reason.max } });
  return reason;
}

/** What moderators do with an item: approve, hide with a reason, restore, block its author; and in bulk. */
export function decisionUseCases(ctx: ModerationContext) {
  const { deps, repo, gate, loadItem, latestDecisions, alreadyHandled } = ctx;

  /** The item, after the policy and type checks; or why not. */
  async function itemFor(actor: Actor | null, type: unknown, id: string): Promise<Result<{ actor: Actor; item: ModerationItem; openReports: number }>> {
    if (!actor) return fail('NotSignedIn');
    if (!moderationPolicy.moderate(actor)) return fail('Forbidden');
    if (!(moderatedTypes as readonly unknown[]).includes(type)) return fail('ValidationFailed', [{ field: 'type', message: 'field.oneOf', params: { choices: moderatedTypes.join(', ') } }]);
    const item = await loadItem({ type: type as ModeratedType, id });
    if (!item) return fail('NotFound');
    const openReports = (await repo.openReports({ items: [{ type: item.type, id: item.id }], processIds: null })).length;
    return ok({ actor, item, openReports });
  }

  /** Records the decision and its audit entry, and closes the item's reports. */
  async function decide(actor: Actor, item: ModerationItem, action: 'approved' | 'hidden' | 'restored', reason: string | null): Promise<void> {
    const key: ItemKey = { type: item.type, id: item.id };
    const at = deps.clock();
    await repo.resolveReports(key, actor.id, at);
    await repo.addDecision({ item: key, processId: item.processId, authorId: item.authorId, action, actorId: actor.id, reason, at });
    await deps.audit.record({ actorId: actor.id, action: `moderation.${action}`, subjectType: item.type, subjectId: item.id, details: reason ? { reason } : {} });
  }

  /** Shows or hides an item in the module that holds it. */
  async function setHidden(actor: Actor, item: ModerationItem, reason: string | null): Promise<void> {
    if (item.type === 'statement') {
      await deps.conversations.setStatementHidden(Number(item.id), reason !== null);
      if (reason !== null && item.authorId && item.conversationId) {
        await deps.notifications.notify({
          userIds: [item.authorId],
          kind: 'statement_hidden',
          subjectType: 'conversation',
          subjectId: item.conversationId,
          payload: { reason, question: item.title, statement: item.body, ...(item.link ? { link: item.link } : {}) },
        });
      }
    } else if (item.type === 'proposal') await deps.proposals.setProposalHidden(item.id, reason === null ? null : { reason, by: actor.id });
    else if (item.type === 'recommendation_comment') {
      await deps.recommendationComments.setRecommendationCommentHidden(item.id, reason === null ? null : { reason, by: actor.id });
      // Its author is told, with the reason, and led to the recommendation where the reason stands in its place.
      if (reason !== null && item.authorId) {
        await deps.notifications.notify({ userIds: [item.authorId], kind: 'comment_hidden', subjectType: 'recommendation_comment', subjectId: item.id, payload: { reason, ...(item.link ? { link: item.link } : {}) } });
      }
    }
    else await deps.ideas.setHidden(item.type, item.id, reason === null ? null : { reason, by: actor.id });
  }

  const useCases = {
    /**
     * Approves an item in the queue: its reports are dismissed and, if it waited for pre-screening, it is
     * published. `AlreadyHandled` (who did what, when) when nothing about it waits any more.
     */
    async approveItem(actor: Actor | null, input: { type: unknown; id: string }): Promise<Result<null>> {
      const found = await itemFor(actor, input.type, input.id);
      if (!found.ok) return found;
      const { item } = found.value;
      if (item.hidden || (found.value.openReports === 0 && !item.awaitingScreening)) {
        return alreadyHandled((await latestDecisions([item])).get(`${item.type}:${item.id}`));
      }
      if (item.awaitingScreening) {
        if (item.type === 'statement') await deps.conversations.setStatementHidden(Number(item.id), false);
        else if (item.type === 'idea' || item.type === 'comment') await deps.ideas.publishScreened(item.id);
      }
      await decide(found.value.actor, item, 'approved', null);
      return ok(null);
    },

    /**
     * Hides an item with a reason shown to its author, who is told (ideas and comments) and may edit it and
     * ask for review. An item already hidden is refused (`AlreadyHandled`) unless its author asked for review.
     */
    async hideItem(actor: Actor | null, input: { type: unknown; id: string; reason: unknown }): Promise<Result<null>> {
      const errors: FieldError[] = [];
      const reason = reasonOf(input.reason, errors);
      const found = await itemFor(actor, input.type, input.id);
      if (!found.ok) return found;
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const { item } = found.value;
      const latest = (await latestDecisions([item])).get(`${item.type}:${item.id}`);
      if (item.hidden && latest?.action !== 'review_requested') return alreadyHandled(latest);
      await setHidden(found.value.actor, item, reason);
      await decide(found.value.actor, item, 'hidden', reason);
      return ok(null);
    },

    /** Shows a hidden item again. `AlreadyHandled` when it is not hidden (someone restored it, or never hid it). */
    async restoreItem(actor: Actor | null, input: { type: unknown; id: string }): Promise<Result<null>> {
      const found = await itemFor(actor, input.type, input.id);
      if (!found.ok) return found;
      const { item } = found.value;
      if (!item.hidden) return alreadyHandled((await latestDecisions([item])).get(`${item.type}:${item.id}`));
      await setHidden(found.value.actor, item, null);
      await decide(found.value.actor, item, 'restored', null);
      return ok(null);
    },

    /**
     * Blocks the item's author from posting, commenting, supporting and voting for a number of days, with a
     * reason. Staff accounts and one's own account cannot be blocked (Forbidden, saying why).
     */
    async blockAuthor(actor: Actor | null, input: { type: unknown; id: string; days: unknown; reason: unknown }): Promise<Result<{ until: Date }>> {
      const errors: FieldError[] = [];
      const reason = reasonOf(input.reason, errors);
      const days = typeof input.days === 'number' ? input.days : typeof input.days === 'string' && /^\d{1,3}$/.test(input.days) ? Number(input.days) : NaN;
      if (!Number.isInteger(days) || days < decisionLimits.blockDays.min || days > decisionLimits.blockDays.max) {
        errors.push({ field: 'days', message: 'moderation.block.days', params: { min: decisionLimits.blockDays.min, max: decisionLimits.blockDays.max } });
      }
      const found = await itemFor(actor, input.type, input.id);
      if (!found.ok) return found;
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const { item } = found.value;
      if (!item.authorId) return fail('NotFound');
      if (item.authorId === found.value.actor.id) return fail('Forbidden', [{ field: 'account', message: 'moderation.block.self' }]);
      const roles = await deps.accounts.rolesOf(item.authorId);
      if (roles.some((r) => staffRoles.includes(r))) return fail('Forbidden', [{ field: 'account', message: 'moderation.block.staff' }]);
      const until = new Date(deps.clock().getTime() + days * 86_400_000);
      await repo.addBlock({ userId: item.authorId, blockedBy: found.value.actor.id, reason, endsAt: until, at: deps.clock() });
      gate.forgetBlocks();
      await deps.audit.record({ actorId: found.value.actor.id, action: 'moderation.account_blocked', subjectType: 'user', subjectId: item.authorId, details: { reason, days, itemType: item.type, itemId: item.id } });
      return ok({ until });
    },

    /**
     * Approves or hides many items at once (a busy queue); each is checked and audited as if done alone, and
     * the answer says which succeeded and why the others did not.
     */
    async bulkModerate(actor: Actor | null, input: { action: unknown; items: readonly { type: unknown; id: string }[]; reason?: unknown }): Promise<Result<{ outcomes: BulkOutcome[] }>> {
      if (!actor) return fail('NotSignedIn');
      if (!moderationPolicy.moderate(actor)) return fail('Forbidden');
      const errors: FieldError[] = [];
      if (input.action !== 'approve' && input.action !== 'hide') errors.push({ field: 'action', message: 'field.oneOf', params: { choices: 'approve, hide' } });
      if (input.items.length === 0) errors.push({ field: 'items', message: 'moderation.bulk.noneChosen' });
      if (input.action === 'hide') reasonOf(input.reason, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const outcomes: BulkOutcome[] = [];
      for (const one of input.items) {
        const result = input.action === 'hide' ? await useCases.hideItem(actor, { type: one.type, id: one.id, reason: input.reason }) : await useCases.approveItem(actor, one);
        const type = (moderatedTypes as readonly unknown[]).includes(one.type) ? (one.type as ModeratedType) : 'idea';
        outcomes.push(result.ok ? { type, id: one.id, ok: true } : { type, id: one.id, ok: false, failure: { code: result.code, fields: result.fields ?? [] } });
      }
      return ok({ outcomes });
    },
  };
  return useCases;
}
