import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText } from '../shared/localized.ts';

export const processStatuses = ['draft', 'published', 'closed'] as const;
/** Draft → published → closed. */
export type ProcessStatus = (typeof processStatuses)[number];

type Json<T> = ColumnType<T, string, string>;

export interface ProcessesTable {
  id: Generated<string>;
  slug: string;
  status: ColumnType<ProcessStatus, ProcessStatus | undefined, ProcessStatus>;
  title: Json<LocalizedText>;
  summary: Json<LocalizedText>;
  starts_on: string | null;
  ends_on: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProcessesTables {
  processes: ProcessesTable;
}
