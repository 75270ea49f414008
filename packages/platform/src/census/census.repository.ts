import type { Db } from '../db/database.ts';
import type { CensusTable } from './census.csv.ts';
import type { CensusCell } from './representation.ts';

/** The only place with SQL for the census and the outreach thresholds. */
export function censusRepository(db: Db) {
  return {
    /** Stores a census and its cells in one transaction: all of it, or nothing. */
    async insertCensus(input: { year: number; source: string; table: CensusTable; importedBy: string; at: Date }): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const { table } = input;
        const row = await trx
          .insertInto('census_imports')
          .values({
            year: input.year,
            source: input.source,
            dimensions: JSON.stringify(table.dimensions),
            areas: JSON.stringify(table.areas),
            age_bands: JSON.stringify(table.ageBands),
            educations: JSON.stringify(table.educations),
            population: table.population,
            imported_by: input.importedBy,
            imported_at: input.at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // In chunks: PostgreSQL takes at most 65,535 parameters a statement.
        for (let i = 0; i < table.cells.length; i += 5000) {
          await trx
            .insertInto('census_cells')
            .values(table.cells.slice(i, i + 5000).map((c) => ({ census_id: row.id, area: c.area, age: c.age, sex: c.sex, education: c.education, population: c.population })))
            .execute();
        }
        return row.id;
      });
    },

    /** The census in use: the latest year, the latest import of that year. */
    current() {
      return db
        .selectFrom('census_imports')
        .select(['id', 'year', 'source', 'dimensions', 'areas', 'age_bands', 'educations', 'population', 'imported_at'])
        .orderBy('year', 'desc')
        .orderBy('imported_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async cellsOf(censusId: string): Promise<CensusCell[]> {
      return db.selectFrom('census_cells').select(['area', 'age', 'sex', 'education', 'population']).where('census_id', '=', censusId).execute();
    },

    thresholdsOf(processId: string) {
      return db.selectFrom('representation_thresholds').select(['max_ratio', 'min_expected', 'updated_at']).where('process_id', '=', processId).executeTakeFirst();
    },

    async saveThresholds(input: { processId: string; maxRatio: number; minExpected: number; by: string; at: Date }): Promise<void> {
      await db
        .insertInto('representation_thresholds')
        .values({ process_id: input.processId, max_ratio: input.maxRatio, min_expected: input.minExpected, updated_by: input.by, updated_at: input.at })
        .onConflict((oc) => oc.column('process_id').doUpdateSet({ max_ratio: input.maxRatio, min_expected: input.minExpected, updated_by: input.by, updated_at: input.at }))
        .execute();
    },

    remindersOf(phaseId: string) {
      return db.selectFrom('outreach_reminders').select(['area', 'age', 'recipients', 'sent_at']).where('phase_id', '=', phaseId).execute();
    },

    /** Records a reminder; false when the group was reminded in this phase already (one per group and phase). */
    async insertReminder(input: { processId: string; phaseId: string; area: string; age: string; recipients: number; by: string; at: Date }): Promise<boolean> {
      const row = await db
        .insertInto('outreach_reminders')
        .values({ process_id: input.processId, phase_id: input.phaseId, area: input.area, age: input.age, recipients: input.recipients, sent_by: input.by, sent_at: input.at })
        .onConflict((oc) => oc.constraint('outreach_reminders_group_unique').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type CensusRepository = ReturnType<typeof censusRepository>;
