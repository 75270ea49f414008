import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { readCensusFile } from './census.csv.ts';
import type { CensusContext } from './census.context.ts';
import { censusPolicy } from './census.policy.ts';
import type { AgeBand, CensusDimension } from './representation.ts';

/** The census in use, as the administrator's page and the API show it. */
export interface CensusSummary {
  readonly id: string;
  readonly year: number;
  readonly source: string;
  readonly dimensions: readonly CensusDimension[];
  readonly areas: readonly string[];
  readonly ageBands: readonly AgeBand[];
  readonly educations: readonly string[];
  readonly population: number;
  readonly importedAt: Date;
}

/** The longest file accepted: a census of a large municipality by small areas is well under this. */
export const maxCensusFileLength = 5_000_000;

/** Importing the municipality's census, and reading which one is in use. */
export function importingUseCases({ deps, repo }: CensusContext) {
  async function current(): Promise<CensusSummary | null> {
    const row = await repo.current();
    if (!row) return null;
    return { id: row.id, year: row.year, source: row.source, dimensions: row.dimensions, areas: row.areas, ageBands: row.age_bands, educations: row.educations, population: row.population, importedAt: row.imported_at };
  }

  return {
    /**
     * Imports a census file (docs/census-format.md) for a year; the newest year is the one in use. The whole
     * file is checked first: with any problem nothing is stored, and every problem names its line.
     */
    async importCensus(actor: Actor | null, input: { year: unknown; source: unknown; file: unknown }): Promise<Result<CensusSummary>> {
      if (!actor) return fail('NotSignedIn');
      if (!censusPolicy.importCensus(actor)) return fail('Forbidden');
      const errors: FieldError[] = [];
      const yearText = typeof input.year === 'number' ? String(input.year) : typeof input.year === 'string' ? input.year.trim() : '';
      const year = Number(yearText);
      if (yearText === '') errors.push({ field: 'year', message: 'field.required' });
      else if (!/^\d{4}$/.test(yearText) || year < 1900 || year > 2100) errors.push({ field: 'year', message: 'census.year' });
      const source = typeof input.source === 'string' ? input.source.trim() : '';
      if (source.length > 200) errors.push({ field: 'source', message: 'field.tooLong', params: { max: 200 } });
      const file = typeof input.file === 'string' ? input.file : '';
      if (file.length > maxCensusFileLength) errors.push({ field: 'census', message: 'census.file.tooLarge' });
      else if (file.trim() === '') errors.push({ field: 'census', message: 'census.file.empty' });
      else {
        const read = readCensusFile(file, await deps.areas());
        if (!read.ok) errors.push(...read.errors);
        else if (errors.length === 0) {
          const at = deps.clock();
          const { census } = read;
          const id = await repo.insertCensus({ year, source, table: census, importedBy: actor.id, at });
          await deps.audit.record({ actorId: actor.id, action: 'census.imported', subjectType: 'census', subjectId: id, details: { year, cells: census.cells.length, population: census.population } });
          return ok({ id, year, source, dimensions: census.dimensions, areas: census.areas, ageBands: census.ageBands, educations: census.educations, population: census.population, importedAt: at });
        }
      }
      return fail('ValidationFailed', errors);
    },

    /** The census in use (the newest year), or null before any import. */
    async currentCensus(actor: Actor | null): Promise<Result<CensusSummary | null>> {
      if (!actor) return fail('NotSignedIn');
      if (!censusPolicy.importCensus(actor) && !censusPolicy.seeRepresentation(actor)) return fail('Forbidden');
      return ok(await current());
    },

    current,
  };
}
