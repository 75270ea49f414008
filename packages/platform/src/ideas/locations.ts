import type { Actor } from '../accounts/accounts.policy.ts';
import type { MapShapes, NamedFeature } from '../municipality/municipality.service.ts';
import { checkGeometry, geometryWithin, kindOf, locationKinds, parseLatLon, pointInSurface, representativePoint, type Geometry, type LocationKind, type Position } from '../shared/geo.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { IdeasContext } from './ideas.context.ts';
import { ideasPolicy } from './ideas.policy.ts';
import type { StoredLocation } from './ideas.repository.ts';

/** Whether an ideas phase asks for a location, and which kinds a resident may mark. */
export interface LocationSettings {
  readonly mode: 'none' | 'optional' | 'required';
  readonly kinds: readonly LocationKind[];
}

/** A phase that has not been set asks for no location; when it does, a point by default. */
export const noLocation: LocationSettings = { mode: 'none', kinds: ['point'] };

/** An idea as the map shows it. */
export interface MappedIdea {
  readonly id: string;
  readonly phaseId: string;
  readonly title: string;
  readonly status: string;
  readonly category: string | null;
  readonly supportCount: number;
  readonly commentCount: number;
  readonly createdAt: Date;
  readonly location: Geometry;
  /** What the resident typed or picked. */
  readonly label: string | null;
  /** The municipality's area it lies in. */
  readonly area: string | null;
  /** The point that stands for it on the map: [longitude, latitude]. */
  readonly point: Position;
}

/** A place found by a search: an area, a named place, typed coordinates, or an idea that has a location. */
export interface PlaceMatch {
  readonly name: string;
  readonly kind: 'area' | 'place' | 'coordinates' | 'idea';
  readonly geometry: Geometry;
  readonly point: Position;
  readonly ideaId?: string;
}

const normal = (text: string) => text.normalize('NFKC').trim().toLocaleLowerCase('nb');

/** The municipality's areas and places matching a text: exact names first, then names starting with it, then containing it. */
function matchNames(shapes: MapShapes | null, query: string): { feature: NamedFeature; kind: 'area' | 'place' }[] {
  if (!shapes) return [];
  const q = normal(query);
  if (q === '') return [];
  const all = [...shapes.areas.map((feature) => ({ feature: feature as NamedFeature, kind: 'area' as const })), ...shapes.places.map((feature) => ({ feature, kind: 'place' as const }))];
  const rank = (name: string) => (name === q ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : 3);
  return all
    .map((m) => ({ ...m, rank: rank(normal(m.feature.name)) }))
    .filter((m) => m.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.feature.name.localeCompare(b.feature.name, 'nb'));
}

/** A geometry as an idea may hold it: a single polygon stays a polygon, a multipolygon becomes its first polygon's area or its point. */
function asIdeaGeometry(geometry: Geometry, kinds: readonly LocationKind[]): Geometry | null {
  if (geometry.type === 'MultiPolygon') {
    const only = geometry.coordinates.length === 1 ? geometry.coordinates[0] : undefined;
    return only && kinds.includes('area') ? { type: 'Polygon', coordinates: only } : kinds.includes('point') ? { type: 'Point', coordinates: representativePoint(geometry) } : null;
  }
  if (kinds.includes(kindOf(geometry))) return geometry;
  return kinds.includes('point') ? { type: 'Point', coordinates: representativePoint(geometry) } : null;
}

/** Ideas' locations: the phase's setting, reading what a resident marked or typed, the map, search and the export. */
export function locationUseCases(ctx: IdeasContext) {
  const { deps, locRepo } = ctx;

  async function settingsOf(phaseIds: readonly string[]): Promise<Map<string, LocationSettings>> {
    const rows = await locRepo.settingsOf(phaseIds);
    return new Map(rows.map((r) => [r.phase_id, { mode: r.mode, kinds: locationKinds.filter((k) => r.kinds.includes(k)) }]));
  }

  function stored(geometry: Geometry, label: string | null, shapes: MapShapes | null): StoredLocation {
    const [lon, lat] = representativePoint(geometry);
    const area = shapes?.areas.find((a) => pointInSurface([lon, lat], a.geometry))?.name ?? null;
    return { geometry, lon, lat, label: label === '' ? null : label, area };
  }

  /**
   * What a resident marked (`location`, a GeoJSON geometry from the map) or typed (`address`: a place's or area's
   * name from the municipality's map, coordinates as "lat, lon", or an address the municipality's geocoder
   * finds, when it has one), checked against the phase's setting and the
   * municipality's boundary. Problems go to `errors` on the field they came from.
   */
  async function readLocation(settings: LocationSettings, input: { location?: unknown; address?: unknown }, errors: FieldError[]): Promise<StoredLocation | null> {
    if (settings.mode === 'none') return null;
    const { shapes } = await deps.map();
    const address = typeof input.address === 'string' ? input.address.trim().slice(0, 300) : '';
    const marked = input.location !== undefined && input.location !== null && input.location !== '';
    const inside = (g: Geometry) => shapes === null || geometryWithin(g, shapes.boundary);
    if (marked) {
      const checked = checkGeometry(input.location, 'location', ['Point', 'LineString', 'Polygon']);
      if (!checked.ok) {
        errors.push(...checked.issues.map((f) => ({ ...f, field: 'location' })));
        return null;
      }
      if (!settings.kinds.includes(kindOf(checked.geometry))) errors.push({ field: 'location', message: 'location.kindNotAllowed' });
      else if (!inside(checked.geometry)) errors.push({ field: 'location', message: 'location.outside' });
      else return stored(checked.geometry, address, shapes);
      return null;
    }
    if (address === '') {
      if (settings.mode === 'required') errors.push({ field: 'address', message: 'location.required' });
      return null;
    }
    let found: { geometry: Geometry; label: string } | null = null;
    const typed = parseLatLon(address);
    if (typed) found = { geometry: typed, label: address };
    else {
      const matches = matchNames(shapes, address);
      const exact = matches.filter((m) => normal(m.feature.name) === normal(address));
      const chosen = exact.length === 1 ? exact : matches;
      if (chosen.length === 0) {
        // Not a name on the map: the municipality's geocoder, when it has one, may know the address.
        const looked = await deps.geocode(address);
        const hit = looked?.find((p) => shapes === null || geometryWithin({ type: 'Point', coordinates: [p.point[0], p.point[1]] }, shapes.boundary));
        if (hit) found = { geometry: { type: 'Point', coordinates: [hit.point[0], hit.point[1]] }, label: address };
        else if (looked && looked.length > 0) errors.push({ field: 'address', message: 'location.outside' });
        else errors.push({ field: 'address', message: 'location.notFound', params: { query: address } });
      }
      else if (chosen.length > 1) errors.push({ field: 'address', message: 'location.ambiguous', params: { choices: chosen.slice(0, 6).map((m) => m.feature.name).join(', ') } });
      else if (chosen[0]) found = { geometry: chosen[0].feature.geometry, label: chosen[0].feature.name };
    }
    if (!found) return null;
    const geometry = asIdeaGeometry(found.geometry, settings.kinds);
    if (!geometry) errors.push({ field: 'address', message: 'location.kindNotAllowed' });
    else if (!inside(geometry)) errors.push({ field: 'address', message: 'location.outside' });
    else return stored(geometry, found.label, shapes);
    return null;
  }

  return {
    readLocation,

    /** Whether an ideas phase asks for a location (phases never set: none). */
    async locationSettings(phaseId: string): Promise<LocationSettings> {
      return (await settingsOf([phaseId])).get(phaseId) ?? noLocation;
    },

    /** The location settings of many phases at once. */
    locationSettingsOf: settingsOf,

    /** Sets whether an ideas phase asks for a location and of which kinds (process managers; audited). */
    async setLocationSettings(actor: Actor | null, input: { phaseId: string; mode: unknown; kinds?: unknown }): Promise<Result<LocationSettings>> {
      if (!actor) return fail('NotSignedIn');
      if (!ideasPolicy.configureLocations(actor)) return fail('Forbidden');
      const found = await deps.processes.getPhase(input.phaseId);
      if (!found || found.phase.method !== 'ideas') return fail('NotFound');
      const errors: FieldError[] = [];
      const mode = input.mode === 'none' || input.mode === 'optional' || input.mode === 'required' ? input.mode : null;
      if (!mode) errors.push({ field: 'mode', message: 'field.oneOf', params: { choices: 'none, optional, required' } });
      const asked = Array.isArray(input.kinds) ? input.kinds : [];
      const kinds = locationKinds.filter((k) => asked.includes(k));
      if (asked.some((k) => !(locationKinds as readonly unknown[]).includes(k))) errors.push({ field: 'kinds', message: 'field.oneOf', params: { choices: locationKinds.join(', ') } });
      else if (kinds.length === 0 && mode !== 'none') errors.push({ field: 'kinds', message: 'location.noKinds' });
      if (errors.length > 0 || !mode) return fail('ValidationFailed', errors);
      const value: LocationSettings = { mode, kinds: kinds.length > 0 ? kinds : ['point'] };
      await locRepo.setSettings(input.phaseId, value.mode, value.kinds);
      await deps.audit.record({ actorId: actor.id, action: 'phase.location_settings_set', subjectType: 'process', subjectId: found.process.id, details: { phaseId: input.phaseId, mode: value.mode, kinds: [...value.kinds] } });
      return ok(value);
    },

    /**
     * The published, visible ideas with a location in a process (or one phase), optionally only one area,
     * category or text (title or place), for the map and the list beside it.
     */
    async mappedIdeas(query: { processId?: string; phaseId?: string; area?: string | null; category?: string | null; text?: string | null }): Promise<MappedIdea[]> {
      const rows = await locRepo.located(query);
      return rows.map((r) => ({
        id: r.id,
        phaseId: r.phase_id,
        title: r.title,
        status: r.status,
        category: r.category,
        supportCount: r.support_count,
        commentCount: r.comment_count,
        createdAt: r.created_at,
        location: r.location as Geometry,
        label: r.location_label,
        area: r.location_area,
        point: [r.location_lon ?? 0, r.location_lat ?? 0],
      }));
    },

    /**
     * Places for a typed search: coordinates ("lat, lon"), the municipality's areas and named places, and the
     * titles and places of a process's ideas on the map. At most 10, best first.
     */
    async searchPlaces(query: { text: string; processId?: string }): Promise<PlaceMatch[]> {
      const text = query.text.trim().slice(0, 200);
      if (text === '') return [];
      const typed = parseLatLon(text);
      if (typed) return [{ name: text, kind: 'coordinates', geometry: typed, point: typed.coordinates }];
      const { shapes } = await deps.map();
      const named: PlaceMatch[] = matchNames(shapes, text).map((m) => ({ name: m.feature.name, kind: m.kind, geometry: m.feature.geometry, point: representativePoint(m.feature.geometry) }));
      const ideas = query.processId ? await locRepo.located({ processId: query.processId, text }) : [];
      const fromIdeas: PlaceMatch[] = ideas.slice(0, 5).map((r) => ({ name: r.title, kind: 'idea', ideaId: r.id, geometry: r.location as Geometry, point: [r.location_lon ?? 0, r.location_lat ?? 0] }));
      return [...named, ...fromIdeas].slice(0, 10);
    },

    /**
     * An ideas phase's visible ideas with a location as a GeoJSON FeatureCollection (staff who may export ideas;
     * audited). Hidden, refused and unscreened ideas are left out.
     */
    async phaseGeoJson(actor: Actor | null, phaseId: string) {
      if (!actor) return fail('NotSignedIn');
      if (!ideasPolicy.exportIdeas(actor)) return fail('Forbidden');
      const found = await deps.processes.getPhase(phaseId);
      if (!found || found.phase.method !== 'ideas') return fail('NotFound');
      const rows = await locRepo.located({ phaseId });
      await deps.audit.record({ actorId: actor.id, action: 'phase.ideas_geojson_exported', subjectType: 'process', subjectId: found.process.id, details: { phaseId, count: rows.length } });
      return ok({
        type: 'FeatureCollection' as const,
        features: rows.map((r) => ({
          type: 'Feature' as const,
          id: r.id,
          geometry: r.location as Geometry,
          properties: {
            id: r.id,
            title: r.title,
            status: r.status,
            category: r.category,
            place: r.location_label,
            area: r.location_area,
            supportCount: r.support_count,
            commentCount: r.comment_count,
            createdAt: r.created_at.toISOString(),
          },
        })),
      });
    },

    /** Moves an idea's location (its author while they may edit it; the edit use case checks that first). */
    setLocation: (ideaId: string, location: StoredLocation | null) => locRepo.setLocation(ideaId, location),
  };
}
