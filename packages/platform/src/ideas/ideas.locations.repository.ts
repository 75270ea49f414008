import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { locationColumns, type StoredLocation } from './ideas.repository.ts';

/** The most ideas one map shows (a phase with more shows the newest). */
export const mapLimit = 2000;

/** SQL for ideas' locations and the phases' location settings. */
export function ideasLocationsRepository(db: Db) {
  return {
    /** The location settings of some phases (phases without a row ask for no location). */
    settingsOf(phaseIds: readonly string[]) {
      if (phaseIds.length === 0) return Promise.resolve([]);
      return db.selectFrom('idea_location_settings').select(['phase_id', 'mode', 'kinds']).where('phase_id', 'in', phaseIds).execute();
    },

    async setSettings(phaseId: string, mode: 'none' | 'optional' | 'required', kinds: readonly string[]): Promise<void> {
      await db
        .insertInto('idea_location_settings')
        .values({ phase_id: phaseId, mode, kinds: [...kinds] })
        .onConflict((oc) => oc.column('phase_id').doUpdateSet({ mode, kinds: [...kinds], updated_at: new Date() }))
        .execute();
    },

    async setLocation(ideaId: string, location: StoredLocation | null): Promise<void> {
      await db.updateTable('ideas').set(locationColumns(location)).where('id', '=', ideaId).execute();
    },

    /**
     * The published, visible ideas of a process (or one phase) that have a location, newest first, at most
     * `mapLimit`: optionally only one area or category, or titles containing a text.
     */
    located(query: { processId?: string; phaseId?: string; area?: string | null; category?: string | null; text?: string | null }) {
      let q = db
        .selectFrom('ideas')
        .select(['id', 'phase_id', 'title', 'status', 'category', 'support_count', 'comment_count', 'created_at', 'location', 'location_label', 'location_area', 'location_lon', 'location_lat'])
        .where('location', 'is not', null)
        .where('hidden_at', 'is', null)
        .where('screening', '=', 'published');
      if (query.processId) q = q.where('process_id', '=', query.processId);
      if (query.phaseId) q = q.where('phase_id', '=', query.phaseId);
      if (query.area) q = q.where('location_area', '=', query.area);
      if (query.category) q = q.where('category', '=', query.category);
      if (query.text) q = q.where(sql<boolean>`(title ILIKE ${`%${escapeLike(query.text)}%`} OR location_label ILIKE ${`%${escapeLike(query.text)}%`})`);
      return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(mapLimit).execute();
    },
  };
}

/** A text for ILIKE with its wildcards taken literally. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type IdeasLocationsRepository = ReturnType<typeof ideasLocationsRepository>;
