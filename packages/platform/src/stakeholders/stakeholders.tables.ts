import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, Date | string | undefined, never>;

/** A fact's review: waiting, sent back for changes, on the fact sheet, or refused with a reason. */
export type FactStatus = 'submitted' | 'changes_requested' | 'approved' | 'rejected';

export interface StakeholderPanelsTable {
  id: Generated<string>;
  phase_id: string;
  process_id: string;
  /** How many others each invited stakeholder may invite in turn. */
  invite_limit: ColumnType<number, number | undefined, number>;
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
  agenda: ColumnType<string, string | undefined, string>;
  minutes: ColumnType<string, string | undefined, string>;
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
  decision: 'accepted' | 'rejected' | null;
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
}
