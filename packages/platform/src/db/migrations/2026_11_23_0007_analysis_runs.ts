import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Text analyses of a process's inputs (topics, near-duplicates, a sourced summary), one row per run. The
// result names inputs by id and quotes short excerpts; it holds no author names.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('analysis_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('requested_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('idea_count', 'integer')
    .addColumn('comment_count', 'integer')
    .addColumn('topic_count', 'integer')
    .addColumn('duplicate_group_count', 'integer')
    .addColumn('result', 'jsonb')
    .addColumn('error', 'text')
    .addCheckConstraint('analysis_runs_state_check', sql`state IN ('queued', 'running', 'done', 'failed')`)
    .addCheckConstraint('analysis_runs_done_has_result', sql`state <> 'done' OR (result IS NOT NULL AND finished_at IS NOT NULL)`)
    .execute();
  await db.schema.createIndex('analysis_runs_process_idx').on('analysis_runs').columns(['process_id', 'requested_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analysis_runs').execute();
}
