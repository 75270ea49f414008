import { sql, type Kysely } from 'kysely';

// Near-duplicate ideas (issue 21): a moderator merges one idea into another (its supports, follows and comments
// move to the kept idea, and it keeps a link to it), or says a suggested pair is not a duplicate, which is
// remembered so the pair is never suggested again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('ideas')
    .addColumn('merged_into', 'uuid', (c) => c.references('ideas.id').onDelete('set null'))
    .addColumn('merged_at', 'timestamptz')
    .execute();
  await sql`ALTER TABLE ideas ADD CONSTRAINT ideas_not_merged_into_itself CHECK (merged_into IS NULL OR merged_into <> id)`.execute(db);
  await sql`CREATE INDEX ideas_merged_into_idx ON ideas (merged_into) WHERE merged_into IS NOT NULL`.execute(db);
  await db.schema
    .createTable('idea_duplicate_dismissals')
    // The pair in id order, so one row stands for both orders.
    .addColumn('idea_a', 'uuid', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('idea_b', 'uuid', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('dismissed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('dismissed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idea_duplicate_dismissals_pkey', ['idea_a', 'idea_b'])
    .addCheckConstraint('idea_duplicate_dismissals_ordered', sql`idea_a < idea_b`)
    .execute();
  await sql`CREATE INDEX idea_duplicate_dismissals_b_idx ON idea_duplicate_dismissals (idea_b)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idea_duplicate_dismissals').execute();
  await sql`DROP INDEX IF EXISTS ideas_merged_into_idx`.execute(db);
  await sql`ALTER TABLE ideas DROP CONSTRAINT IF EXISTS ideas_not_merged_into_itself`.execute(db);
  await db.schema.alterTable('ideas').dropColumn('merged_into').dropColumn('merged_at').execute();
}
