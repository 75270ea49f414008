import { sql, type Kysely } from 'kysely';

// Issue 18, part 3: recruitment in rounds. A round is a seeded draw from the register stratified by area (and
// age band and sex when the register has them), with a reserve drawn at the same time and invited only when
// released; each round has its reply date and a contact for the letters. The register keeps the optional age
// band and sex columns; invitations know their round, whether they are in the reserve and when released.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE panel_invitation_rounds (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
      number integer NOT NULL CHECK (number >= 1),
      seed text NOT NULL,
      strata jsonb NOT NULL,
      reply_by date,
      contact_name text NOT NULL DEFAULT '',
      contact_phone text NOT NULL DEFAULT '',
      contact_email text NOT NULL DEFAULT '',
      drawn_at timestamptz NOT NULL DEFAULT now(),
      drawn_by uuid REFERENCES users (id) ON DELETE SET NULL,
      CONSTRAINT panel_invitation_rounds_number_unique UNIQUE (panel_id, number)
    )`.execute(db);
  await sql`ALTER TABLE panel_register ADD COLUMN age_band text NOT NULL DEFAULT '', ADD COLUMN sex text NOT NULL DEFAULT ''`.execute(db);
  await sql`
    ALTER TABLE panel_invitations
      ADD COLUMN round integer NOT NULL DEFAULT 1,
      ADD COLUMN stratum text NOT NULL DEFAULT '',
      ADD COLUMN reserve boolean NOT NULL DEFAULT false,
      ADD COLUMN released_at timestamptz`.execute(db);
  await sql`CREATE INDEX panel_invitations_round_idx ON panel_invitations (panel_id, round, position)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX panel_invitations_round_idx`.execute(db);
  await sql`ALTER TABLE panel_invitations DROP COLUMN round, DROP COLUMN stratum, DROP COLUMN reserve, DROP COLUMN released_at`.execute(db);
  await sql`ALTER TABLE panel_register DROP COLUMN age_band, DROP COLUMN sex`.execute(db);
  await sql`DROP TABLE panel_invitation_rounds`.execute(db);
}
