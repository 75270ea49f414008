import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Participatory budgeting, issue 16: a Pabulib import stores each different ballot once with its weight (how
// many voters cast it) and the file's voter ids of all of them in order, instead of one row per voter. Łódź
// 2022's 90,494 ballots are 23,571 different ones: a quarter of the rows to write, index and group. Every other
// ballot (online, paper, CSV, and imports before this) is one row of weight 1 with its voter_ref as before.
// The voter ids stay per ballot, so the anonymised export still lists every ballot under its own id.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE budget_ballots ADD COLUMN weight integer NOT NULL DEFAULT 1, ADD COLUMN voter_refs text[]`.execute(db);
  await sql`
    ALTER TABLE budget_ballots ADD CONSTRAINT budget_ballots_weight CHECK (
      (voter_refs IS NULL AND weight = 1)
      OR (voter_refs IS NOT NULL AND source = 'pabulib' AND voter_ref IS NULL AND weight >= 1 AND cardinality(voter_refs) = weight)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Merged rows become one row per voter again before the columns go.
  await sql`
    INSERT INTO budget_ballots (phase_id, budget_id, voter_id, source, batch_id, voter_ref, projects, points, receipt, created_at, updated_at)
    SELECT b.phase_id, b.budget_id, b.voter_id, b.source, b.batch_id, r.ref, b.projects, b.points, b.receipt, b.created_at, b.updated_at
    FROM budget_ballots b, unnest(b.voter_refs) AS r(ref)
    WHERE b.voter_refs IS NOT NULL`.execute(db);
  await sql`DELETE FROM budget_ballots WHERE voter_refs IS NOT NULL`.execute(db);
  await sql`ALTER TABLE budget_ballots DROP CONSTRAINT budget_ballots_weight, DROP COLUMN voter_refs, DROP COLUMN weight`.execute(db);
}
