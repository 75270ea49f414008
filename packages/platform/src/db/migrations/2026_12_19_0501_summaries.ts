import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Issue 21, parts 4 and 5. Summaries with sources that staff edit and publish on the "you said, we did" page
// (one per process and per topic, each sentence with the inputs it rests on), and the optional model
// provider the administrator points at the municipality's own OpenAI-compatible endpoint (off by default:
// no row, or enabled false, means nothing is sent anywhere).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analysis_summaries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('run_id', 'uuid', (c) => c.references('analysis_runs.id').onDelete('set null'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sentences', 'jsonb', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.notNull())
    .addColumn('edited', 'boolean', (c) => c.notNull())
    .addColumn('saved_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addCheckConstraint('analysis_summaries_scope_check', sql`scope ~ '^(process|topic-[0-9]{1,3})$'`)
    .addUniqueConstraint('analysis_summaries_process_scope', ['process_id', 'scope'])
    .execute();
  await db.schema
    .createTable('analysis_text_provider')
    .addColumn('id', 'smallint', (c) => c.primaryKey())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('embedding_model', 'text')
    .addColumn('chat_model', 'text')
    .addColumn('api_key', 'text')
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('analysis_text_provider_one_row', sql`id = 1`)
    .addCheckConstraint('analysis_text_provider_url_length', sql`length(base_url) <= 500`)
    .addCheckConstraint('analysis_text_provider_timeout', sql`timeout_ms BETWEEN 500 AND 120000`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analysis_text_provider').execute();
  await db.schema.dropTable('analysis_summaries').execute();
}
