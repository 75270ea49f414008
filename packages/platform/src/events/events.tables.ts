import type { ColumnType, Generated } from 'kysely';

export const placeKinds = ['address', 'online'] as const;
/** Where an event happens: at an address, or online (the link is shown only to people registered). */
export type PlaceKind = (typeof placeKinds)[number];

export const registrationStatuses = ['confirmed', 'waitlisted', 'cancelled'] as const;
/** A registration holds a seat, waits in line for one, or was cancelled. */
export type RegistrationStatus = (typeof registrationStatuses)[number];

export const questionKinds = ['short_text', 'choice'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** A question asked when signing up: a short text, or one of a few choices. */
export interface RegistrationQuestion {
  readonly id: string;
  readonly kind: QuestionKind;
  readonly label: string;
  readonly required: boolean;
  readonly choices: readonly string[];
}

type Json<T> = ColumnType<T, string | undefined, string>;

export interface EventsTable {
  id: Generated<string>;
  process_id: string | null;
  phase_id: string | null;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  starts_at: ColumnType<Date, Date, Date>;
  ends_at: ColumnType<Date, Date, Date>;
  time_zone: string;
  place_kind: ColumnType<PlaceKind, PlaceKind | undefined, PlaceKind>;
  address: ColumnType<string, string | undefined, string>;
  online_url: string | null;
  accessibility: ColumnType<string, string | undefined, string>;
  capacity: number | null;
  registration_deadline: Date | null;
  questions: Json<RegistrationQuestion[]>;
  minutes: ColumnType<string, string | undefined, string>;
  minutes_published_at: Date | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface EventRegistrationsTable {
  id: Generated<string>;
  event_id: string;
  user_id: string;
  status: RegistrationStatus;
  seq: Generated<string>;
  answers: Json<Record<string, string>>;
  registered_at: ColumnType<Date, Date | undefined, Date>;
  promoted_at: Date | null;
  cancelled_at: Date | null;
  reminded_at: Date | null;
  attended: boolean | null;
}

export interface EventIdeasTable {
  event_id: string;
  idea_id: string;
  entered_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface EventsTables {
  events: EventsTable;
  event_registrations: EventRegistrationsTable;
  event_ideas: EventIdeasTable;
}
