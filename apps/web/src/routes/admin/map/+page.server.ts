import type { Actions, PageServerLoad } from './$types';
import { formFailure, readForm, text } from '$lib/server/forms';
import { mapContracts } from '@tingsted/platform/municipality';
import { requireUser } from '$lib/server/session';
import { loadMap } from '$lib/server/map';

// Administrators: the municipality's boundary, areas and places (a GeoJSON file) and the map's tiles.
export const load: PageServerLoad = async ({ locals }) => {
  const map = await loadMap(locals);
  const raw = await locals.platform.municipality.map();
  return { map, custom: { tileUrl: raw.tileUrl, attribution: raw.attribution, geocoderUrl: raw.geocoderUrl ?? '' }, counts: { areas: raw.shapes?.areas.length ?? 0, places: raw.shapes?.places.length ?? 0 } };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const user = requireUser(locals, url);
    const form = await request.formData();
    const file = form.get('file');
    const pasted = text(form, 'geojson');
    // A file chosen wins over text pasted in the box; neither keeps the shapes there are.
    const geojson = file instanceof File && file.size > 0 ? await file.text() : pasted.trim() === '' ? undefined : pasted;
    const values = { tileUrl: text(form, 'tileUrl'), attribution: text(form, 'attribution'), geocoderUrl: text(form, 'geocoderUrl'), geojson: pasted };
    const input = readForm(mapContracts.setMunicipalityMap, form, { geojson });
    const result = input.ok ? await locals.platform.municipality.setMap(user, input.value) : input;
    if (!result.ok) return formFailure(locals, result, values);
    return { saved: locals.t('map.mapSaved', { areas: result.value.areas, places: result.value.places }) };
  },
};
