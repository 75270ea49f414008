import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { charterFields, type CharterField, type PhaseMethod, type PhaseSettings, type ProcessStatus } from './processes.tables.ts';

/**
 * Locks the process (so two changes to its timeline run one after the other) and says whether another of
 * its phases than `except` overlaps `startsOn`–`endsOn`. Run inside the change's transaction.
 */
async function lockAndFindOverlap(trx: Db, processId: string, startsOn: string, endsOn: string, except: string | null): Promise<boolean> {
  await trx.selectFrom('processes').select('id').where('id', '=', processId).forUpdate().execute();
  const clash = await trx
    .selectFrom('phases')
    .select('id')
    .where('process_id', '=', processId)
    .$if(except !== null, (qb) => qb.where('id', '<>', except ?? ''))
    .where('starts_on', '<=', endsOn)
    .where('ends_on', '>=', startsOn)
    .executeTakeFirst();
  return clash !== undefined;
}

/** The only place with SQL for processes and phases. */
export function processesRepository(db: Db) {
  const summaryColumns = ['id', 'slug', 'status', 'title', 'summary', 'starts_on', 'ends_on', 'created_at'] as const;
  const fullColumns = [...summaryColumns, ...charterFields, 'respond_by', 'published_at'] as const;
  return {
    /**
     * Processes with one of `statuses`, newest first. With `ended`, only those whose end date has passed by
     * `today` (`true`) or has not (`false`), as `processState` reads the dates; the closed ones count as ended.
     */
    list(filter: { statuses: readonly ProcessStatus[]; limit: number; offset: number; ended?: { today: string; value: boolean } }) {
      const ended = filter.ended;
      return db
        .selectFrom('processes')
        .select(summaryColumns)
        .where('status', 'in', filter.statuses)
        .$if(ended !== undefined, (qb) =>
          qb.where((eb) => {
            const today = ended?.today ?? '';
            const past = eb.or([eb('status', '=', 'closed'), eb.and([eb('ends_on', 'is not', null), eb('ends_on', '<', today)])]);
            return ended?.value ? past : eb.not(past);
          }),
        )
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

    /** The ids of one method's phases in published processes that run on `today` (YYYY-MM-DD). */
    async runningPhaseIds(method: PhaseMethod, today: string): Promise<string[]> {
      const rows = await db
        .selectFrom('phases')
        .innerJoin('processes', 'processes.id', 'phases.process_id')
        .select('phases.id')
        .where('phases.method', '=', method)
        .where('processes.status', '=', 'published')
        .where('phases.starts_on', '<=', today)
        .where('phases.ends_on', '>=', today)
        .orderBy('phases.starts_on')
        .orderBy('phases.id')
        .execute();
      return rows.map((r) => r.id);
    },

    async processOfPhase(phaseId: string): Promise<string | null> {
      const row = await db.selectFrom('phases').select('process_id').where('id', '=', phaseId).executeTakeFirst();
      return row?.process_id ?? null;
    },
    /**
     * Adds a phase unless its dates overlap another phase of the process, checked under a lock on the
     * process in one transaction; the new phase's id, or null on an overlap.
     */
    insertPhaseWithoutOverlap(processId: string, phase: { method: PhaseMethod; title: LocalizedText; startsOn: string; endsOn: string; settings: PhaseSettings }): Promise<string | null> {
      const { startsOn, endsOn } = phase;
      return db.transaction().execute(async (trx) => {
        if (await lockAndFindOverlap(trx, processId, startsOn, endsOn, null)) return null;
        const row = await trx
          .insertInto('phases')
          .values({ process_id: processId, method: phase.method, title: JSON.stringify(phase.title), starts_on: startsOn, ends_on: endsOn, settings: JSON.stringify(phase.settings) })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
    },

    /** Adds a phase as seeding gives it (no overlap check); returns its id. */
    async insertPhase(processId: string, phase: { method: PhaseMethod; title: LocalizedText; description?: LocalizedText; startsOn: string; endsOn: string; settings?: PhaseSettings }): Promise<string> {
      const row = await db
        .insertInto('phases')
        .values({ process_id: processId, method: phase.method, title: JSON.stringify(phase.title), description: JSON.stringify(phase.description ?? {}), starts_on: phase.startsOn, ends_on: phase.endsOn, settings: JSON.stringify(phase.settings ?? {}) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Replaces a phase's description (all languages). */
    async setPhaseDescription(phaseId: string, description: LocalizedText): Promise<void> {
      await db.updateTable('phases').set({ description: JSON.stringify(description) }).where('id', '=', phaseId).execute();
    },

    /** Removes a phase of the process; true when one was removed. */
    async deletePhase(processId: string, phaseId: string): Promise<boolean> {
      const removed = await db.deleteFrom('phases').where('id', '=', phaseId).where('process_id', '=', processId).executeTakeFirst();
      return Number(removed.numDeletedRows) !== 0;
    },

    /**
     * Writes a phase's title, dates and settings unless the dates would overlap another phase of the process,
     * checked under a lock on the process in one transaction: 'saved', 'overlap', or 'missing'.
     */
    updatePhaseWithoutOverlap(processId: string, phaseId: string, set: { title: LocalizedText; startsOn: string; endsOn: string; settings: PhaseSettings }): Promise<'saved' | 'overlap' | 'missing'> {
      return db.transaction().execute(async (trx) => {
        if (await lockAndFindOverlap(trx, processId, set.startsOn, set.endsOn, phaseId)) return 'overlap';
        const saved = await trx
          .updateTable('phases')
          .set({ title: JSON.stringify(set.title), starts_on: set.startsOn, ends_on: set.endsOn, settings: JSON.stringify(set.settings) })
          .where('id', '=', phaseId)
          .where('process_id', '=', processId)
          .executeTakeFirst();
        return Number(saved.numUpdatedRows) === 0 ? 'missing' : 'saved';
      });
    },

    /**
     * Swaps a phase with its neighbour in the timeline (`up`: the one before it), under a lock on the process
     * in one transaction. The two keep the span they shared and the gap between them: the one moving first
     * starts where the first started, the other ends where the second ended, each as long as before, so no
     * other phase is touched. Both must start after `today`. 'moved', 'missing', 'edge' (no neighbour that
     * way) or 'started' (one of the two has started).
     */
    swapWithNeighbour(processId: string, phaseId: string, direction: 'up' | 'down', today: string): Promise<'moved' | 'missing' | 'edge' | 'started'> {
      return db.transaction().execute(async (trx) => {
        await trx.selectFrom('processes').select('id').where('id', '=', processId).forUpdate().execute();
        const phases = await trx.selectFrom('phases').select(['id', 'starts_on', 'ends_on']).where('process_id', '=', processId).orderBy('starts_on').orderBy('id').execute();
        const index = phases.findIndex((p) => p.id === phaseId);
        if (index < 0) return 'missing';
        const [first, second] = direction === 'up' ? [phases[index - 1], phases[index]] : [phases[index], phases[index + 1]];
        if (!first || !second) return 'edge';
        if (first.starts_on <= today || second.starts_on <= today) return 'started';
        const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
        const iso = (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10);
        const start = day(first.starts_on);
        const end = day(second.ends_on);
        const secondLength = day(second.ends_on) - day(second.starts_on);
        const firstLength = day(first.ends_on) - day(first.starts_on);
        await trx.updateTable('phases').set({ starts_on: iso(start), ends_on: iso(start + secondLength) }).where('id', '=', second.id).execute();
        await trx.updateTable('phases').set({ starts_on: iso(end - firstLength), ends_on: iso(end) }).where('id', '=', first.id).execute();
        return 'moved';
      });
    },

    /** Sets a process's overall dates directly (a process without phases). */
    async setDates(id: string, startsOn: string | null, endsOn: string | null): Promise<void> {
      await db.updateTable('processes').set({ starts_on: startsOn, ends_on: endsOn }).where('id', '=', id).execute();
    },

    /** Makes the process's overall dates its timeline's first start and last end. */
    async syncDates(processId: string): Promise<void> {
      await sql`UPDATE processes SET starts_on = (SELECT min(starts_on) FROM phases WHERE process_id = ${processId}),
      ends_on = (SELECT max(ends_on) FROM phases WHERE process_id = ${processId}), updated_at = now() WHERE id = ${processId}`.execute(db);
    },

    /**
     * Moves a phase's dates unless they would overlap another phase of the process, checked under a lock on
     * the process in one transaction: 'moved', 'overlap', or 'missing' when the process has no such phase.
     */
    movePhaseWithoutOverlap(processId: string, phaseId: string, startsOn: string, endsOn: string): Promise<'moved' | 'overlap' | 'missing'> {
      return db.transaction().execute(async (trx) => {
        if (await lockAndFindOverlap(trx, processId, startsOn, endsOn, phaseId)) return 'overlap';
        const moved = await trx.updateTable('phases').set({ starts_on: startsOn, ends_on: endsOn }).where('id', '=', phaseId).where('process_id', '=', processId).executeTakeFirst();
        return Number(moved.numUpdatedRows) === 0 ? 'missing' : 'moved';
      });
    },
  };
}
