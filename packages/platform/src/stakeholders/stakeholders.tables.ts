import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, Date | string | undefined, never>;

/** A fact's review: waiting, sent back for changes, on the fact sheet, or refused with a reason. */
export type FactStatus = 'submitted' | 'changes_requested' | 'approved' | 'rejected';

/** A panel's support threshold: a share of its members (percent) or a number of them. */
export type SupportKind = 'share' | 'count';

/** The decision-maker's answer to a recommendation. */
export type RecommendationDecision = 'accepted' | 'partly' | 'rejected';

export interface StakeholderPanelsTable {
  id: Generated<string>;
  phase_id: string;
  process_id: string;
  /** How many others each invited stakeholder may invite in turn. */
  invite_limit: ColumnType<number, number | undefined, number>;
  /** How the support a recommendation needs is counted: a share of members in percent, or a number of members. */
  support_kind: ColumnType<SupportKind, SupportKind | undefined, SupportKind>;
  support_value: ColumnType<number, number | undefined, number>;
  created_at: Created;
}

export interface StakeholdersTable {
  id: Generated<string>;
  panel_id: string;
  role: string;
  invited_by_stakeholder: string | null;
  invited_by_user: string | null;
  user_id: string | null;
  name: string | null;
  speaks_for: string | null;
  introduction: string | null;
  invites_left: ColumnType<number, number | undefined, number>;
  token_hash: string | null;
  invited_at: Created;
  joined_at: Date | null;
}

export interface StakeholderInvitationEmailsTable {
  stakeholder_id: string;
  panel_id: string;
  email: string;
}

export interface StakeholderStepsTable {
  id: Generated<string>;
  panel_id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  happens_on: string;
  created_at: Created;
}

export interface FactsTable {
  id: Generated<string>;
  panel_id: string;
  number: number;
  stakeholder_id: string | null;
  disputes_fact_id: string | null;
  title: string;
  body: string;
  status: ColumnType<FactStatus, FactStatus | undefined, FactStatus>;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: Created;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FactSourcesTable {
  id: Generated<string>;
  fact_id: string;
  kind: 'link' | 'document';
  title: string;
  url: string | null;
  /** The uploaded document itself (document sources only). */
  file_id: ColumnType<string | null, string | null | undefined, string | null>;
  position: number;
}

export interface StakeholderMeetingsTable {
  id: Generated<string>;
  panel_id: string;
  title: string;
  starts_at: Date;
  stream_url: string | null;
  /** The agenda's items, one per line, in order. */
  agenda: ColumnType<string, string | undefined, string>;
  minutes: ColumnType<string, string | undefined, string>;
  /** Where the meeting happens when it is not (only) streamed. */
  place: ColumnType<string | null, string | null | undefined, string | null>;
  /** The agenda item (its position, from 0) on now, as the facilitator marks it during the meeting. */
  now_on: ColumnType<number | null, number | null | undefined, number | null>;
  minutes_published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Created;
}

export interface RecommendationsTable {
  id: Generated<string>;
  panel_id: string;
  meeting_id: string | null;
  number: number;
  title: string;
  body: string;
  drafted_by: string | null;
  /** The current version's number (its text is `title` and `body`). */
  version: ColumnType<number, number | undefined, number>;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  sent_by: ColumnType<string | null, string | null | undefined, string | null>;
  decision: RecommendationDecision | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Created;
}

export interface RecommendationLinksTable {
  recommendation_id: string;
  kind: 'statement' | 'fact';
  target_id: string;
}

export interface RecommendationVersionsTable {
  recommendation_id: string;
  version: number;
  title: string;
  body: string;
  author_id: string | null;
  created_at: Created;
}

export interface RecommendationCommentsTable {
  id: Generated<string>;
  recommendation_id: string;
  /** The comment this one answers (threads are one level deep). */
  parent_id: string | null;
  author_id: string | null;
  body: string;
  hidden_at: Date | null;
  hidden_by: string | null;
  hidden_reason: string | null;
  created_at: Created;
}

export interface RecommendationSupportsTable {
  recommendation_id: string;
  stakeholder_id: string;
  /** The version supported: support given to an earlier version no longer counts. */
  version: number;
  created_at: Created;
}

export interface StakeholdersTables {
  stakeholder_panels: StakeholderPanelsTable;
  stakeholders: StakeholdersTable;
  stakeholder_invitation_emails: StakeholderInvitationEmailsTable;
  stakeholder_steps: StakeholderStepsTable;
  facts: FactsTable;
  fact_sources: FactSourcesTable;
  stakeholder_meetings: StakeholderMeetingsTable;
  recommendations: RecommendationsTable;
  recommendation_links: RecommendationLinksTable;
  recommendation_versions: RecommendationVersionsTable;
  recommendation_comments: RecommendationCommentsTable;
  recommendation_supports: RecommendationSupportsTable;
}
