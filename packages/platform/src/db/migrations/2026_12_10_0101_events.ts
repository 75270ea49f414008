import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Events with sign-up (issue 19, part 2): meetings in a process's event phase or on their own, with a capacity,
// a waiting list kept in the order people signed up, registration questions, reminders the day before,
// attendance, and the ideas staff entered from the meeting.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      process_id uuid REFERENCES processes (id) ON DELETE CASCADE,
      phase_id uuid REFERENCES phases (id) ON DELETE SET NULL,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      time_zone text NOT NULL,
      place_kind text NOT NULL DEFAULT 'address',
      address text NOT NULL DEFAULT '',
      online_url text,
      accessibility text NOT NULL DEFAULT '',
      capacity integer,
      registration_deadline timestamptz,
      questions jsonb NOT NULL DEFAULT '[]',
      minutes text NOT NULL DEFAULT '',
      minutes_published_at timestamptz,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT events_ends_after_start CHECK (ends_at > starts_at),
      CONSTRAINT events_capacity_positive CHECK (capacity IS NULL OR capacity >= 1),
      CONSTRAINT events_place_kind_known CHECK (place_kind IN ('address', 'online')),
      CONSTRAINT events_online_has_url CHECK (place_kind <> 'online' OR online_url IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX events_starts_idx ON events (starts_at)`.execute(db);
  await sql`CREATE INDEX events_process_idx ON events (process_id, starts_at)`.execute(db);

  // One row per person and event; a cancelled registration stays (status 'cancelled') and signing up again
  // takes a new place in line (a new seq).
  await sql`CREATE SEQUENCE event_registrations_seq`.execute(db);
  await sql`
    CREATE TABLE event_registrations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      status text NOT NULL,
      seq bigint NOT NULL DEFAULT nextval('event_registrations_seq'),
      answers jsonb NOT NULL DEFAULT '{}',
      registered_at timestamptz NOT NULL DEFAULT now(),
      promoted_at timestamptz,
      cancelled_at timestamptz,
      reminded_at timestamptz,
      attended boolean,
      CONSTRAINT event_registrations_status_known CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
      CONSTRAINT event_registrations_once UNIQUE (event_id, user_id)
    )`.execute(db);
  await sql`CREATE INDEX event_registrations_line_idx ON event_registrations (event_id, status, seq)`.execute(db);
  await sql`CREATE INDEX event_registrations_user_idx ON event_registrations (user_id)`.execute(db);

  await sql`
    CREATE TABLE event_ideas (
      event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
      idea_id uuid NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
      entered_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT event_ideas_pk PRIMARY KEY (event_id, idea_id)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE event_ideas`.execute(db);
  await sql`DROP TABLE event_registrations`.execute(db);
  await sql`DROP SEQUENCE event_registrations_seq`.execute(db);
  await sql`DROP TABLE events`.execute(db);
}
