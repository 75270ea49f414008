import type { Db } from '../db/database.ts';
import type { LocalizedText } from '../shared/localized.ts';
import type { ProcessStatus } from './processes.tables.ts';

/** The only place with SQL for processes. */
export function processesRepository(db: Db) {
  const columns = ['id', 'slug', 'status', 'title', 'summary', 'starts_on', 'ends_on', 'created_at'] as const;
  return {
    list(filter: { statuses: readonly ProcessStatus[]; limit: number; offset: number }) {
      return db
        .selectFrom('processes')
        .select(columns)
        .where('status', 'in', filter.statuses)
        .orderBy('starts_on', (ob) => ob.desc().nullsLast())
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
    },

    findBySlug(slug: string) {
      return db.selectFrom('processes').select(columns).where('slug', '=', slug).executeTakeFirst();
    },

    async upsertBySlug(input: {
      slug: string;
      status: ProcessStatus;
      title: LocalizedText;
      summary: LocalizedText;
      startsOn: string | null;
      endsOn: string | null;
      createdBy: string | null;
    }): Promise<string> {
      const row = await db
        .insertInto('processes')
        .values({
          slug: input.slug,
          status: input.status,
          title: JSON.stringify(input.title),
          summary: JSON.stringify(input.summary),
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          created_by: input.createdBy,
        })
        .onConflict((oc) => oc.column('slug').doUpdateSet((eb) => ({ slug: eb.ref('excluded.slug') })))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
  };
}
