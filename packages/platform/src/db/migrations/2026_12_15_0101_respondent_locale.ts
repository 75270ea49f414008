import { sql, type Kysely } from 'kysely';

// Issue 18, part 3: the "not selected this time" e-mail goes out in the language the person registered in, so
// the registration keeps it beside the contact details (deleted with them when the pool is deleted).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE panel_contacts ADD COLUMN locale text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE panel_contacts DROP COLUMN locale`.execute(db);
}
