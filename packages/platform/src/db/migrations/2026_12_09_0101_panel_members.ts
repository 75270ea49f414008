import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Panel members and decisions (issue 18, part 4):
// - a quorum per panel (null: two thirds of the members, rounded up) and, on each closed vote, the members and
//   quorum it was held against; a vote short of its quorum is 'no_quorum' (not decided);
// - who entered a registration for someone on the phone or at a desk, and by which channel;
// - a registration session (an event) that lifts the per-address limit on the panel's registration form until
//   a set time, and who switched it on;
// - who added a named administrator, and when.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE panels
      ADD COLUMN quorum integer,
      ADD COLUMN registration_session_until timestamptz,
      ADD COLUMN registration_session_by uuid REFERENCES users (id) ON DELETE SET NULL,
      ADD CONSTRAINT panels_quorum_range CHECK (quorum IS NULL OR quorum BETWEEN 1 AND 1000)`.execute(db);

  await sql`
    ALTER TABLE panel_recommendations
      DROP CONSTRAINT panel_recommendations_status_known,
      ADD CONSTRAINT panel_recommendations_status_known CHECK (status IN ('drafting', 'voting', 'adopted', 'not_adopted', 'no_quorum')),
      ADD COLUMN members integer,
      ADD COLUMN quorum integer`.execute(db);

  await sql`
    ALTER TABLE panel_respondents
      ADD COLUMN channel text NOT NULL DEFAULT 'self',
      ADD COLUMN entered_by uuid REFERENCES users (id) ON DELETE SET NULL,
      ADD CONSTRAINT panel_respondents_channel_known CHECK (channel IN ('self', 'phone', 'desk'))`.execute(db);

  await sql`
    ALTER TABLE panel_staff
      ADD COLUMN added_by uuid REFERENCES users (id) ON DELETE SET NULL,
      ADD COLUMN added_at timestamptz NOT NULL DEFAULT now()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE panel_staff DROP COLUMN added_at, DROP COLUMN added_by`.execute(db);
  await sql`
    ALTER TABLE panel_respondents
      DROP CONSTRAINT panel_respondents_channel_known,
      DROP COLUMN entered_by,
      DROP COLUMN channel`.execute(db);
  await sql`UPDATE panel_recommendations SET status = 'not_adopted' WHERE status = 'no_quorum'`.execute(db);
  await sql`
    ALTER TABLE panel_recommendations
      DROP COLUMN quorum,
      DROP COLUMN members,
      DROP CONSTRAINT panel_recommendations_status_known,
      ADD CONSTRAINT panel_recommendations_status_known CHECK (status IN ('drafting', 'voting', 'adopted', 'not_adopted'))`.execute(db);
  await sql`
    ALTER TABLE panels
      DROP CONSTRAINT panels_quorum_range,
      DROP COLUMN registration_session_by,
      DROP COLUMN registration_session_until,
      DROP COLUMN quorum`.execute(db);
}
