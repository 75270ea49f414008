import { sql, type Kysely } from 'kysely';

// Citizen proposals (issue 19): residents draft a proposal with co-authors, publish it and collect signatures
// until a deadline; at the threshold it goes to the municipality, which gives it a status and an official
// answer (with milestones) within the phase's answer time. Per phase: the threshold, the signing period, the
// answer time and who may sign. A signature keeps the signer's area and year of birth as they were when
// signing (for the counts per area and age group), never more. Proposals join the moderated kinds.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE phases DROP CONSTRAINT phases_method_known`.execute(db);
  await sql`ALTER TABLE phases ADD CONSTRAINT phases_method_known
    CHECK (method IN ('information', 'ideas', 'survey', 'conversation', 'budgeting', 'panel', 'stakeholders', 'event', 'proposals'))`.execute(db);
  for (const table of ['moderation_reports', 'moderation_decisions']) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(`${table}_target_known`)}`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(`${table}_target_known`)}
      CHECK (target_type IN ('idea', 'comment', 'statement', 'proposal'))`.execute(db);
  }

  await sql`CREATE TABLE proposal_settings (
    phase_id uuid PRIMARY KEY REFERENCES phases (id) ON DELETE CASCADE,
    threshold integer NOT NULL DEFAULT 300 CONSTRAINT proposal_settings_threshold CHECK (threshold BETWEEN 1 AND 1000000),
    signing_days integer NOT NULL DEFAULT 90 CONSTRAINT proposal_settings_signing_days CHECK (signing_days BETWEEN 1 AND 730),
    answer_days integer NOT NULL DEFAULT 60 CONSTRAINT proposal_settings_answer_days CHECK (answer_days BETWEEN 1 AND 730),
    min_age integer CONSTRAINT proposal_settings_min_age CHECK (min_age BETWEEN 0 AND 120),
    areas text[] NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);

  await sql`CREATE TABLE proposals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    process_id uuid NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
    phase_id uuid NOT NULL REFERENCES phases (id) ON DELETE CASCADE,
    author_id uuid REFERENCES users (id) ON DELETE SET NULL,
    title text NOT NULL,
    body text NOT NULL,
    decision text NOT NULL,
    area text,
    stage text NOT NULL DEFAULT 'draft' CONSTRAINT proposals_stage_known CHECK (stage IN ('draft', 'collecting', 'submitted', 'answered')),
    status text NOT NULL DEFAULT 'new',
    threshold integer CONSTRAINT proposals_threshold_positive CHECK (threshold > 0),
    signature_count integer NOT NULL DEFAULT 0 CONSTRAINT proposals_signature_count_natural CHECK (signature_count >= 0),
    published_at timestamptz,
    deadline timestamptz,
    reached_at timestamptz,
    answer_due timestamptz,
    progress_percent integer,
    hidden_at timestamptz,
    hidden_reason text,
    hidden_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT proposals_published_has_deadline CHECK (stage = 'draft' OR (published_at IS NOT NULL AND deadline IS NOT NULL AND threshold IS NOT NULL)),
    CONSTRAINT proposals_submitted_reached CHECK (stage IN ('draft', 'collecting') OR (reached_at IS NOT NULL AND answer_due IS NOT NULL))
  )`.execute(db);
  await sql`CREATE INDEX proposals_by_phase ON proposals (phase_id, signature_count DESC, deadline)`.execute(db);
  await sql`CREATE INDEX proposals_by_author ON proposals (author_id)`.execute(db);

  await sql`CREATE TABLE proposal_coauthors (
    proposal_id uuid NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    email text NOT NULL,
    user_id uuid REFERENCES users (id) ON DELETE CASCADE,
    invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
    invited_at timestamptz NOT NULL DEFAULT now(),
    accepted_at timestamptz,
    CONSTRAINT proposal_coauthors_pkey PRIMARY KEY (proposal_id, email),
    CONSTRAINT proposal_coauthors_accepted_has_user CHECK (accepted_at IS NULL OR user_id IS NOT NULL)
  )`.execute(db);
  await sql`CREATE INDEX proposal_coauthors_by_user ON proposal_coauthors (user_id)`.execute(db);

  await sql`CREATE TABLE proposal_signatures (
    proposal_id uuid NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    show_name boolean NOT NULL DEFAULT false,
    area text,
    birth_year integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT proposal_signatures_pkey PRIMARY KEY (proposal_id, user_id)
  )`.execute(db);
  await sql`CREATE INDEX proposal_signatures_by_user ON proposal_signatures (user_id)`.execute(db);

  await sql`CREATE TABLE proposal_answers (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    proposal_id uuid NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    status text NOT NULL,
    body text,
    author_id uuid REFERENCES users (id) ON DELETE SET NULL,
    author_name text NOT NULL,
    author_role text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX proposal_answers_by_proposal ON proposal_answers (proposal_id, created_at)`.execute(db);

  await sql`CREATE TABLE proposal_milestones (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    proposal_id uuid NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    title text NOT NULL,
    happened_on date NOT NULL,
    progress_percent integer NOT NULL CONSTRAINT proposal_milestones_progress CHECK (progress_percent BETWEEN 0 AND 100),
    author_id uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX proposal_milestones_by_proposal ON proposal_milestones (proposal_id, happened_on)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['proposal_milestones', 'proposal_answers', 'proposal_signatures', 'proposal_coauthors', 'proposals', 'proposal_settings']) {
    await sql`DROP TABLE ${sql.table(table)}`.execute(db);
  }
  await sql`DELETE FROM moderation_reports WHERE target_type = 'proposal'`.execute(db);
  await sql`DELETE FROM moderation_decisions WHERE target_type = 'proposal'`.execute(db);
  for (const table of ['moderation_reports', 'moderation_decisions']) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(`${table}_target_known`)}`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(`${table}_target_known`)} CHECK (target_type IN ('idea', 'comment', 'statement'))`.execute(db);
  }
  await sql`DELETE FROM phases WHERE method = 'proposals'`.execute(db);
  await sql`ALTER TABLE phases DROP CONSTRAINT phases_method_known`.execute(db);
  await sql`ALTER TABLE phases ADD CONSTRAINT phases_method_known
    CHECK (method IN ('information', 'ideas', 'survey', 'conversation', 'budgeting', 'panel', 'stakeholders', 'event'))`.execute(db);
}
