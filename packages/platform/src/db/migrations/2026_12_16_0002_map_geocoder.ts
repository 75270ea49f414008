import { sql, type Kysely } from 'kysely';

// Issue 19, part 3: "a typed address search as the accessible alternative". An address the municipality's own
// map does not name can be looked up in a geocoder the administrator chooses (a Nominatim or Photon search
// address with {query}); none by default, and the address field works from the map's own names without one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE municipality ADD COLUMN map_geocoder_url text CONSTRAINT municipality_map_geocoder_url_length CHECK (map_geocoder_url IS NULL OR length(map_geocoder_url) <= 500)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE municipality DROP COLUMN map_geocoder_url`.execute(db);
}
