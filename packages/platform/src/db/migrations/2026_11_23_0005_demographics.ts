import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The municipality lists its areas (districts); residents may say which area they live in and their year
// of birth, so reports can show who took part. Both are optional personal data in a table of their own,
// deleted with the account.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE municipality ADD COLUMN areas jsonb NOT NULL DEFAULT '[]'::jsonb`.execute(db);
  await db.schema
    .createTable('resident_profiles')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('area', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('resident_profiles_birth_year_range', sql`birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('resident_profiles').execute();
  await sql`ALTER TABLE municipality DROP COLUMN areas`.execute(db);
}
