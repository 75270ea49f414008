import type { Platform } from '../platform.ts';

type Ring = [number, number][];
const box = (west: number, south: number, east: number, north: number): Ring => [[west, south], [east, south], [east, north], [west, north], [west, south]];
const area = (name: string, ring: Ring) => ({ type: 'Feature', properties: { kind: 'area', name }, geometry: { type: 'Polygon', coordinates: [ring] } });
const place = (name: string, geometry: { type: 'Point'; coordinates: [number, number] } | { type: 'LineString'; coordinates: [number, number][] }) => ({ type: 'Feature', properties: { kind: 'place', name }, geometry });

/**
 * Demo kommune's map: made up, simple polygons around a town centre by a lake at about 60.79° N, 10.69° E (an
 * inland Norwegian town's size and shape), its five areas (the demo's districts) and a few named places
 * residents can type instead of marking the map.
 */
export const demoMapGeoJson = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { kind: 'boundary', name: 'Demo kommune' },
      geometry: { type: 'Polygon', coordinates: [[[10.64, 60.77], [10.74, 60.77], [10.745, 60.8], [10.73, 60.825], [10.65, 60.825], [10.635, 60.8], [10.64, 60.77]]] },
    },
    area('Sentrum', box(10.68, 60.79, 10.705, 60.805)),
    area('Nordbyen', box(10.652, 60.805, 10.728, 60.822)),
    area('Elvebakken', box(10.705, 60.774, 10.738, 60.805)),
    area('Sjøsiden', box(10.642, 60.774, 10.68, 60.805)),
    area('Åsen', box(10.68, 60.772, 10.705, 60.79)),
    place('Torget', { type: 'Point', coordinates: [10.6915, 60.7957] }),
    place('Jernbanestasjonen', { type: 'Point', coordinates: [10.695, 60.7925] }),
    place('Biblioteket', { type: 'Point', coordinates: [10.689, 60.799] }),
    place('Kinoen', { type: 'Point', coordinates: [10.6935, 60.797] }),
    place('Storgata', { type: 'LineString', coordinates: [[10.684, 60.794], [10.692, 60.796], [10.7, 60.798]] }),
    place('Elvepromenaden', { type: 'LineString', coordinates: [[10.706, 60.78], [10.712, 60.79], [10.716, 60.8]] }),
    place('Skolegata', { type: 'LineString', coordinates: [[10.686, 60.801], [10.695, 60.803]] }),
  ],
};

/**
 * The map and a process whose ideas phase asks for a place (a point, a line or an area, required), with ideas
 * that have one: typed places, coordinates, a drawn line and a drawn area.
 */
export async function seedDemoMap(platform: Platform, input: { manager: string; residents: readonly [string, string, string]; startsOn: string; endsOn: string }): Promise<void> {
  await platform.municipality.ensureMap(demoMapGeoJson);
  const places = await platform.processes.ensureProcess({
    slug: 'steder-i-sentrum',
    status: 'published',
    title: { nb: 'Steder i sentrum', nn: 'Stader i sentrum', sv: 'Platser i centrum', da: 'Steder i centrum', en: 'Places in the town centre' },
    summary: {
      nb: 'Hvor trengs det benker, lys, sykkelparkering eller trygge krysninger? Vis oss stedet på kartet.',
      nn: 'Kvar trengst det benkar, lys, sykkelparkering eller trygge kryssingar? Vis oss staden på kartet.',
      en: 'Where are benches, lighting, bicycle parking or safe crossings needed? Show us the place on the map.',
    },
    startsOn: null,
    endsOn: null,
    createdBy: input.manager,
    respondBy: null,
    charter: {},
    phases: [{ method: 'ideas', title: { nb: 'Marker steder på kartet', en: 'Mark places on the map' }, startsOn: input.startsOn, endsOn: input.endsOn, settings: {} }],
  });
  if (!places.created) return;
  const phaseId = places.phaseIds[0] ?? '';
  const set = await platform.ideas.setLocationSettings({ id: input.manager, roles: ['process_manager'] }, { phaseId, mode: 'required', kinds: ['point', 'line', 'area'] });
  if (!set.ok) throw new Error('the demo map phase could not ask for locations');
  const [kari, ola, sara] = input.residents;
  const idea = (authorId: string, title: string, body: string, where: { address?: string; location?: unknown }, supporterIds: string[] = []) =>
    platform.ideas.importIdea({ phaseId, authorId, title, body, supporterIds, ...where });
  await idea(kari, 'Benker rundt Torget', 'Torget mangler steder å sitte. Benker med ryggstøtte ville gjort det lettere for eldre å bruke torget.', { address: 'Torget' }, [ola, sara]);
  await idea(ola, 'Sykkelparkering ved stasjonen', 'Det er for få sykkelstativer ved jernbanestasjonen, og syklene står i veien for rullestoler.', { address: '60.7925, 10.6950' }, [kari]);
  await idea(sara, 'Fartsdumper i Storgata', 'Bilene kjører for fort gjennom Storgata, særlig om kvelden.', { address: 'Storgata' });
  await idea(kari, 'Bedre lys langs elva', 'Elvepromenaden er mørk fra oktober til mars. Lys langs hele strekningen gjør den trygg å gå.', {
    location: { type: 'LineString', coordinates: [[10.707, 60.781], [10.712, 60.79], [10.715, 60.798]] },
  }, [sara]);
  await idea(ola, 'Lekeplass i Åsen', 'Det er ingen lekeplass i Åsen. Den åpne plassen mellom blokkene egner seg godt.', {
    location: { type: 'Polygon', coordinates: [[[10.69, 60.778], [10.696, 60.778], [10.696, 60.782], [10.69, 60.782], [10.69, 60.778]]] },
  });
  await idea(sara, 'Trygg krysning ved Biblioteket', 'Mange barn krysser gata ved biblioteket på vei til skolen.', { address: 'Biblioteket' }, [kari, ola]);
}
