import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Staff's choices about a process's topics: a topic they renamed, merged, split or pinned is stored with the
// inputs it holds (by input key, `i:<idea id>` / `c:<comment id>`), so every later analysis run keeps it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analysis_topic_choices')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('members', 'jsonb', (c) => c.notNull())
    .addColumn('pinned', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('analysis_topic_choices_name_length', sql`name IS NULL OR char_length(name) BETWEEN 1 AND 120`)
    .execute();
  await db.schema.createIndex('analysis_topic_choices_process_idx').on('analysis_topic_choices').columns(['process_id', 'updated_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analysis_topic_choices').execute();
}
