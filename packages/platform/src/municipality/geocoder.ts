import type { Logger } from '../shared/logger.ts';

/** A place a geocoder found: its name and where it is ([longitude, latitude]). */
export interface GeocodedPlace {
  readonly name: string;
  readonly point: readonly [number, number];
}

/** How long a lookup may take before the address field answers from the map's own names alone. */
export const geocoderTimeoutMs = 3000;

const position = (lon: unknown, lat: unknown): [number, number] | null => {
  const x = Number(lon);
  const y = Number(lat);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x) <= 180 && Math.abs(y) <= 90 ? [x, y] : null;
};

/**
 * The places in a geocoder's answer, in its order: Nominatim's (an array of `{ lat, lon, display_name }`) or
 * Photon's (a GeoJSON FeatureCollection of points with `properties.name`). Anything else: none.
 */
export function readGeocoderAnswer(body: unknown): GeocodedPlace[] {
  const places: GeocodedPlace[] = [];
  if (Array.isArray(body)) {
    for (const hit of body as { lat?: unknown; lon?: unknown; display_name?: unknown; name?: unknown }[]) {
      const point = position(hit?.lon, hit?.lat);
      if (point) places.push({ name: String(hit.display_name ?? hit.name ?? ''), point });
    }
  } else if (body && typeof body === 'object' && (body as { type?: unknown }).type === 'FeatureCollection') {
    for (const feature of ((body as { features?: unknown }).features ?? []) as { geometry?: { type?: unknown; coordinates?: unknown[] }; properties?: Record<string, unknown> }[]) {
      if (feature?.geometry?.type !== 'Point') continue;
      const point = position(feature.geometry.coordinates?.[0], feature.geometry.coordinates?.[1]);
      const props = feature.properties ?? {};
      const name = [props.name, props.street && props.housenumber ? `${String(props.street)} ${String(props.housenumber)}` : props.street, props.city].filter((p) => typeof p === 'string' && p !== '').join(', ');
      if (point) places.push({ name, point });
    }
  }
  return places.slice(0, 10);
}

/**
 * Looks a typed address up in the geocoder whose search address is `template` ({query} replaced by the text).
 * Null when it cannot be reached in time or answers with an error, so that the caller falls back to the map's
 * own names; the text typed is not logged (it may be someone's home address).
 */
export async function geocode(template: string, text: string, logger?: Pick<Logger, 'warn'>): Promise<GeocodedPlace[] | null> {
  const url = template.replaceAll('{query}', encodeURIComponent(text));
  try {
    const response = await fetch(url, { headers: { accept: 'application/json', 'user-agent': 'Tingsted (municipal participation platform)' }, signal: AbortSignal.timeout(geocoderTimeoutMs) });
    if (!response.ok) {
      logger?.warn({ status: response.status }, 'the geocoder answered with an error');
      return null;
    }
    return readGeocoderAnswer(await response.json());
  } catch (error) {
    logger?.warn({ error: error instanceof Error ? error.name : 'unknown' }, 'the geocoder could not be reached');
    return null;
  }
}
