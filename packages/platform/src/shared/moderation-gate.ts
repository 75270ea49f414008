import { fail, type Failure } from './result.ts';

/**
 * The kinds of content residents report and moderators act on (proposals joined with issue 19, comments on a
 * stakeholder panel's recommendations with issue 20).
 */
export const moderatedTypes = ['idea', 'comment', 'statement', 'proposal', 'recommendation_comment'] as const;
/** A kind of moderated content. */
export type ModeratedType = (typeof moderatedTypes)[number];

/**
 * What modules that take residents' content ask the moderation module, which comes after them in the module
 * order and is wired in by platform.ts: whether a person is blocked now, and an author's request that a
 * hidden item be looked at again.
 */
export interface ModerationGate {
  /** The block in force on this person, if any. */
  blockOf(userId: string): Promise<{ readonly until: Date } | null>;
  /** Puts a hidden item back in the moderators' queue, as its author asked. */
  requestReview(item: { readonly type: ModeratedType; readonly id: string; readonly processId: string | null; readonly authorId: string }): Promise<void>;
}

/** The refusal for a blocked person: `AccountBlocked`, saying until when (YYYY-MM-DD). */
export function blockedFailure(block: { readonly until: Date }): Failure {
  return fail('AccountBlocked', [{ field: 'account', message: 'moderation.blockedUntil', params: { until: block.until.toISOString().slice(0, 10) } }]);
}
