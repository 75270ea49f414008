import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { charterFields, type CharterField, type ProcessStatus } from './processes.tables.ts';

/** The only place with SQL for processes and phases. */
export function processesRepository(db: Db) {
  const summaryColumns = ['id', 'slug', 'status', 'title', 'summary', 'starts_on', 'ends_on', 'created_at'] as const;
  const fullColumns = [...summaryColumns, ...charterFields, 'respond_by', 'published_at'] as const;
  return {
    list(filter: { statuses: readonly ProcessStatus[]; limit: number; offset: number }) {
      return db
        .selectFrom('processes')
        .select(summaryColumns)
        .where('status', 'in', filter.statuses)
        .orderBy('starts_on', (ob) => ob.desc().nullsLast())
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
    },

    findFullBySlug(slug: string) {
      return db.selectFrom('processes').select(fullColumns).where('slug', '=', slug).executeTakeFirst();
    },

    findFullById(id: string) {
      return db.selectFrom('processes').select(fullColumns).where('id', '=', id).executeTakeFirst();
    },

    async slugsLike(base: string): Promise<string[]> {
      const rows = await db.selectFrom('processes').select('slug').where('slug', 'like', `${base}%`).execute();
      return rows.map((r) => r.slug);
    },

    async insertProcess(input: { slug: string; title: LocalizedText; createdBy: string | null }): Promise<string> {
      const row = await db
        .insertInto('processes')
        .values({ slug: input.slug, title: JSON.stringify(input.title), created_by: input.createdBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async updateProcess(id: string, texts: Partial<Record<CharterField | 'title' | 'summary', LocalizedText>>, respondBy: string | null | undefined) {
      const set: Record<string, unknown> = { updated_at: new Date() };
      for (const [field, value] of Object.entries(texts)) set[field] = JSON.stringify(value);
      if (respondBy !== undefined) set.respond_by = respondBy;
      await db.updateTable('processes').set(set).where('id', '=', id).execute();
    },

    async setStatus(id: string, status: ProcessStatus) {
      await db
        .updateTable('processes')
        .set({
          status,
          updated_at: new Date(),
          ...(status === 'published' ? { published_at: sql<Date>`coalesce(published_at, now())` } : {}),
          ...(status === 'closed' ? { closed_at: sql<Date>`now()` } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    phasesOf(processId: string) {
      return db
        .selectFrom('phases')
        .select(['id', 'method', 'title', 'description', 'starts_on', 'ends_on', 'settings'])
        .where('process_id', '=', processId)
        .orderBy('starts_on')
        .orderBy('id')
        .execute();
    },

    async processOfPhase(phaseId: string): Promise<string | null> {
      const row = await db.selectFrom('phases').select('process_id').where('id', '=', phaseId).executeTakeFirst();
      return row?.process_id ?? null;
    },
  };
}
