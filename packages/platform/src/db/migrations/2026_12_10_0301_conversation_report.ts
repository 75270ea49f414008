import { sql, type Kysely } from 'kysely';

// Issue 20 (report, translation, embedding). A report names the stored result revision it comes from and can be
// opened again for an older one: every revision's results view is kept (the full opinion result, much larger,
// stays latest-only in conversation_results). A facilitator may publish the report before the phase closes.
// Machine translations of statements are cached per statement and language. The administrator's settings for
// conversations (the translation service's URL, the sites that may embed a conversation) are one row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE conversation_result_revisions (
    conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    revision integer NOT NULL,
    votes_seen bigint NOT NULL,
    computed_at timestamptz NOT NULL DEFAULT now(),
    view jsonb NOT NULL,
    CONSTRAINT conversation_result_revisions_pk PRIMARY KEY (conversation_id, revision)
  )`.execute(db);
  await sql`INSERT INTO conversation_result_revisions (conversation_id, revision, votes_seen, computed_at, view)
    SELECT conversation_id, revision, votes_seen, computed_at, view FROM conversation_results`.execute(db);
  await sql`ALTER TABLE conversations ADD COLUMN report_published_at timestamptz`.execute(db);
  await sql`CREATE TABLE conversation_statement_translations (
    statement_id bigint NOT NULL REFERENCES conversation_statements(id) ON DELETE CASCADE,
    locale text NOT NULL,
    body text NOT NULL,
    provider text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversation_statement_translations_pk PRIMARY KEY (statement_id, locale)
  )`.execute(db);
  await sql`CREATE TABLE conversation_settings (
    id integer PRIMARY KEY DEFAULT 1 CONSTRAINT conversation_settings_one_row CHECK (id = 1),
    translation_url text,
    embed_origins text[] NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE conversation_settings`.execute(db);
  await sql`DROP TABLE conversation_statement_translations`.execute(db);
  await sql`ALTER TABLE conversations DROP COLUMN report_published_at`.execute(db);
  await sql`DROP TABLE conversation_result_revisions`.execute(db);
}
