import { sql, type Kysely } from 'kysely';

// Issue 19: authors (and signers) are told when a proposal's signing period ends short of its threshold. The
// moment they were told is kept on the proposal so that each is told once, whichever worker runs the job.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE proposals ADD COLUMN expiry_noticed_at timestamptz`.execute(db);
  await sql`CREATE INDEX proposals_expiry_due ON proposals (deadline) WHERE stage = 'collecting' AND expiry_noticed_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX proposals_expiry_due`.execute(db);
  await sql`ALTER TABLE proposals DROP COLUMN expiry_noticed_at`.execute(db);
}
