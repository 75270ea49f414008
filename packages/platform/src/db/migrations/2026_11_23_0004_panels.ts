import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Citizens' panels: set-up (size, categories with quotas and population figures, household rule, sessions),
// the invitation lottery over an address register, registration by personal code into the pool, the
// selection (a fair lottery with a published hash and a drawn index), confirmation and replacements, the
// members' workspace (materials, submissions, notes, recommendations, amendments, votes) and the response.
// Personal data lives in panel_register, panel_invitations (codes) and panel_contacts only, so deleting the
// pool on its date is three deletes.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE panels (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      process_id uuid NOT NULL REFERENCES processes (id) ON DELETE CASCADE,
      title text NOT NULL,
      size integer NOT NULL DEFAULT 30,
      household_rule boolean NOT NULL DEFAULT true,
      approval_percent integer NOT NULL DEFAULT 80,
      categories jsonb NOT NULL DEFAULT '[]'::jsonb,
      consent_text text NOT NULL DEFAULT '',
      ends_on date,
      delete_pool_on date,
      invitation_seed text,
      invitations_drawn_at timestamptz,
      stratify_by_area boolean NOT NULL DEFAULT false,
      selection jsonb,
      selection_job_id text,
      lottery_text text,
      lottery_hash text,
      hash_published_at timestamptz,
      public_seed text,
      drawn_index integer,
      drawn_at timestamptz,
      report_published_at timestamptz,
      pool_deleted_at timestamptz,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT panels_process_unique UNIQUE (process_id),
      CONSTRAINT panels_size_range CHECK (size BETWEEN 2 AND 1000),
      CONSTRAINT panels_approval_range CHECK (approval_percent BETWEEN 50 AND 100),
      CONSTRAINT panels_delete_after_end CHECK (delete_pool_on IS NULL OR ends_on IS NULL OR delete_pool_on >= ends_on)
    )`.execute(db);

  await sql`
    CREATE TABLE panel_staff (
      panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role text NOT NULL,
      CONSTRAINT panel_staff_pk PRIMARY KEY (panel_id, user_id),
      CONSTRAINT panel_staff_role_known CHECK (role IN ('administrator', 'facilitator'))
    )`.execute(db);

  await sql`
    CREATE TABLE panel_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
      title text NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      mode text NOT NULL,
      place text NOT NULL DEFAULT '',
      stream_url text NOT NULL DEFAULT '',
      programme text NOT NULL DEFAULT '',
      CONSTRAINT panel_sessions_mode_known CHECK (mode IN ('in_person', 'online', 'hybrid')),
      CONSTRAINT panel_sessions_ordered CHECK (ends_at > starts_at)
    )`.execute(db);
  await sql`CREATE INDEX panel_sessions_panel_idx ON panel_sessions (panel_id, starts_at)`.execute(db);

  await sql`
    CREATE TABLE panel_register (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
      line integer NOT NULL,
      person_ref text NOT NULL,
      name text NOT NULL,
      address text NOT NULL,
      postcode text NOT NULL,
      city text NOT NULL DEFAULT '',
      area text NOT NULL DEFAULT '',
      household text NOT NULL,
      CONSTRAINT panel_register_ref_unique UNIQUE (panel_id, person_ref)
    )`.execute(db);

  await sql`
    CREATE TABLE panel_invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
      register_id bigint NOT NULL REFERENCES panel_register (id) ON DELETE CASCADE,
      position integer NOT NULL,
      code text NOT NULL,
      area text NOT NULL DEFAULT '',
      responded_at timestamptz,
      CONSTRAINT panel_invitations_code_unique UNIQUE (code),
      CONSTRAINT panel_invitations_register_unique UNIQUE (register_id)
    )`.execute(db);
  await sql`CREATE INDEX panel_invitations_panel_idx ON panel_invitations (panel_id, position)`.execute(db);

  await sql`
    CREATE TABLE panel_respondents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
      number integer NOT NULL,
      invitation_id uuid REFERENCES panel_invitations (id) ON DELETE SET NULL,
      answers jsonb NOT NULL,
      household text,
      status text NOT NULL DEFAULT 'pool',
      confirm_token_hash text,
      user_id uuid REFERENCES users (id) ON DELETE SET NULL,
      public_name text,
      registered_at timestamptz NOT NULL DEFAULT now(),
      selected_at timestamptz,
      confirmed_at timestamptz,
      left_at timestamptz,
      CONSTRAINT panel_respondents_number_unique UNIQUE (panel_id, number),
      CONSTRAINT panel_respondents_invitation_unique UNIQUE (invitation_id),
      CONSTRAINT panel_respondents_status_known CHECK (status IN ('pool', 'selected', 'confirmed', 'dropped_out'))
    )`.execute(db);
  await sql`CREATE INDEX panel_respondents_user_idx ON panel_respondents (user_id)`.execute(db);

  await sql`
    CREATE TABLE panel_contacts (
      respondent_id uuid PRIMARY KEY REFERENCES panel_respondents (id) ON DELETE CASCADE,
      name text NOT NULL,
      email text NOT NULL,
      phone text NOT NULL DEFAULT ''
    )`.execute(db);

  await sql`
    CREATE TABLE panel_replacements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
      dropped_number integer NOT NULL,
      replacement_number integer NOT NULL,
      seed text NOT NULL,
      reason text NOT NULL DEFAULT '',
      by_user uuid REFERENCES users (id) ON DELETE SET NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX panel_replacements_panel_idx ON panel_replacements (panel_id, at)`.execute(db);

  await sql`
    CREATE TABLE panel_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
      session_id uuid REFERENCES panel_sessions (id) ON DELETE SET NULL,
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      link text NOT NULL DEFAULT '',
      source text NOT NULL DEFAULT '',
      small_group text NOT NULL DEFAULT '',
      author_id uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT panel_items_kind_known CHECK (kind IN ('material', 'presentation', 'submission', 'note'))
    )`.execute(db);
  await sql`CREATE INDEX panel_items_panel_idx ON panel_items (panel_id, kind, created_at)`.execute(db);

  await sql`
    CREATE TABLE panel_recommendations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
      number integer NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      status text NOT NULL DEFAULT 'drafting',
      yes_votes integer NOT NULL DEFAULT 0,
      no_votes integer NOT NULL DEFAULT 0,
      abstentions integer NOT NULL DEFAULT 0,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT panel_recommendations_number_unique UNIQUE (panel_id, number),
      CONSTRAINT panel_recommendations_status_known CHECK (status IN ('drafting', 'voting', 'adopted', 'not_adopted'))
    )`.execute(db);

  await sql`
    CREATE TABLE panel_amendments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      recommendation_id uuid NOT NULL REFERENCES panel_recommendations (id) ON DELETE CASCADE,
      body text NOT NULL,
      rationale text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'proposed',
      author_id uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT panel_amendments_status_known CHECK (status IN ('proposed', 'accepted', 'rejected'))
    )`.execute(db);
  await sql`CREATE INDEX panel_amendments_recommendation_idx ON panel_amendments (recommendation_id, created_at)`.execute(db);

  await sql`
    CREATE TABLE panel_votes (
      recommendation_id uuid NOT NULL REFERENCES panel_recommendations (id) ON DELETE CASCADE,
      respondent_id uuid NOT NULL REFERENCES panel_respondents (id) ON DELETE CASCADE,
      choice text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT panel_votes_once PRIMARY KEY (recommendation_id, respondent_id),
      CONSTRAINT panel_votes_choice_known CHECK (choice IN ('yes', 'no', 'abstain'))
    )`.execute(db);

  await sql`
    CREATE TABLE panel_responses (
      recommendation_id uuid PRIMARY KEY REFERENCES panel_recommendations (id) ON DELETE CASCADE,
      decision text NOT NULL,
      reasons text NOT NULL,
      decided_on date NOT NULL,
      progress_percent integer,
      progress_note text NOT NULL DEFAULT '',
      answered_by uuid REFERENCES users (id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT panel_responses_decision_known CHECK (decision IN ('accepted', 'partly_accepted', 'rejected')),
      CONSTRAINT panel_responses_progress_range CHECK (progress_percent IS NULL OR progress_percent BETWEEN 0 AND 100)
    )`.execute(db);

  await sql`
    CREATE TABLE panel_followers (
      panel_id uuid NOT NULL REFERENCES panels (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      CONSTRAINT panel_followers_pk PRIMARY KEY (panel_id, user_id)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'panel_followers',
    'panel_responses',
    'panel_votes',
    'panel_amendments',
    'panel_recommendations',
    'panel_items',
    'panel_replacements',
    'panel_contacts',
    'panel_respondents',
    'panel_invitations',
    'panel_register',
    'panel_sessions',
    'panel_staff',
    'panels',
  ]) {
    await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db);
  }
}
