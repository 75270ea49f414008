import { sql, type Kysely } from 'kysely';

// Issue 20: opinion groups are shown only once they say something. Per conversation: the votes a participant
// needs to be placed on the map (Pol.is: 7) and the smallest group shown (Pol.is: 3).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE conversations
    ADD COLUMN min_votes integer NOT NULL DEFAULT 7 CHECK (min_votes BETWEEN 1 AND 100),
    ADD COLUMN min_group_size integer NOT NULL DEFAULT 3 CHECK (min_group_size BETWEEN 2 AND 100)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE conversations DROP COLUMN min_votes, DROP COLUMN min_group_size`.execute(db);
}
