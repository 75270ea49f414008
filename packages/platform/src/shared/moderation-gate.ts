import { fail, type Failure } from './result.ts';

/**
 * The kinds of content residents report and moderators act on (proposals joined with issue 19, comments on a
 * stakeholder panel's recommendations with issue 20).
 */
export const moderatedTypes = ['idea', 'comment', 'statement', 'proposal', 'recommendation_comment'] as const;
/** A kind of moderated content. */
export type ModeratedType = (typeof moderatedTypes)[number];

/**
 * What moderators did with some items, from the moderation module's own record: how many were reported (and
 * in how many reports), and how many a moderator approved, hid, and showed again after hiding. Each item
 * counts once per kind of decision, however often it was taken.
 */
export interface ModerationRecord {
  readonly reported: number;
  readonly reports: number;
  readonly approved: number;
  readonly hidden: number;
  readonly restored: number;
}

/**
 * What modules that take residents' content ask the moderation module, which comes after them in the module
 * order and is wired in by platform.ts: whether a person is blocked now, and an author's request that a
 * hidden item be looked at again, and what moderators did with a set of items.
 */
export interface ModerationGate {
  /** The block in force on this person, if any. */
  blockOf(userId: string): Promise<{ readonly until: Date } | null>;
  /** Puts a hidden item back in the moderators' queue, as its author asked. */
  requestReview(item: { readonly type: ModeratedType; readonly id: string; readonly processId: string | null; readonly authorId: string }): Promise<void>;
  /** What was reported, approved, hidden and restored among these items of one kind (for a report). */
  recordOf(type: ModeratedType, ids: readonly string[]): Promise<ModerationRecord>;
}

/** The refusal for a blocked person: `AccountBlocked`, saying until when (YYYY-MM-DD). */
export function blockedFailure(block: { readonly until: Date }): Failure {
  return fail('AccountBlocked', [{ field: 'account', message: 'moderation.blockedUntil', params: { until: block.until.toISOString().slice(0, 10) } }]);
}
