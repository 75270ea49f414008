import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, Date | string | undefined, never>;

/** Where a proposal is: a draft its authors write, collecting signatures, with the municipality, or answered. */
export const proposalStages = ['draft', 'collecting', 'submitted', 'answered'] as const;
/** A proposal's stage. */
export type ProposalStage = (typeof proposalStages)[number];

/** A proposals phase's rules, set by staff. */
export interface ProposalSettingsTable {
  phase_id: string;
  threshold: ColumnType<number, number | undefined, number>;
  signing_days: ColumnType<number, number | undefined, number>;
  answer_days: ColumnType<number, number | undefined, number>;
  min_age: number | null;
  /** Areas whose residents may sign; empty: anyone. */
  areas: ColumnType<string[], string[] | undefined, string[]>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProposalsTable {
  id: Generated<string>;
  process_id: string;
  phase_id: string;
  author_id: string | null;
  title: string;
  body: string;
  /** What the council should decide. */
  decision: string;
  area: string | null;
  stage: ColumnType<ProposalStage, ProposalStage | undefined, ProposalStage>;
  /** The status the municipality gave it (feedback's statuses). */
  status: ColumnType<string, string | undefined, string>;
  /** The threshold in force when it was published. */
  threshold: number | null;
  signature_count: ColumnType<number, number | undefined, number>;
  published_at: Date | null;
  deadline: Date | null;
  reached_at: Date | null;
  answer_due: Date | null;
  progress_percent: number | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  /** When its authors and signers were told that signing ended short of the threshold. */
  expiry_noticed_at: Date | null;
  created_at: Created;
}

export interface ProposalCoauthorsTable {
  proposal_id: string;
  email: string;
  user_id: string | null;
  invited_by: string | null;
  invited_at: Created;
  accepted_at: Date | null;
}

export interface ProposalSignaturesTable {
  proposal_id: string;
  user_id: string;
  show_name: boolean;
  /** The signer's area and year of birth when signing, for the counts per area and age group. */
  area: string | null;
  birth_year: number | null;
  created_at: Created;
}

export interface ProposalAnswersTable {
  id: Generated<string>;
  proposal_id: string;
  status: string;
  body: string | null;
  author_id: string | null;
  author_name: string;
  author_role: string;
  created_at: Created;
}

export interface ProposalMilestonesTable {
  id: Generated<string>;
  proposal_id: string;
  title: string;
  happened_on: string;
  progress_percent: number;
  author_id: string | null;
  created_at: Created;
}

export interface ProposalsTables {
  proposal_settings: ProposalSettingsTable;
  proposals: ProposalsTable;
  proposal_coauthors: ProposalCoauthorsTable;
  proposal_signatures: ProposalSignaturesTable;
  proposal_answers: ProposalAnswersTable;
  proposal_milestones: ProposalMilestonesTable;
}
