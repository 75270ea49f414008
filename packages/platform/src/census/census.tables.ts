import type { ColumnType, Generated } from 'kysely';
import type { AgeBand, CensusDimension } from './representation.ts';

/** One imported census (once a year): what it spans, and who imported it when. The cells are in `census_cells`. */
export interface CensusImportsTable {
  id: Generated<string>;
  /** The year the figures describe (as of 1 January, as SSB, SCB and DST count). */
  year: number;
  /** Where the figures come from, as the administrator wrote it (e.g. "SSB tabell 07459"). */
  source: string;
  dimensions: ColumnType<CensusDimension[], string, string>;
  areas: ColumnType<string[], string, string>;
  age_bands: ColumnType<AgeBand[], string, string>;
  educations: ColumnType<string[], string, string>;
  population: number;
  imported_by: string | null;
  imported_at: ColumnType<Date, Date | string | undefined, never>;
}

/** The people of one area, age band, sex and (when the census has it) education level. No person is named. */
export interface CensusCellsTable {
  census_id: string;
  area: string;
  age: string;
  sex: 'female' | 'male';
  education: string | null;
  population: number;
}

/** A process manager's outreach thresholds for a process: below which ratio a group raises an alert. */
export interface RepresentationThresholdsTable {
  process_id: string;
  /** A group whose participants ÷ expected falls below this raises the alert (0–1). */
  max_ratio: number;
  /** Groups expected fewer participants than this are too small to judge and raise nothing. */
  min_expected: number;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A reminder e-mailed to the registered residents of one group (area and/or age band) while a phase was open. */
export interface OutreachRemindersTable {
  id: Generated<string>;
  process_id: string;
  phase_id: string;
  /** The group's area and age band ('' where the group is not by that dimension). */
  area: string;
  age: string;
  recipients: number;
  sent_by: string | null;
  sent_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface CensusTables {
  census_imports: CensusImportsTable;
  census_cells: CensusCellsTable;
  representation_thresholds: RepresentationThresholdsTable;
  outreach_reminders: OutreachRemindersTable;
}
