import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
type Created = ColumnType<Date, Date | string | undefined, never>;
type Stamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** One value of a category: its quota, and how many people in the population have it (census). */
export interface PanelCategoryValue {
  readonly value: string;
  readonly min: number;
  readonly max: number;
  /** Population count from the census table, when imported; used to suggest quotas and on the result page. */
  readonly population: number | null;
}

/** A category (gender, age band, area …); registration asks one question per category. */
export interface PanelCategory {
  readonly name: string;
  readonly values: readonly PanelCategoryValue[];
}

/** What the selection job reports while it runs and once it is done. */
export type PanelSelection =
  | { readonly state: 'queued' | 'running'; readonly progress: string; readonly startedAt: string }
  | {
      readonly state: 'infeasible';
      readonly detail: string;
      readonly relaxation: readonly { category: string; value: string; bound: 'min' | 'max'; from: number; to: number }[];
      readonly finishedAt: string;
    }
  | { readonly state: 'failed'; readonly detail: string; readonly finishedAt: string }
  | {
      readonly state: 'ready';
      readonly algorithm: string;
      readonly poolSize: number;
      readonly minProbability: number;
      readonly maxProbability: number;
      /** Respondent number → selection probability. */
      readonly probabilities: Readonly<Record<string, number>>;
      readonly m: number;
      readonly maxDeviation: number;
      readonly seconds: number;
      /** Seconds LEXIMIN itself took (the rest of `seconds` is rounding to the list; absent in older selections). */
      readonly algorithmSeconds?: number;
      readonly finishedAt: string;
      /** SHA-256 of the pseudonymous pool the lottery was computed from (absent in selections made before it was kept). */
      readonly poolHash?: string;
    };

/**
 * What an announced draw fixes for its public record: the pseudonymous pool (respondent numbers, category
 * values, households as opaque labels under the household rule), the quotas, k, the rule and the algorithm.
 */
export interface PanelAnnouncement {
  readonly algorithm: { readonly name: string; readonly version: string };
  readonly k: number;
  readonly householdRule: boolean;
  readonly categories: readonly { readonly name: string; readonly values: readonly { readonly value: string; readonly min: number; readonly max: number }[] }[];
  readonly pool: readonly { readonly id: string; readonly values: Readonly<Record<string, string>>; readonly household?: string }[];
}

export const sessionModes = ['in_person', 'online', 'hybrid'] as const;
export type SessionMode = (typeof sessionModes)[number];
export const respondentStatuses = ['pool', 'selected', 'confirmed', 'dropped_out'] as const;
export type RespondentStatus = (typeof respondentStatuses)[number];
export const itemKinds = ['material', 'presentation', 'submission', 'note'] as const;
export type ItemKind = (typeof itemKinds)[number];
/** 'no_quorum': the vote closed with fewer members voting than the panel's quorum, so nothing was decided. */
export const recommendationStatuses = ['drafting', 'voting', 'adopted', 'not_adopted', 'no_quorum'] as const;
export type RecommendationStatus = (typeof recommendationStatuses)[number];
export const voteChoices = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof voteChoices)[number];
export const decisions = ['accepted', 'partly_accepted', 'rejected'] as const;
export type Decision = (typeof decisions)[number];
/** How a registration reached the pool: the person's own form, or staff entering it for them. */
export const registrationChannels = ['self', 'phone', 'desk'] as const;
export type RegistrationChannel = (typeof registrationChannels)[number];

export interface PanelsTable {
  id: Generated<string>;
  process_id: string;
  title: string;
  size: ColumnType<number, number | undefined, number>;
  household_rule: ColumnType<boolean, boolean | undefined, boolean>;
  approval_percent: ColumnType<number, number | undefined, number>;
  categories: ColumnType<PanelCategory[], string | undefined, string>;
  consent_text: ColumnType<string, string | undefined, string>;
  ends_on: string | null;
  delete_pool_on: string | null;
  invitation_seed: string | null;
  invitations_drawn_at: Stamp;
  stratify_by_area: ColumnType<boolean, boolean | undefined, boolean>;
  selection: ColumnType<PanelSelection | null, string | null | undefined, string | null>;
  selection_job_id: string | null;
  lottery_text: string | null;
  lottery_hash: string | null;
  /** When the draw was announced: the list's and the pool's hashes published, the seed's source fixed. */
  hash_published_at: Stamp;
  seed_source: string | null;
  seed_not_before: Stamp;
  pool_hash: string | null;
  announcement: ColumnType<PanelAnnouncement | null, string | null | undefined, string | null>;
  /** The seed's value, entered once after `seed_not_before`. */
  public_seed: string | null;
  drawn_index: number | null;
  drawn_at: Stamp;
  report_published_at: Stamp;
  pool_deleted_at: Stamp;
  created_by: string | null;
  created_at: Created;
  /** Members who must vote for a decision; null: two thirds of the members, rounded up. */
  quorum: ColumnType<number | null, number | null | undefined, number | null>;
  /** Until when a registration session (an event) lifts the per-address limit on the registration form. */
  registration_session_until: Stamp;
  registration_session_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PanelStaffTable {
  panel_id: string;
  user_id: string;
  role: 'administrator' | 'facilitator';
  added_by: ColumnType<string | null, string | null | undefined, string | null>;
  added_at: Created;
}

export interface PanelSessionsTable {
  id: Generated<string>;
  panel_id: string;
  title: string;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  ends_at: ColumnType<Date, Date | string, Date | string>;
  mode: SessionMode;
  place: ColumnType<string, string | undefined, string>;
  stream_url: ColumnType<string, string | undefined, string>;
  programme: ColumnType<string, string | undefined, string>;
}

export interface PanelRegisterTable {
  id: ColumnType<string, never, never>;
  panel_id: string;
  line: number;
  person_ref: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  area: string;
  household: string;
  /** Optional register columns for stratifying the invitation rounds ('' when the register has none). */
  age_band: ColumnType<string, string | undefined, string>;
  sex: ColumnType<string, string | undefined, string>;
}

export interface PanelInvitationsTable {
  id: Generated<string>;
  panel_id: string;
  register_id: string;
  position: number;
  code: string;
  area: string;
  responded_at: Stamp;
  /** The invitation round (1, 2, …). */
  round: ColumnType<number, number | undefined, number>;
  /** The stratum the invitation was drawn in (`stratumKey` of @tingsted/sortition; '' before rounds). */
  stratum: ColumnType<string, string | undefined, string>;
  /** Drawn into the round's reserve: invited (lettered) only once released. */
  reserve: ColumnType<boolean, boolean | undefined, boolean>;
  released_at: Stamp;
}

/** A stratum's numbers in a round: letters and reserve. */
export interface RoundStratum {
  readonly area: string;
  readonly ageBand: string;
  readonly sex: string;
  readonly count: number;
  readonly reserve: number;
}

export interface PanelInvitationRoundsTable {
  id: ColumnType<string, never, never>;
  panel_id: string;
  number: number;
  seed: string;
  strata: ColumnType<readonly RoundStratum[], string, string>;
  reply_by: ColumnType<string | null, string | null | undefined, string | null>;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  drawn_at: Generated<Date>;
  drawn_by: string | null;
}

export interface PanelRespondentsTable {
  id: Generated<string>;
  panel_id: string;
  number: number;
  invitation_id: string | null;
  answers: Json<Record<string, string>>;
  household: string | null;
  status: ColumnType<RespondentStatus, RespondentStatus | undefined, RespondentStatus>;
  confirm_token_hash: string | null;
  user_id: string | null;
  public_name: string | null;
  registered_at: Created;
  selected_at: Stamp;
  confirmed_at: Stamp;
  left_at: Stamp;
  channel: ColumnType<RegistrationChannel, RegistrationChannel | undefined, RegistrationChannel>;
  /** The staff member who entered a phone or desk registration. */
  entered_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PanelContactsTable {
  respondent_id: string;
  name: string;
  email: string;
  phone: ColumnType<string, string | undefined, string>;
  /** The language the person registered in (null: entered by staff, or before it was kept). */
  locale: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PanelReplacementsTable {
  id: Generated<string>;
  panel_id: string;
  dropped_number: number;
  replacement_number: number;
  seed: string;
  reason: ColumnType<string, string | undefined, string>;
  by_user: string | null;
  at: Created;
}

export interface PanelItemsTable {
  id: Generated<string>;
  panel_id: string;
  session_id: string | null;
  kind: ItemKind;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  link: ColumnType<string, string | undefined, string>;
  source: ColumnType<string, string | undefined, string>;
  small_group: ColumnType<string, string | undefined, string>;
  author_id: string | null;
  created_at: Created;
}

export interface PanelRecommendationsTable {
  id: Generated<string>;
  panel_id: string;
  number: number;
  title: string;
  body: string;
  status: ColumnType<RecommendationStatus, RecommendationStatus | undefined, RecommendationStatus>;
  yes_votes: ColumnType<number, number | undefined, number>;
  no_votes: ColumnType<number, number | undefined, number>;
  abstentions: ColumnType<number, number | undefined, number>;
  /** Members on the panel and the quorum when the vote closed (null before, and on votes closed before quorums). */
  members: ColumnType<number | null, number | null | undefined, number | null>;
  quorum: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: string | null;
  created_at: Created;
}

export interface PanelAmendmentsTable {
  id: Generated<string>;
  recommendation_id: string;
  body: string;
  rationale: ColumnType<string, string | undefined, string>;
  status: ColumnType<'proposed' | 'accepted' | 'rejected', 'proposed' | 'accepted' | 'rejected' | undefined, 'proposed' | 'accepted' | 'rejected'>;
  author_id: string | null;
  created_at: Created;
}

export interface PanelVotesTable {
  recommendation_id: string;
  respondent_id: string;
  choice: VoteChoice;
  at: Created;
}

export interface PanelResponsesTable {
  recommendation_id: string;
  decision: Decision;
  reasons: string;
  decided_on: string;
  progress_percent: number | null;
  progress_note: ColumnType<string, string | undefined, string>;
  answered_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PanelFollowersTable {
  panel_id: string;
  user_id: string;
}

export interface PanelsTables {
  panels: PanelsTable;
  panel_staff: PanelStaffTable;
  panel_sessions: PanelSessionsTable;
  panel_register: PanelRegisterTable;
  panel_invitations: PanelInvitationsTable;
  panel_invitation_rounds: PanelInvitationRoundsTable;
  panel_respondents: PanelRespondentsTable;
  panel_contacts: PanelContactsTable;
  panel_replacements: PanelReplacementsTable;
  panel_items: PanelItemsTable;
  panel_recommendations: PanelRecommendationsTable;
  panel_amendments: PanelAmendmentsTable;
  panel_votes: PanelVotesTable;
  panel_responses: PanelResponsesTable;
  panel_followers: PanelFollowersTable;
}
