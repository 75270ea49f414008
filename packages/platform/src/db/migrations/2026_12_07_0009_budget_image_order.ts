import { sql, type Kysely } from 'kysely';

// Issue 16: staff put a budgeting project's own images in an order (the first is the one lists show). The order is
// the project's list of its image file ids; images not in it (added later) follow, oldest first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE budget_projects ADD COLUMN image_order uuid[] NOT NULL DEFAULT '{}'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE budget_projects DROP COLUMN image_order`.execute(db);
}
