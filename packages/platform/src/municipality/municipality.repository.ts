import type { Db } from '../db/database.ts';
import type { Locale } from '../i18n/locales.ts';

/** The settings as the repository writes them. */
interface MunicipalityRow {
  readonly name: string;
  readonly logoUrl: string | null;
  readonly primaryColour: string;
  readonly defaultLocale: Locale;
  readonly areas: readonly string[];
}

/** The only place with SQL for the municipality's settings (one row, id 1). */
export function municipalityRepository(db: Db) {
  return {
    /** The settings row, if any. */
    find() {
      return db.selectFrom('municipality').selectAll().where('id', '=', 1).executeTakeFirst();
    },

    /** Creates the settings row when missing; leaves an existing one alone. */
    async insertIfMissing(initial: MunicipalityRow): Promise<void> {
      await db
        .insertInto('municipality')
        .values({
          id: 1,
          name: initial.name,
          logo_url: initial.logoUrl,
          primary_colour: initial.primaryColour,
          default_locale: initial.defaultLocale,
          areas: JSON.stringify(initial.areas),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    /** Writes the settings, creating the row or replacing its values. */
    async upsert(value: MunicipalityRow): Promise<void> {
      await db
        .insertInto('municipality')
        .values({
          id: 1,
          name: value.name,
          logo_url: value.logoUrl,
          primary_colour: value.primaryColour,
          default_locale: value.defaultLocale,
          areas: JSON.stringify(value.areas),
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            name: value.name,
            logo_url: value.logoUrl,
            primary_colour: value.primaryColour,
            default_locale: value.defaultLocale,
            areas: JSON.stringify(value.areas),
            updated_at: new Date(),
          }),
        )
        .execute();
    },

    /** The retention setting: days after a panel ends before its registrations' personal data goes (null: not set). */
    async panelRetentionDays(): Promise<number | null> {
      return (await db.selectFrom('municipality').select('panel_retention_days').where('id', '=', 1).executeTakeFirst())?.panel_retention_days ?? null;
    },

    /** Sets the retention setting (the settings row exists once the site is seeded). */
    async setPanelRetentionDays(days: number | null): Promise<boolean> {
      const result = await db.updateTable('municipality').set({ panel_retention_days: days, updated_at: new Date() }).where('id', '=', 1).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** The map's shapes, tiles and geocoder. */
    mapRow() {
      return db.selectFrom('municipality').select(['map_shapes', 'map_tile_url', 'map_attribution', 'map_geocoder_url']).where('id', '=', 1).executeTakeFirst();
    },

    /** Sets the map's shapes (JSON), tiles and geocoder (the settings row exists once the site is seeded). */
    async setMap(shapes: string | null, tileUrl: string | null, attribution: string | null, geocoderUrl: string | null): Promise<boolean> {
      const result = await db
        .updateTable('municipality')
        .set({ map_shapes: shapes, map_tile_url: tileUrl, map_attribution: attribution, map_geocoder_url: geocoderUrl, updated_at: new Date() })
        .where('id', '=', 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
