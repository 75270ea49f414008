// Plain GeoJSON geometry (RFC 7946, WGS 84 longitude/latitude): checking what people send, point in polygon,
// whether a place lies inside the municipality, and reading typed coordinates. Pure functions, no I/O.
import type { FieldError } from './result.ts';

/** A position as GeoJSON writes it: [longitude, latitude]. */
export type Position = [number, number];

export interface PointGeometry { readonly type: 'Point'; readonly coordinates: Position }
export interface LineGeometry { readonly type: 'LineString'; readonly coordinates: Position[] }
export interface PolygonGeometry { readonly type: 'Polygon'; readonly coordinates: Position[][] }
export interface MultiPolygonGeometry { readonly type: 'MultiPolygon'; readonly coordinates: Position[][][] }

/** The geometries the platform reads. */
export type Geometry = PointGeometry | LineGeometry | PolygonGeometry | MultiPolygonGeometry;
/** A surface: the municipality's boundary or one of its areas. */
export type Surface = PolygonGeometry | MultiPolygonGeometry;

/** What a resident may mark: a point, a line or an area. */
export const locationKinds = ['point', 'line', 'area'] as const;
export type LocationKind = (typeof locationKinds)[number];

/** The kind of a geometry as residents name it (a polygon or multipolygon is an area). */
export function kindOf(geometry: Geometry): LocationKind {
  return geometry.type === 'Point' ? 'point' : geometry.type === 'LineString' ? 'line' : 'area';
}

/** One problem found in a geometry: a message key and where it is (a JSON path such as `features[3].geometry`). */
function issue(where: string, message: string, params: Record<string, string | number> = {}): FieldError {
  return { field: '', message, params: { where, ...params } };
}

function position(value: unknown, where: string, issues: FieldError[]): Position | null {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    issues.push(issue(where, 'geo.badPosition'));
    return null;
  }
  const [lon, lat] = value as number[];
  if (lon === undefined || lat === undefined || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
    issues.push(issue(where, 'geo.outOfRange'));
    return null;
  }
  return [lon, lat];
}

function line(value: unknown, where: string, issues: FieldError[], min: number): Position[] | null {
  if (!Array.isArray(value)) {
    issues.push(issue(where, 'geo.badPosition'));
    return null;
  }
  const before = issues.length;
  const positions = value.map((p, i) => position(p, `${where}[${i}]`, issues));
  if (issues.length > before) return null;
  if (positions.length < min) {
    issues.push(issue(where, min === 4 ? 'geo.ringShort' : 'geo.lineShort'));
    return null;
  }
  return positions as Position[];
}

function rings(value: unknown, where: string, issues: FieldError[]): Position[][] | null {
  if (!Array.isArray(value) || value.length === 0) {
    issues.push(issue(where, 'geo.ringShort'));
    return null;
  }
  const out: Position[][] = [];
  for (const [i, raw] of value.entries()) {
    const ring = line(raw, `${where}[${i}]`, issues, 4);
    if (!ring) return null;
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
      issues.push(issue(`${where}[${i}]`, 'geo.ringOpen'));
      return null;
    }
    out.push(ring);
  }
  return out;
}

/**
 * Checks that `value` is a GeoJSON geometry of one of `types` with well-formed coordinates: the geometry, or
 * the problems, each naming where (`where` is the path of the value itself).
 */
export function checkGeometry(value: unknown, where: string, types: readonly Geometry['type'][]): { ok: true; geometry: Geometry } | { ok: false; issues: FieldError[] } {
  const issues: FieldError[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, issues: [issue(where, 'geo.notGeometry')] };
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (typeof type !== 'string' || !(types as readonly string[]).includes(type)) {
    return { ok: false, issues: [issue(`${where}.type`, 'geo.geometryType', { type: typeof type === 'string' ? type : '?', types: types.join(', ') })] };
  }
  const at = `${where}.coordinates`;
  let geometry: Geometry | null = null;
  if (type === 'Point') {
    const p = position(coordinates, at, issues);
    if (p) geometry = { type, coordinates: p };
  } else if (type === 'LineString') {
    const l = line(coordinates, at, issues, 2);
    if (l) geometry = { type, coordinates: l };
  } else if (type === 'Polygon') {
    const r = rings(coordinates, at, issues);
    if (r) geometry = { type, coordinates: r };
  } else if (Array.isArray(coordinates) && coordinates.length > 0) {
    const polygons: Position[][][] = [];
    for (const [i, raw] of coordinates.entries()) {
      const r = rings(raw, `${at}[${i}]`, issues);
      if (!r) break;
      polygons.push(r);
    }
    if (issues.length === 0) geometry = { type: 'MultiPolygon', coordinates: polygons };
  } else {
    issues.push(issue(at, 'geo.ringShort'));
  }
  return geometry ? { ok: true, geometry } : { ok: false, issues };
}

/** Whether a point lies inside a ring (ray casting; a point on the edge may count either way). */
function inRing(point: Position, ring: readonly Position[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

function polygonsOf(surface: Surface): Position[][][] {
  return surface.type === 'Polygon' ? [surface.coordinates] : surface.coordinates;
}

/** Whether a point lies inside a polygon or multipolygon: inside an outer ring and outside its holes. */
export function pointInSurface(point: Position, surface: Surface): boolean {
  return polygonsOf(surface).some(([outer, ...holes]) => outer !== undefined && inRing(point, outer) && !holes.some((hole) => inRing(point, hole)));
}

/** Whether segments ab and cd cross each other (touching ends do not count). */
function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const side = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

function edges(rings: readonly (readonly Position[])[]): [Position, Position][] {
  return rings.flatMap((ring) => ring.slice(1).map((p, i): [Position, Position] => [ring[i] as Position, p]));
}

/** The vertices and edges of a geometry (a polygon's outer rings only: its holes lie inside them). */
function outline(geometry: Geometry): { vertices: Position[]; segments: [Position, Position][] } {
  if (geometry.type === 'Point') return { vertices: [geometry.coordinates], segments: [] };
  if (geometry.type === 'LineString') return { vertices: [...geometry.coordinates], segments: edges([geometry.coordinates]) };
  const outers = polygonsOf(geometry).flatMap((p) => (p[0] ? [p[0]] : []));
  return { vertices: outers.flat(), segments: edges(outers) };
}

/**
 * Whether a geometry lies wholly inside a surface: every vertex inside, and no edge crossing the surface's
 * edges (so a line may not leave and come back between two vertices).
 */
export function geometryWithin(geometry: Geometry, surface: Surface): boolean {
  const { vertices, segments } = outline(geometry);
  if (!vertices.every((v) => pointInSurface(v, surface))) return false;
  const border = edges(polygonsOf(surface).flat());
  return !segments.some(([a, b]) => border.some(([c, d]) => segmentsCross(a, b, c, d)));
}

/**
 * A point that stands for a geometry on the map and in clusters: the point itself, a line's middle vertex
 * (or the middle of a two-point line), the mean of an area's outer ring.
 */
export function representativePoint(geometry: Geometry): Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  if (geometry.type === 'LineString') {
    const c = geometry.coordinates;
    if (c.length === 2 && c[0] && c[1]) return [(c[0][0] + c[1][0]) / 2, (c[0][1] + c[1][1]) / 2];
    return c[Math.floor(c.length / 2)] ?? [0, 0];
  }
  const ring = polygonsOf(geometry)[0]?.[0] ?? [];
  const open = ring.slice(0, -1);
  if (open.length === 0) return [0, 0];
  return [open.reduce((s, p) => s + p[0], 0) / open.length, open.reduce((s, p) => s + p[1], 0) / open.length];
}

/** The box [west, south, east, north] around some geometries (null for none). */
export function boundsOf(geometries: readonly Geometry[]): [number, number, number, number] | null {
  const all = geometries.flatMap((g) => (g.type === 'Point' ? [g.coordinates] : g.type === 'LineString' ? g.coordinates : polygonsOf(g).flat(2)));
  if (all.length === 0) return null;
  return [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
}

/**
 * Coordinates typed as "lat, lon" (the order maps and phones show them): "60.7957, 10.6915", "60.7957 10.6915",
 * or with decimal commas "60,7957 10,6915" / "60,7957; 10,6915". A Point, or null when the text is not coordinates
 * or they are out of range.
 */
export function parseLatLon(text: string): PointGeometry | null {
  const t = text.trim();
  const dotted = /^(-?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(t);
  const commas = dotted ? null : /^(-?\d{1,3}(?:,\d+)?)\s*[;\s]\s*(-?\d{1,3}(?:,\d+)?)$/.exec(t);
  const match = dotted ?? commas;
  if (!match?.[1] || !match[2]) return null;
  const lat = Number(match[1].replace(',', '.'));
  const lon = Number(match[2].replace(',', '.'));
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return null;
  return { type: 'Point', coordinates: [lon, lat] };
}
