import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// An uploaded image's size as shown and its smaller copies (issue 22): `variants` lists each copy's width,
// height, storage key and size in bytes. Images uploaded before keep NULL sizes and no copies.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('files')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('variants', 'jsonb', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('files').dropColumn('variants').dropColumn('height').dropColumn('width').execute();
}
