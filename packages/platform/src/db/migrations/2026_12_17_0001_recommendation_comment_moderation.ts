import { sql, type Kysely } from 'kysely';

// Comments on a stakeholder panel's recommendations join the moderated kinds (issue 20): residents report them,
// moderators hide and restore them from the same queue as other comments.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['moderation_reports', 'moderation_decisions']) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(`${table}_target_known`)}`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(`${table}_target_known`)}
      CHECK (target_type IN ('idea', 'comment', 'statement', 'proposal', 'recommendation_comment'))`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM moderation_reports WHERE target_type = 'recommendation_comment'`.execute(db);
  await sql`DELETE FROM moderation_decisions WHERE target_type = 'recommendation_comment'`.execute(db);
  for (const table of ['moderation_reports', 'moderation_decisions']) {
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(`${table}_target_known`)}`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(`${table}_target_known`)}
      CHECK (target_type IN ('idea', 'comment', 'statement', 'proposal'))`.execute(db);
  }
}
