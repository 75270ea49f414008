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
  /** The map's boundary, areas and places (`MapShapes` as JSON); null until an administrator uploads them. */
  map_shapes: ColumnType<unknown, string | null | undefined, string | null>;
  /** The tiles drawn beneath the map (an https address with {z}, {x}, {y}); null: OpenStreetMap's. */
  map_tile_url: ColumnType<string | null, string | null | undefined, string | null>;
  map_attribution: ColumnType<string | null, string | null | undefined, string | null>;
  /** A geocoder's search address with {query} (Nominatim or Photon) for addresses the map does not name; null: none. */
  map_geocoder_url: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MunicipalityTables {
  municipality: MunicipalityTable;
}
