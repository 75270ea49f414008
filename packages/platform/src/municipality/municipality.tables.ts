import type { ColumnType, Generated } from 'kysely';

export interface MunicipalityTable {
  id: Generated<number>;
  name: string;
  logo_url: string | null;
  primary_colour: ColumnType<string, string | undefined, string>;
  default_locale: ColumnType<string, string | undefined, string>;
  /** The municipality's areas (districts), in its own order: a JSON array of names. */
  areas: ColumnType<string[], string | undefined, string>;
  /** Days after a citizens' panel ends before its registrations' personal data is deleted; null: not set. */
  panel_retention_days: ColumnType<number | null, number | null | undefined, number | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MunicipalityTables {
  municipality: MunicipalityTable;
}
