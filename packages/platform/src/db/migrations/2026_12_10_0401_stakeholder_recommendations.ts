import { sql, type Kysely } from 'kysely';

// Issue 20, part 4: recommendations drafted together by a stakeholder panel (versions, comments, support of a
// share or number of members for one version, sent by the facilitator, answered accepted / partly / rejected),
// and live meetings (a place, the item now on, minutes published with documents). A meeting's agenda stays one
// text, one item per line; `now_on` is the line's position.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE stakeholder_panels
    ADD COLUMN support_kind text NOT NULL DEFAULT 'share',
    ADD COLUMN support_value integer NOT NULL DEFAULT 50,
    ADD CONSTRAINT stakeholder_panels_support_kind_known CHECK (support_kind IN ('share', 'count')),
    ADD CONSTRAINT stakeholder_panels_support_value_range CHECK (support_value >= 1 AND (support_kind = 'count' OR support_value <= 100))`.execute(db);

  await sql`ALTER TABLE recommendations
    ADD COLUMN version integer NOT NULL DEFAULT 1,
    ADD COLUMN sent_at timestamptz,
    ADD COLUMN sent_by uuid REFERENCES users(id) ON DELETE SET NULL,
    DROP CONSTRAINT recommendations_decision_known,
    ADD CONSTRAINT recommendations_decision_known CHECK (decision IS NULL OR decision IN ('accepted', 'partly', 'rejected'))`.execute(db);
  // Recommendations answered before panels gave support count as sent when they were answered.
  await sql`UPDATE recommendations SET sent_at = coalesce(decided_at, created_at) WHERE decision IS NOT NULL`.execute(db);
  await sql`ALTER TABLE recommendations ADD CONSTRAINT recommendations_decided_after_sent CHECK (decision IS NULL OR sent_at IS NOT NULL)`.execute(db);

  await sql`CREATE TABLE recommendation_versions (
    recommendation_id uuid NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    version integer NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    author_id uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT recommendation_versions_pk PRIMARY KEY (recommendation_id, version),
    CONSTRAINT recommendation_versions_version_positive CHECK (version >= 1)
  )`.execute(db);
  await sql`INSERT INTO recommendation_versions (recommendation_id, version, title, body, author_id, created_at)
    SELECT id, 1, title, body, drafted_by, created_at FROM recommendations`.execute(db);

  await sql`CREATE TABLE recommendation_comments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    recommendation_id uuid NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    parent_id uuid REFERENCES recommendation_comments(id) ON DELETE CASCADE,
    author_id uuid REFERENCES users(id) ON DELETE SET NULL,
    body text NOT NULL,
    hidden_at timestamptz,
    hidden_by uuid REFERENCES users(id) ON DELETE SET NULL,
    hidden_reason text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX recommendation_comments_recommendation_idx ON recommendation_comments (recommendation_id, created_at)`.execute(db);

  await sql`CREATE TABLE recommendation_supports (
    recommendation_id uuid NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
    stakeholder_id uuid NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
    version integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT recommendation_supports_pk PRIMARY KEY (recommendation_id, stakeholder_id)
  )`.execute(db);

  await sql`ALTER TABLE stakeholder_meetings
    ADD COLUMN place text,
    ADD COLUMN now_on integer,
    ADD COLUMN minutes_published_at timestamptz,
    ADD CONSTRAINT stakeholder_meetings_now_on_positive CHECK (now_on IS NULL OR now_on >= 0)`.execute(db);
  await sql`UPDATE stakeholder_meetings SET minutes_published_at = created_at WHERE minutes <> ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE stakeholder_meetings DROP COLUMN place, DROP COLUMN now_on, DROP COLUMN minutes_published_at`.execute(db);
  await sql`DROP TABLE recommendation_supports`.execute(db);
  await sql`DROP TABLE recommendation_comments`.execute(db);
  await sql`DROP TABLE recommendation_versions`.execute(db);
  await sql`UPDATE recommendations SET decision = 'accepted' WHERE decision = 'partly'`.execute(db);
  await sql`ALTER TABLE recommendations
    DROP CONSTRAINT recommendations_decided_after_sent,
    DROP CONSTRAINT recommendations_decision_known,
    ADD CONSTRAINT recommendations_decision_known CHECK (decision IS NULL OR decision IN ('accepted', 'rejected')),
    DROP COLUMN version, DROP COLUMN sent_at, DROP COLUMN sent_by`.execute(db);
  await sql`ALTER TABLE stakeholder_panels DROP CONSTRAINT stakeholder_panels_support_value_range, DROP CONSTRAINT stakeholder_panels_support_kind_known, DROP COLUMN support_kind, DROP COLUMN support_value`.execute(db);
}
