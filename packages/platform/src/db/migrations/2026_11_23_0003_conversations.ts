import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Conversations (opinion mapping in the manner of Pol.is) and stakeholder panels (the vTaiwan method):
// statements, participants and votes; stored results of the background recompute; invitations,
// introductions, facts with sources, the panel's timeline, live meetings, recommendations and responses.
export async function up(db: Kysely<any>): Promise<void> {
  const now = (c: any) => c.notNull().defaultTo(sql`now()`);

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('phases.id').onDelete('cascade'))
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('allow_anonymous', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('allow_statements', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('pre_moderation', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('source_name', 'text')
    .addColumn('source_url', 'text')
    .addColumn('source_licence', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('conversations_phase_unique', ['phase_id'])
    .execute();
  await db.schema.createIndex('conversations_process_idx').on('conversations').column('process_id').execute();

  await db.schema
    .createTable('conversation_participants')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('anon_key', 'text')
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await sql`CREATE UNIQUE INDEX conversation_participants_user_unique ON conversation_participants (conversation_id, user_id) WHERE user_id IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX conversation_participants_anon_unique ON conversation_participants (conversation_id, anon_key) WHERE anon_key IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX conversation_participants_external_unique ON conversation_participants (conversation_id, external_id) WHERE external_id IS NOT NULL`.execute(db);

  await db.schema
    .createTable('conversation_statements')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Normalised text of statements written here; duplicates are refused. Null for imported history.
    .addColumn('text_key', 'text')
    .addColumn('moderation', 'text', (c) => c.notNull().defaultTo('accepted'))
    .addColumn('is_seed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_meta', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('author_participant_id', 'bigint', (c) => c.references('conversation_participants.id').onDelete('set null'))
    .addColumn('author_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('conversation_statements_number_unique', ['conversation_id', 'number'])
    .addCheckConstraint('conversation_statements_moderation_known', sql`moderation IN ('accepted', 'unmoderated', 'rejected')`)
    .execute();
  await sql`CREATE UNIQUE INDEX conversation_statements_text_unique ON conversation_statements (conversation_id, text_key) WHERE text_key IS NOT NULL`.execute(db);

  await sql`CREATE SEQUENCE conversation_vote_seq`.execute(db);
  await db.schema
    .createTable('conversation_votes')
    .addColumn('participant_id', 'bigint', (c) => c.notNull().references('conversation_participants.id').onDelete('cascade'))
    .addColumn('statement_id', 'bigint', (c) => c.notNull().references('conversation_statements.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('vote', 'smallint', (c) => c.notNull())
    // Bumped on every (re-)vote so the recompute reads only what changed since its last run.
    .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(sql`nextval('conversation_vote_seq')`))
    .addColumn('voted_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('conversation_votes_pk', ['participant_id', 'statement_id'])
    .addCheckConstraint('conversation_votes_vote_known', sql`vote IN (-1, 0, 1)`)
    .execute();
  await db.schema.createIndex('conversation_votes_seq_idx').on('conversation_votes').columns(['conversation_id', 'seq']).execute();
  await db.schema.createIndex('conversation_votes_statement_idx').on('conversation_votes').column('statement_id').execute();

  await db.schema
    .createTable('conversation_results')
    .addColumn('conversation_id', 'uuid', (c) => c.primaryKey().references('conversations.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('votes_seen', 'bigint', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', now)
    .addColumn('view', 'jsonb', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .execute();

  // Stakeholder panels.
  await db.schema
    .createTable('stakeholder_panels')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('phase_id', 'uuid', (c) => c.notNull().references('phases.id').onDelete('cascade'))
    .addColumn('process_id', 'uuid', (c) => c.notNull().references('processes.id').onDelete('cascade'))
    .addColumn('invite_limit', 'integer', (c) => c.notNull().defaultTo(2))
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('stakeholder_panels_phase_unique', ['phase_id'])
    .addCheckConstraint('stakeholder_panels_limit_range', sql`invite_limit BETWEEN 0 AND 50`)
    .execute();

  await db.schema
    .createTable('stakeholders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('panel_id', 'uuid', (c) => c.notNull().references('stakeholder_panels.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('invited_by_stakeholder', 'uuid', (c) => c.references('stakeholders.id').onDelete('set null'))
    .addColumn('invited_by_user', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('name', 'text')
    .addColumn('speaks_for', 'text')
    .addColumn('introduction', 'text')
    .addColumn('invites_left', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('token_hash', 'text')
    .addColumn('invited_at', 'timestamptz', now)
    .addColumn('joined_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('stakeholders_panel_idx').on('stakeholders').column('panel_id').execute();
  await sql`CREATE UNIQUE INDEX stakeholders_token_unique ON stakeholders (token_hash) WHERE token_hash IS NOT NULL`.execute(db);
  await sql`CREATE UNIQUE INDEX stakeholders_user_unique ON stakeholders (panel_id, user_id) WHERE user_id IS NOT NULL`.execute(db);

  // The invitee's e-mail address is personal data: kept apart, deleted when the invitation is used.
  await db.schema
    .createTable('stakeholder_invitation_emails')
    .addColumn('stakeholder_id', 'uuid', (c) => c.primaryKey().references('stakeholders.id').onDelete('cascade'))
    .addColumn('panel_id', 'uuid', (c) => c.notNull().references('stakeholder_panels.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX stakeholder_invitation_emails_unique ON stakeholder_invitation_emails (panel_id, lower(email))`.execute(db);

  await db.schema
    .createTable('stakeholder_steps')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('panel_id', 'uuid', (c) => c.notNull().references('stakeholder_panels.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('happens_on', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('stakeholder_steps_panel_idx').on('stakeholder_steps').columns(['panel_id', 'happens_on']).execute();

  await db.schema
    .createTable('facts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('panel_id', 'uuid', (c) => c.notNull().references('stakeholder_panels.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('stakeholder_id', 'uuid', (c) => c.references('stakeholders.id').onDelete('set null'))
    .addColumn('disputes_fact_id', 'uuid', (c) => c.references('facts.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('submitted'))
    .addColumn('review_reason', 'text')
    .addColumn('reviewed_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('facts_number_unique', ['panel_id', 'number'])
    .addCheckConstraint('facts_status_known', sql`status IN ('submitted', 'changes_requested', 'approved', 'rejected')`)
    .execute();

  await db.schema
    .createTable('fact_sources')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('fact_id', 'uuid', (c) => c.notNull().references('facts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addCheckConstraint('fact_sources_kind_known', sql`kind IN ('link', 'document')`)
    .execute();
  await db.schema.createIndex('fact_sources_fact_idx').on('fact_sources').column('fact_id').execute();

  await db.schema
    .createTable('stakeholder_meetings')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('panel_id', 'uuid', (c) => c.notNull().references('stakeholder_panels.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('stream_url', 'text')
    .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('stakeholder_meetings_panel_idx').on('stakeholder_meetings').column('panel_id').execute();

  await db.schema
    .createTable('recommendations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('panel_id', 'uuid', (c) => c.notNull().references('stakeholder_panels.id').onDelete('cascade'))
    .addColumn('meeting_id', 'uuid', (c) => c.references('stakeholder_meetings.id').onDelete('set null'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('drafted_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decision', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('recommendations_number_unique', ['panel_id', 'number'])
    .addCheckConstraint('recommendations_decision_known', sql`decision IS NULL OR decision IN ('accepted', 'rejected')`)
    .execute();

  await db.schema
    .createTable('recommendation_links')
    .addColumn('recommendation_id', 'uuid', (c) => c.notNull().references('recommendations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recommendation_links_pk', ['recommendation_id', 'kind', 'target_id'])
    .addCheckConstraint('recommendation_links_kind_known', sql`kind IN ('statement', 'fact')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'recommendation_links',
    'recommendations',
    'stakeholder_meetings',
    'fact_sources',
    'facts',
    'stakeholder_steps',
    'stakeholder_invitation_emails',
    'stakeholders',
    'stakeholder_panels',
    'conversation_results',
    'conversation_votes',
    'conversation_statements',
    'conversation_participants',
    'conversations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`DROP SEQUENCE IF EXISTS conversation_vote_seq`.execute(db);
}
