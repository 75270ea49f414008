import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Participatory budgeting, faster imports (issue 16's benchmark). Every ballot row paid for two real
// foreign-key checks (its budget, and its batch when it has one): for a 90,494-ballot Pabulib import the
// checks took about half of the insert. Now a ballot is checked once, by the key that fits it:
// - a batch ballot (paper, CSV, Pabulib) by (batch_id, budget_id, phase_id) → its batch, whose own key
//   (budget_id, phase_id) → the budget keeps the chain to the budget and its phase;
// - an online ballot by (online_budget_id, phase_id) → the budget, online_budget_id being budget_id for online
//   ballots and null for batch ones (a null key is not checked).
// The same rows stay refused as before (a ballot's budget must exist in its phase; a batch ballot's batch
// must exist, now also in the same budget), and deleting a budget or a batch still deletes its ballots.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE budget_batches ADD CONSTRAINT budget_batches_id_budget_phase UNIQUE (id, budget_id, phase_id)`.execute(db);
  await sql`ALTER TABLE budget_batches ADD CONSTRAINT budget_batches_budget_fk FOREIGN KEY (budget_id, phase_id) REFERENCES budget_budgets (id, phase_id) ON DELETE CASCADE`.execute(db);
  await sql`ALTER TABLE budget_ballots ADD COLUMN online_budget_id uuid GENERATED ALWAYS AS (CASE WHEN batch_id IS NULL THEN budget_id END) STORED`.execute(db);
  await sql`ALTER TABLE budget_ballots DROP CONSTRAINT budget_ballots_budget_fk, DROP CONSTRAINT budget_ballots_batch_id_fkey`.execute(db);
  await sql`ALTER TABLE budget_ballots ADD CONSTRAINT budget_ballots_online_budget_fk FOREIGN KEY (online_budget_id, phase_id) REFERENCES budget_budgets (id, phase_id) ON DELETE CASCADE`.execute(db);
  await sql`ALTER TABLE budget_ballots ADD CONSTRAINT budget_ballots_batch_fk FOREIGN KEY (batch_id, budget_id, phase_id) REFERENCES budget_batches (id, budget_id, phase_id) ON DELETE CASCADE`.execute(db);
  // Deleting a budget finds its online ballots here (batch ballots are found by budget_ballots_batch_idx);
  // batch ballots add nothing to this index.
  await sql`CREATE INDEX budget_ballots_online_budget_idx ON budget_ballots (online_budget_id, phase_id) WHERE online_budget_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX budget_ballots_online_budget_idx`.execute(db);
  await sql`ALTER TABLE budget_ballots DROP CONSTRAINT budget_ballots_batch_fk, DROP CONSTRAINT budget_ballots_online_budget_fk`.execute(db);
  await sql`ALTER TABLE budget_ballots DROP COLUMN online_budget_id`.execute(db);
  await sql`ALTER TABLE budget_ballots ADD CONSTRAINT budget_ballots_budget_fk FOREIGN KEY (budget_id, phase_id) REFERENCES budget_budgets (id, phase_id) ON DELETE CASCADE`.execute(db);
  await sql`ALTER TABLE budget_ballots ADD CONSTRAINT budget_ballots_batch_id_fkey FOREIGN KEY (batch_id) REFERENCES budget_batches (id) ON DELETE CASCADE`.execute(db);
  await sql`ALTER TABLE budget_batches DROP CONSTRAINT budget_batches_budget_fk, DROP CONSTRAINT budget_batches_id_budget_phase`.execute(db);
}
