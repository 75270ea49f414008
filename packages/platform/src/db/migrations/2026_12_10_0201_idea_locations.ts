import { sql, type Kysely } from 'kysely';

// Issue 19, part 3: ideas on a map. The municipality's map (boundary, areas and named places from the
// administrator's GeoJSON, and the tiles beneath); per ideas phase, whether an idea asks for a location and of
// which kinds; and an idea's location (a GeoJSON geometry), with the point that stands for it on the map, what
// the resident typed, and the area it lies in (for filters), kept beside it so lists need no geometry work.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE municipality
    ADD COLUMN map_shapes jsonb,
    ADD COLUMN map_tile_url text CHECK (map_tile_url IS NULL OR length(map_tile_url) <= 500),
    ADD COLUMN map_attribution text CHECK (map_attribution IS NULL OR length(map_attribution) <= 300)`.execute(db);
  await sql`CREATE TABLE idea_location_settings (
    phase_id uuid PRIMARY KEY REFERENCES phases(id) ON DELETE CASCADE,
    mode text NOT NULL CONSTRAINT idea_location_settings_mode CHECK (mode IN ('none', 'optional', 'required')),
    kinds text[] NOT NULL CONSTRAINT idea_location_settings_kinds CHECK (kinds <@ ARRAY['point', 'line', 'area']::text[] AND cardinality(kinds) >= 1),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`ALTER TABLE ideas
    ADD COLUMN location jsonb,
    ADD COLUMN location_lon double precision,
    ADD COLUMN location_lat double precision,
    ADD COLUMN location_label text CHECK (location_label IS NULL OR length(location_label) <= 300),
    ADD COLUMN location_area text,
    ADD CONSTRAINT ideas_location_point CHECK ((location IS NULL) = (location_lon IS NULL) AND (location IS NULL) = (location_lat IS NULL))`.execute(db);
  await sql`CREATE INDEX ideas_phase_located ON ideas (phase_id) WHERE location IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX ideas_phase_located`.execute(db);
  await sql`ALTER TABLE ideas DROP CONSTRAINT ideas_location_point, DROP COLUMN location, DROP COLUMN location_lon, DROP COLUMN location_lat, DROP COLUMN location_label, DROP COLUMN location_area`.execute(db);
  await sql`DROP TABLE idea_location_settings`.execute(db);
  await sql`ALTER TABLE municipality DROP COLUMN map_shapes, DROP COLUMN map_tile_url, DROP COLUMN map_attribution`.execute(db);
}
