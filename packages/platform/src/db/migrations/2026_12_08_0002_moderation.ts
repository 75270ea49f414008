import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Moderation (issue 17): residents' reports on ideas, comments and statements with a reason; every moderator's
// decision on an item (approved, hidden, restored) and an author's request for review; blocks of accounts for
// a period. The ideas module's `flags` are carried over as reports (reason "other" with the old text) and
// dropped. Ideas get an edit history: who changed an idea's text, when, and what it said before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('moderation_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('process_id', 'uuid', (c) => c.references('processes.id').onDelete('cascade'))
    .addColumn('reporter_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addCheckConstraint('moderation_reports_target_known', sql`target_type IN ('idea', 'comment', 'statement')`)
    .addCheckConstraint('moderation_reports_reason_known', sql`reason IN ('spam', 'abusive', 'personal_data', 'off_topic', 'other')`)
    .addCheckConstraint('moderation_reports_other_has_text', sql`reason <> 'other' OR coalesce(length(text), 0) > 0`)
    .execute();
  await sql`CREATE UNIQUE INDEX moderation_reports_once_per_person ON moderation_reports (target_type, target_id, reporter_id)`.execute(db);
  await sql`CREATE INDEX moderation_reports_open ON moderation_reports (created_at) WHERE resolved_at IS NULL`.execute(db);

  await db.schema
    .createTable('moderation_decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The order decisions were taken in, even within one millisecond: the latest one is the item's state.
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('process_id', 'uuid', (c) => c.references('processes.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('moderation_decisions_target_known', sql`target_type IN ('idea', 'comment', 'statement')`)
    .addCheckConstraint('moderation_decisions_action_known', sql`action IN ('approved', 'hidden', 'restored', 'review_requested')`)
    .execute();
  await sql`CREATE INDEX moderation_decisions_by_target ON moderation_decisions (target_type, target_id, created_at)`.execute(db);
  await sql`CREATE INDEX moderation_decisions_by_author ON moderation_decisions (author_id)`.execute(db);

  await db.schema
    .createTable('moderation_blocks')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('blocked_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lifted_at', 'timestamptz')
    .execute();
  await sql`CREATE INDEX moderation_blocks_by_user ON moderation_blocks (user_id, ends_at)`.execute(db);

  await db.schema
    .createTable('idea_edits')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('idea_id', 'uuid', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('editor_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('previous_title', 'text', (c) => c.notNull())
    .addColumn('previous_body', 'text', (c) => c.notNull())
    .addColumn('previous_category', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX idea_edits_by_idea ON idea_edits (idea_id, created_at)`.execute(db);

  // The old flags become reports; flags of ideas or comments that are gone are dropped with the table.
  await sql`
    INSERT INTO moderation_reports (target_type, target_id, process_id, reporter_id, reason, text, created_at, resolved_at)
    SELECT DISTINCT ON (f.target_type, f.target_id, f.user_id)
           f.target_type, f.target_id::text, i.process_id, f.user_id, 'other', f.reason, f.created_at, f.resolved_at
    FROM flags f
    LEFT JOIN comments c ON f.target_type = 'comment' AND c.id = f.target_id
    JOIN ideas i ON i.id = CASE WHEN f.target_type = 'idea' THEN f.target_id ELSE c.idea_id END
    ORDER BY f.target_type, f.target_id, f.user_id, f.created_at DESC`.execute(db);
  await db.schema.dropTable('flags').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('flags')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'uuid', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addCheckConstraint('flags_target_known', sql`target_type IN ('idea', 'comment')`)
    .execute();
  await sql`CREATE UNIQUE INDEX flags_once_per_person ON flags (target_type, target_id, user_id) WHERE resolved_at IS NULL`.execute(db);
  await sql`
    INSERT INTO flags (target_type, target_id, user_id, reason, created_at, resolved_at)
    SELECT target_type, target_id::uuid, reporter_id, coalesce(text, reason), created_at, resolved_at
    FROM moderation_reports WHERE target_type IN ('idea', 'comment')`.execute(db);
  await db.schema.dropTable('idea_edits').execute();
  await db.schema.dropTable('moderation_blocks').execute();
  await db.schema.dropTable('moderation_decisions').execute();
  await db.schema.dropTable('moderation_reports').execute();
}
