import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The announced draw (issue 18): before a panel is drawn, its pool is closed and the draw announced. The
// announcement (`hash_published_at`, as before: the moment the hashes are published) now also fixes where the
// seed will come from (`seed_source`, a public random value that does not exist yet) and the earliest time it
// exists (`seed_not_before`, at least 24 hours later); `pool_hash` is the SHA-256 of the pseudonymous pool, and
// `announcement` keeps what the public record needs from then on (the pseudonymous pool, the quotas, k, the
// household rule, the algorithm and its version), so the record survives the deletion of the pool's personal
// data. The seed's value goes where it always went (`public_seed`), once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('panels')
    .addColumn('seed_source', 'text')
    .addColumn('seed_not_before', 'timestamptz')
    .addColumn('pool_hash', 'text')
    .addColumn('announcement', 'jsonb')
    .execute();
  await db.schema
    .alterTable('panels')
    .addCheckConstraint('panels_seed_source_with_time', sql`(seed_source IS NULL) = (seed_not_before IS NULL)`)
    .execute();
  await db.schema
    .alterTable('panels')
    .addCheckConstraint('panels_seed_a_day_after_announcement', sql`seed_not_before IS NULL OR (hash_published_at IS NOT NULL AND seed_not_before >= hash_published_at + interval '24 hours')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('panels').dropConstraint('panels_seed_a_day_after_announcement').execute();
  await db.schema.alterTable('panels').dropConstraint('panels_seed_source_with_time').execute();
  await db.schema.alterTable('panels').dropColumn('announcement').dropColumn('pool_hash').dropColumn('seed_not_before').dropColumn('seed_source').execute();
}
