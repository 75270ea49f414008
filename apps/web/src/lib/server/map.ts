import { shapesAsGeoJson } from '@tingsted/platform/municipality';

/** The municipality's map for a page: its shapes as GeoJSON, the tiles, and the names residents can type. */
export async function loadMap(locals: App.Locals) {
  const map = await locals.platform.municipality.map();
  return {
    shapes: map.shapes ? shapesAsGeoJson(map.shapes) : null,
    tileUrl: map.tileUrl,
    attribution: map.attribution,
    areas: map.shapes?.areas.map((a) => a.name) ?? [],
    placeNames: map.shapes ? [...map.shapes.areas, ...map.shapes.places].map((p) => p.name).sort((a, b) => a.localeCompare(b, 'nb')) : [],
  };
}
