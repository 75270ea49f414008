import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// A fact's document source may carry the document itself: an uploaded file (owner type 'fact' in files).
// Only document sources hold a file. Should the file row go (an erasure by hand), the citation keeps its title.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE fact_sources ADD COLUMN file_id uuid CONSTRAINT fact_sources_file_fk REFERENCES files (id) ON DELETE SET NULL`.execute(db);
  await sql`ALTER TABLE fact_sources ADD CONSTRAINT fact_sources_file_is_document CHECK (file_id IS NULL OR kind = 'document')`.execute(db);
  await db.schema.createIndex('fact_sources_file_idx').on('fact_sources').column('file_id').where(sql.ref('file_id'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('fact_sources_file_idx').execute();
  await sql`ALTER TABLE fact_sources DROP CONSTRAINT fact_sources_file_is_document`.execute(db);
  await db.schema.alterTable('fact_sources').dropColumn('file_id').execute();
}
