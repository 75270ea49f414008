import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, Date | string | undefined, never>;

/** Why a resident reports an item: "other" needs a text. */
export const reportReasons = ['spam', 'abusive', 'personal_data', 'off_topic', 'other'] as const;
/** A report's reason. */
export type ReportReason = (typeof reportReasons)[number];

/** What a moderator (or, asking for review, an author) did with an item. */
export const decisionActions = ['approved', 'hidden', 'restored', 'review_requested'] as const;
/** A moderation decision. */
export type DecisionAction = (typeof decisionActions)[number];

/** The kinds of item, stored as text (a new kind needs only the check constraint widened). */
type TargetType = 'idea' | 'comment' | 'statement' | 'proposal' | 'recommendation_comment';

export interface ModerationReportsTable {
  id: Generated<string>;
  target_type: TargetType;
  /** The item's id as text (statements have integer ids). */
  target_id: string;
  process_id: string | null;
  reporter_id: string | null;
  reason: ReportReason;
  text: string | null;
  created_at: Created;
  resolved_at: Date | null;
  resolved_by: string | null;
}

export interface ModerationDecisionsTable {
  id: Generated<string>;
  /** bigint identity, read as a number: the order decisions were taken in. */
  seq: Generated<number>;
  target_type: TargetType;
  target_id: string;
  process_id: string | null;
  /** The item's author, for their history. */
  author_id: string | null;
  action: DecisionAction;
  actor_id: string | null;
  reason: string | null;
  created_at: Created;
}

export interface ModerationBlocksTable {
  id: Generated<string>;
  user_id: string;
  blocked_by: string | null;
  reason: string;
  ends_at: Date;
  created_at: Created;
  lifted_at: Date | null;
}

export interface ModerationTables {
  moderation_reports: ModerationReportsTable;
  moderation_decisions: ModerationDecisionsTable;
  moderation_blocks: ModerationBlocksTable;
}
