import type { AuditService } from '../audit/audit.service.ts';
import { accountsPolicy, type Actor } from '../accounts/accounts.policy.ts';
import { checkGeometry, type Geometry, type Surface } from '../shared/geo.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { municipalityRepository } from './municipality.repository.ts';
import { geocode, type GeocodedPlace } from './geocoder.ts';

/** OpenStreetMap's own tiles, used until the administrator chooses others. */
export const defaultTiles = { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors' };

/** Limits of a map upload. */
export const mapLimits = { bytes: 5_000_000, features: 5000, issues: 20 };

/** A named area (district) or place (a street, a square, a building) of the municipality. */
export interface NamedFeature<G extends Geometry = Geometry> {
  readonly name: string;
  readonly geometry: G;
}

/** The municipality's map as stored: its boundary, its areas and named places, from the administrator's GeoJSON. */
export interface MapShapes {
  readonly boundary: Surface;
  readonly areas: readonly NamedFeature<Surface>[];
  readonly places: readonly NamedFeature[];
}

/** The municipality's map: the uploaded shapes (null until an administrator uploads them) and the tiles drawn beneath. */
export interface MunicipalityMap {
  readonly shapes: MapShapes | null;
  readonly tileUrl: string;
  readonly attribution: string;
  /** The geocoder typed addresses are looked up in when the map does not name them (with {query}); null: none. */
  readonly geocoderUrl: string | null;
}

/** Line and column (from 1) of a character offset in a text. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

const problem = (message: string, params: Record<string, string | number> = {}): FieldError => ({ field: 'geojson', message, params });

/**
 * Reads an administrator's GeoJSON: one FeatureCollection with exactly one feature whose `properties.kind` is
 * "boundary" (a Polygon or MultiPolygon: the municipality), named areas (polygons, `kind` "area" or none) and
 * named places (points and lines: streets, squares, buildings; `kind` "place" or none). Every problem names
 * where it is (the line and column of a JSON syntax error, or the path of the feature), at most 20 of them.
 */
export function readMapUpload(input: unknown): Result<MapShapes> {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > mapLimits.bytes) return fail('ValidationFailed', [problem('geo.tooLarge', { max: '5 MB' })]);
    if (input.trim() === '') return fail('ValidationFailed', [{ field: 'geojson', message: 'field.required' }]);
    try {
      value = JSON.parse(input);
    } catch (error) {
      // V8 says where: "… in JSON at position 42" (or "(line 3 column 5)" in newer versions).
      const message = error instanceof Error ? error.message : '';
      const at = /position (\d+)/.exec(message);
      const lc = /line (\d+) column (\d+)/.exec(message);
      const where = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : at ? lineAndColumn(input, Number(at[1])) : lineAndColumn(input, input.length);
      return fail('ValidationFailed', [problem('geo.notJson', where)]);
    }
  }
  const collection = value as { type?: unknown; features?: unknown } | null;
  if (typeof collection !== 'object' || collection === null || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    return fail('ValidationFailed', [problem('geo.notCollection')]);
  }
  if (collection.features.length > mapLimits.features) return fail('ValidationFailed', [problem('geo.tooManyFeatures', { max: mapLimits.features })]);
  const issues: FieldError[] = [];
  const boundaries: { where: string; geometry: Surface }[] = [];
  const areas: NamedFeature<Surface>[] = [];
  const places: NamedFeature[] = [];
  const names = new Set<string>();
  // A boundary with a faulty geometry is reported as such, not also as missing.
  let boundarySeen = false;
  for (const [i, raw] of collection.features.entries()) {
    const where = `features[${i}]`;
    const feature = raw as { type?: unknown; geometry?: unknown; properties?: unknown } | null;
    if (typeof feature !== 'object' || feature === null || feature.type !== 'Feature') {
      issues.push(problem('geo.notFeature', { where }));
      continue;
    }
    const properties = (typeof feature.properties === 'object' && feature.properties !== null ? feature.properties : {}) as Record<string, unknown>;
    const kind = properties.kind ?? properties.type;
    const name = typeof properties.name === 'string' ? properties.name.trim() : '';
    const label = name === '' ? where : `${where} (${name})`;
    if (kind === 'boundary') boundarySeen = true;
    const checked = checkGeometry(feature.geometry, `${label}.geometry`, ['Point', 'LineString', 'Polygon', 'MultiPolygon']);
    if (!checked.ok) {
      issues.push(...checked.issues.map((f) => ({ ...f, field: 'geojson' })));
      continue;
    }
    const geometry = checked.geometry;
    const surface = geometry.type === 'Polygon' || geometry.type === 'MultiPolygon' ? geometry : null;
    if (kind === 'boundary') {
      if (surface) boundaries.push({ where: label, geometry: surface });
      else issues.push(problem('geo.boundaryNotArea', { where: label }));
      continue;
    }
    if (kind !== undefined && kind !== 'area' && kind !== 'place') {
      issues.push(problem('geo.unknownKind', { where: label, kind: String(kind) }));
      continue;
    }
    if (name === '') {
      issues.push(problem('geo.noName', { where }));
      continue;
    }
    if (name.length > 120) {
      issues.push(problem('geo.longName', { where: label, max: 120 }));
      continue;
    }
    const key = `${surface && kind !== 'place' ? 'area' : 'place'}:${name.toLowerCase()}`;
    if (names.has(key)) {
      issues.push(problem('geo.duplicateName', { where: label, name }));
      continue;
    }
    names.add(key);
    if (kind === 'area' && !surface) issues.push(problem('geo.areaNotArea', { where: label }));
    else if (surface && kind !== 'place') areas.push({ name, geometry: surface });
    else places.push({ name, geometry });
  }
  if (!boundarySeen) issues.push(problem('geo.noBoundary'));
  for (const extra of boundaries.slice(1)) issues.push(problem('geo.twoBoundaries', { where: extra.where }));
  const boundary = boundaries[0];
  if (issues.length > 0 || !boundary) return fail('ValidationFailed', issues.slice(0, mapLimits.issues));
  return ok({ boundary: boundary.geometry, areas, places });
}

/** The shapes as one GeoJSON FeatureCollection, as an administrator would upload it (and the map draws it). */
export function shapesAsGeoJson(shapes: MapShapes) {
  const feature = (geometry: Geometry, properties: Record<string, string>) => ({ type: 'Feature' as const, properties, geometry });
  return {
    type: 'FeatureCollection' as const,
    features: [
      feature(shapes.boundary, { kind: 'boundary' }),
      ...shapes.areas.map((a) => feature(a.geometry, { kind: 'area', name: a.name })),
      ...shapes.places.map((p) => feature(p.geometry, { kind: 'place', name: p.name })),
    ],
  };
}

function tileUrl(value: unknown, errors: FieldError[]): string | null {
  const url = typeof value === 'string' ? value.trim() : '';
  if (url === '') return null;
  // Tiles are images from another host: https only (the pages' Content-Security-Policy allows https images).
  if (url.length > 500 || !/^https:\/\/[^\s/]+\/\S*$/.test(url) || !['{z}', '{x}', '{y}'].every((p) => url.includes(p))) {
    errors.push({ field: 'tileUrl', message: 'geo.tileUrl' });
  }
  return url;
}

function geocoderUrl(value: unknown, errors: FieldError[]): string | null {
  const url = typeof value === 'string' ? value.trim() : '';
  if (url === '') return null;
  // https, or plain http to a geocoder run on the same machine (a local Nominatim or Photon).
  if (url.length > 500 || !/^(https:\/\/[^\s/]+|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?)\/\S*$/.test(url) || !url.includes('{query}')) {
    errors.push({ field: 'geocoderUrl', message: 'geo.geocoderUrl', params: { query: '{query}' } });
  }
  return url;
}

/** The municipality's map: reading it, and administrators setting its shapes, tiles and geocoder. */
export function mapUseCases(repo: ReturnType<typeof municipalityRepository>, audit: Pick<AuditService, 'record'>) {
  let cached: { value: MunicipalityMap; at: number } | null = null;

  async function map(): Promise<MunicipalityMap> {
    if (cached && Date.now() - cached.at < 5000) return cached.value;
    const row = await repo.mapRow();
    const value: MunicipalityMap = {
      shapes: (row?.map_shapes as MapShapes | null | undefined) ?? null,
      tileUrl: row?.map_tile_url ?? defaultTiles.url,
      attribution: row?.map_attribution ?? (row?.map_tile_url ? '' : defaultTiles.attribution),
      geocoderUrl: row?.map_geocoder_url ?? null,
    };
    cached = { value, at: Date.now() };
    return value;
  }

  return {
    /** The map every page with a map draws (public). */
    map,

    /**
     * Sets the map (administrators; audited): a new GeoJSON upload replaces the shapes (left out: kept), the
     * tile address and attribution (empty: OpenStreetMap's), and the geocoder (empty: none). Nothing is saved
     * unless all of it is right.
     */
    async setMap(actor: Actor | null, input: { geojson?: unknown; tileUrl?: unknown; attribution?: unknown; geocoderUrl?: unknown }): Promise<Result<{ areas: number; places: number }>> {
      if (!actor) return fail('NotSignedIn');
      if (!accountsPolicy.manageMunicipality(actor)) return fail('Forbidden');
      const errors: FieldError[] = [];
      const sent = input.geojson !== undefined && input.geojson !== null && input.geojson !== '';
      const shapes = sent ? readMapUpload(input.geojson) : null;
      if (shapes && !shapes.ok) errors.push(...(shapes.fields ?? []));
      const tiles = tileUrl(input.tileUrl, errors);
      const attribution = typeof input.attribution === 'string' ? input.attribution.trim() : '';
      if (attribution.length > 300) errors.push({ field: 'attribution', message: 'field.tooLong', params: { max: 300 } });
      const geocoder = geocoderUrl(input.geocoderUrl, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const next = shapes?.ok ? shapes.value : ((await map()).shapes ?? null);
      if (!(await repo.setMap(next === null ? null : JSON.stringify(next), tiles, attribution === '' ? null : attribution, geocoder))) return fail('NotFound');
      cached = null;
      await audit.record({ actorId: actor.id, action: 'municipality.map_set', subjectType: 'municipality', subjectId: '1', details: { newShapes: sent, areas: next?.areas.length ?? 0, places: next?.places.length ?? 0, geocoder: geocoder !== null } });
      return ok({ areas: next?.areas.length ?? 0, places: next?.places.length ?? 0 });
    },

    /**
     * Looks a typed address up in the administrator's geocoder: the places it found (in its order), an empty list
     * when it found none, or null when there is no geocoder or it could not be reached.
     */
    async geocode(text: string): Promise<GeocodedPlace[] | null> {
      const { geocoderUrl } = await map();
      return geocoderUrl ? geocode(geocoderUrl, text.trim().slice(0, 300)) : null;
    },

    /** Gives the municipality a map when it has none (the demo seed). */
    async ensureMap(geojson: unknown): Promise<void> {
      const shapes = readMapUpload(geojson);
      if (!shapes.ok) throw new Error(`the map does not read: ${JSON.stringify(shapes.fields)}`);
      if ((await repo.mapRow())?.map_shapes) return;
      await repo.setMap(JSON.stringify(shapes.value), null, null, null);
      cached = null;
    },
  };
}
