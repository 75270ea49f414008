import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { FilesTable } from './files.tables.ts';

/** The only place with SQL for files (their rows; the bytes live in the file store). */
export function filesRepository(db: Db) {
  return {
    /** Adds one file row; returns its id. */
    async insertFile(row: Insertable<FilesTable>): Promise<string> {
      const inserted = await db.insertInto('files').values(row).returning('id').executeTakeFirstOrThrow();
      return inserted.id;
    },

    /** Adds several file rows in one transaction (all or none); returns their ids in order. */
    insertFiles(rows: readonly Insertable<FilesTable>[]): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const ids: string[] = [];
        for (const values of rows) {
          const row = await trx.insertInto('files').values(values).returning('id').executeTakeFirstOrThrow();
          ids.push(row.id);
        }
        return ids;
      });
    },

    /** Deletes the given files of one record (ids of other records are ignored); returns what was deleted. */
    deleteOfOwner(ownerType: string, ownerId: string, ids: readonly string[]) {
      return db.deleteFrom('files').where('owner_type', '=', ownerType).where('owner_id', '=', ownerId).where('id', 'in', ids).returning(['id', 'storage_key', 'variants']).execute();
    },

    /** The files attached to some records of one owner type, oldest first. */
    listFor(ownerType: string, ownerIds: readonly string[]) {
      return db
        .selectFrom('files')
        .select(['id', 'owner_id', 'kind', 'filename', 'content_type', 'size_bytes', 'alt_text', 'width', 'height', 'variants'])
        .where('owner_type', '=', ownerType)
        .where('owner_id', 'in', ownerIds)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    /** Replaces the alt text of one file of a record (all languages); false when the record has no such file. */
    async setAltText(ownerType: string, ownerId: string, id: string, altText: Record<string, string>): Promise<boolean> {
      const updated = await db.updateTable('files').set({ alt_text: JSON.stringify(altText) }).where('owner_type', '=', ownerType).where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },

    /** What serving a file needs: where its bytes are, its headers and its owner. */
    findForRead(id: string) {
      return db.selectFrom('files').select(['storage_key', 'content_type', 'filename', 'kind', 'owner_type', 'owner_id', 'variants']).where('id', '=', id).executeTakeFirst();
    },
  };
}
