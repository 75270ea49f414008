import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Processes get their charter and timeline; phases carry a method (information, ideas, survey, …);
// ideas, comments, supports, follows, flags, statuses with official answers and milestones, surveys, files
// and notifications close the loop.
export async function up(db: Kysely<any>): Promise<void> {
  const localized = (c: any) => c.notNull().defaultTo(sql`'{}'::jsonb`);
  const charter = [
    'question',
    'why_involved',
    'scope_can_change',
    'scope_cannot_change',
    'decision_maker',
    'response_commitment',
    'target_groups',
    'outreach',
    'method_rationale',
    'funding',
  ];
  const additions = charter.map((column) => `ADD COLUMN ${column} jsonb NOT NULL DEFAULT '{}'::jsonb`);
  additions.push('ADD COLUMN respond_by date', 'ADD COLUMN published_at timestamptz', 'ADD COLUMN closed_at timestamptz');
  await sql.raw(`ALTER TABLE processes ${additions.join(', ')}`).execute(db);

  await db.schema
    .createTable('phases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('title', 'jsonb', localized)
    .addColumn('description', 'jsonb', localized)
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('phases_dates_ordered', sql`ends_on >= starts_on`)
    .addCheckConstraint('phases_method_known', sql`method IN ('information', 'ideas', 'survey', 'conversation', 'budgeting', 'panel', 'stakeholders', 'event')`)
    .execute();
  await db.schema.createIndex('phases_process_idx').on('phases').columns(['process_id', 'starts_on']).execute();

  await db.schema
    .createTable('files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('alt_text', 'jsonb', localized)
    .addColumn('uploaded_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('files_kind_known', sql`kind IN ('document', 'image')`)
    .execute();
  await db.schema.createIndex('files_owner_idx').on('files').columns(['owner_type', 'owner_id']).execute();

  await db.schema
    .createTable('input_statuses')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('label', 'jsonb', localized)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('requires_answer', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('allows_progress', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('built_in', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db
    .insertInto('input_statuses')
    .values([
      { key: 'received', position: 10, requires_answer: false, allows_progress: false, built_in: true, label: JSON.stringify({}) },
      { key: 'under_consideration', position: 20, requires_answer: false, allows_progress: false, built_in: true, label: JSON.stringify({}) },
      { key: 'accepted', position: 30, requires_answer: false, allows_progress: true, built_in: true, label: JSON.stringify({}) },
      { key: 'rejected', position: 40, requires_answer: true, allows_progress: false, built_in: true, label: JSON.stringify({}) },
      { key: 'implemented', position: 50, requires_answer: false, allows_progress: true, built_in: true, label: JSON.stringify({}) },
    ])
    .execute();

  await db.schema
    .createTable('ideas')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('phases.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('received').references('input_statuses.key'))
    .addColumn('screening', 'text', (c) => c.notNull().defaultTo('published'))
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('support_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_percent', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addCheckConstraint('ideas_screening_known', sql`screening IN ('pending', 'published', 'refused')`)
    .addCheckConstraint('ideas_progress_range', sql`progress_percent IS NULL OR progress_percent BETWEEN 0 AND 100`)
    .execute();
  await db.schema.createIndex('ideas_process_support_idx').on('ideas').columns(['process_id', 'support_count', 'created_at', 'id']).execute();
  await db.schema.createIndex('ideas_process_created_idx').on('ideas').columns(['process_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('ideas_author_idx').on('ideas').column('author_id').execute();

  await db.schema
    .createTable('idea_supports')
    .addColumn('idea_id', 'uuid', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idea_supports_pk', ['idea_id', 'user_id'])
    .execute();
  await db.schema.createIndex('idea_supports_user_idx').on('idea_supports').column('user_id').execute();

  await db.schema
    .createTable('idea_follows')
    .addColumn('idea_id', 'uuid', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idea_follows_pk', ['idea_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('idea_id', 'uuid', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('comments_idea_idx').on('comments').columns(['idea_id', 'created_at']).execute();

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

  await db.schema
    .createTable('official_answers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('idea_id', 'uuid', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().references('input_statuses.key'))
    .addColumn('body', 'text')
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('official_answers_idea_idx').on('official_answers').columns(['idea_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('idea_id', 'uuid', (c) => c.notNull().references('ideas.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('happened_on', 'date', (c) => c.notNull())
    .addColumn('progress_percent', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('milestones_progress_range', sql`progress_percent BETWEEN 0 AND 100`)
    .execute();

  await db.schema
    .createTable('survey_questions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('phases.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('prompt', 'jsonb', localized)
    .addColumn('required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addCheckConstraint('survey_questions_kind_known', sql`kind IN ('short_text', 'long_text', 'single_choice', 'multiple_choice', 'scale', 'page_break')`)
    .execute();
  await db.schema.createIndex('survey_questions_phase_idx').on('survey_questions').columns(['phase_id', 'position']).execute();

  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('phases.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('survey_responses_once', ['phase_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('emailed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'created_at']).execute();
  await sql`CREATE INDEX notifications_unsent_idx ON notifications (created_at) WHERE emailed_at IS NULL`.execute(db);

  await db.schema
    .alterTable('users')
    .addColumn('notify_mode', 'text', (c) => c.notNull().defaultTo('immediate'))
    .execute();
  await sql`ALTER TABLE users ADD CONSTRAINT users_notify_mode_known CHECK (notify_mode IN ('immediate', 'daily', 'none'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropConstraint('users_notify_mode_known').execute();
  await db.schema.alterTable('users').dropColumn('notify_mode').execute();
  for (const table of [
    'notifications',
    'survey_responses',
    'survey_questions',
    'milestones',
    'official_answers',
    'flags',
    'comments',
    'idea_follows',
    'idea_supports',
    'ideas',
    'input_statuses',
    'files',
    'phases',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  const columns = [
    'question', 'why_involved', 'scope_can_change', 'scope_cannot_change', 'decision_maker', 'response_commitment',
    'target_groups', 'outreach', 'method_rationale', 'funding', 'respond_by', 'published_at', 'closed_at',
  ];
  await sql.raw(`ALTER TABLE processes ${columns.map((c) => `DROP COLUMN ${c}`).join(', ')}`).execute(db);
}
