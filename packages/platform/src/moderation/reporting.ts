import type { Actor } from '../accounts/accounts.policy.ts';
import { moderatedTypes, type ModeratedType } from '../shared/moderation-gate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { ModerationContext } from './moderation.context.ts';
import { moderationPolicy } from './moderation.policy.ts';
import { reportReasons, type ReportReason } from './moderation.tables.ts';

/** The longest text a report may carry. */
export const reportTextMax = 1000;

/** Residents report items to the moderators. */
export function reportingUseCases(ctx: ModerationContext) {
  const { deps, repo, loadItem } = ctx;
  return {
    /**
     * Reports an idea, comment or statement with a reason (spam, abusive, personal data, off-topic, or other
     * with a text); once per person and item (`AlreadyReported` the second time). Only items the reporter
     * can see: hidden ones answer NotFound.
     */
    async reportContent(actor: Actor | null, input: { type: unknown; id: string; reason: unknown; text?: unknown }): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!moderationPolicy.report(actor)) return fail('Forbidden');
      if (!(moderatedTypes as readonly unknown[]).includes(input.type)) return fail('ValidationFailed', [{ field: 'type', message: 'field.oneOf', params: { choices: moderatedTypes.join(', ') } }]);
      const type = input.type as ModeratedType;
      const errors: FieldError[] = [];
      const reason = typeof input.reason === 'string' ? input.reason : '';
      if (reason === '') errors.push({ field: 'reason', message: 'moderation.report.reasonRequired' });
      else if (!(reportReasons as readonly string[]).includes(reason)) errors.push({ field: 'reason', message: 'field.unknownChoice' });
      const text = typeof input.text === 'string' ? input.text.trim() : '';
      if (reason === 'other' && text === '') errors.push({ field: 'text', message: 'moderation.report.textRequired' });
      if (text.length > reportTextMax) errors.push({ field: 'text', message: 'field.tooLong', params: { max: reportTextMax } });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const item = await loadItem({ type, id: input.id });
      const own = item !== null && item.authorId === actor.id;
      if (!item || ((item.hidden || item.awaitingScreening) && !own)) return fail('NotFound');
      const added = await repo.addReport({ item: { type, id: item.id }, processId: item.processId, reporterId: actor.id, reason: reason as ReportReason, text: text === '' ? null : text, at: deps.clock() });
      if (!added) return fail('AlreadyReported', [{ field: 'reason', message: 'moderation.report.twice' }]);
      await deps.audit.record({ actorId: actor.id, action: 'moderation.reported', subjectType: type, subjectId: item.id, details: { reason } });
      return ok(null);
    },
  };
}
