// Ideas on a map (issue 19): the municipality's map upload, a phase that asks for a location, what residents
// mark or type, and the map and export staff and residents read. Real PostgreSQL.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { demoMapGeoJson } from '../seed/demo-map.ts';

let platform: Platform;
let drop: () => Promise<void>;
const now = new Date('2026-11-23T10:00:00Z');
let admin: Actor;
let manager: Actor;
let moderator: Actor;
let kari: Actor;
let phaseId = '';
let processId = '';

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => now }));
  await platform.municipality.ensure({ name: 'Testvik kommune', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nb', areas: [] });
  const user = async (email: string, roles: Actor['roles'][number][]) => {
    const id = await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles });
    return { id, roles };
  };
  admin = await user('admin@example.no', ['administrator']);
  manager = await user('manager@example.no', ['process_manager']);
  moderator = await user('moderator@example.no', ['moderator']);
  kari = await user('kari@example.no', ['resident']);
  const created = await platform.processes.ensureProcess({
    slug: 'kartet',
    status: 'published',
    title: { nb: 'Kartet' },
    summary: { nb: 'Steder' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'ideas', title: { nb: 'Idéer på kart' }, startsOn: '2026-11-01', endsOn: '2026-12-31' }],
  });
  processId = created.id;
  phaseId = created.phaseIds[0] ?? '';
});
after(async () => drop());

const fields = (r: { ok: boolean; fields?: readonly { field: string; message: string; params?: Record<string, unknown> }[] }) => (r.ok ? [] : (r.fields ?? []).map((f) => [f.field, f.message, f.params?.where ?? null]));

describe("the municipality's map", () => {
  test('a malformed upload is refused naming what is wrong and where, and nothing is saved', async () => {
    const syntax = await platform.municipality.setMap(admin, { geojson: '{\n  "type": "FeatureCollection",\n  "features": [\n    {"type": "Feature",}\n  ]\n}' });
    assert.equal(syntax.ok, false);
    assert.equal(!syntax.ok && syntax.fields?.[0]?.message, 'geo.notJson');
    assert.equal(!syntax.ok && syntax.fields?.[0]?.params?.line, 4, 'the line of the stray comma');
    const broken = structuredClone(demoMapGeoJson) as { features: { geometry: { coordinates: unknown } ; properties: Record<string, unknown> }[] };
    const sentrum = broken.features[1];
    assert.ok(sentrum);
    (sentrum.geometry.coordinates as number[][][])[0]?.pop(); // the ring no longer closes
    delete broken.features[6]?.properties.name;
    const refused = await platform.municipality.setMap(admin, { geojson: JSON.stringify(broken) });
    assert.deepEqual(fields(refused), [
      ['geojson', 'geo.ringOpen', 'features[1] (Sentrum).geometry.coordinates[0]'],
      ['geojson', 'geo.noName', 'features[6]'],
    ]);
    const noBoundary = await platform.municipality.setMap(admin, { geojson: { type: 'FeatureCollection', features: demoMapGeoJson.features.slice(1) } });
    assert.deepEqual(fields(noBoundary), [['geojson', 'geo.noBoundary', null]]);
    const tiles = await platform.municipality.setMap(admin, { tileUrl: 'http://tiles.example.no/{z}/{x}/{y}.png' });
    assert.deepEqual(fields(tiles), [['tileUrl', 'geo.tileUrl', null]]);
    assert.equal((await platform.municipality.map()).shapes, null, 'nothing was saved');
  });

  test('only administrators set the map; it then has its boundary, areas and places, and OpenStreetMap tiles by default', async () => {
    assert.equal((await platform.municipality.setMap(manager, { geojson: demoMapGeoJson })).ok, false);
    const set = await platform.municipality.setMap(admin, { geojson: JSON.stringify(demoMapGeoJson), tileUrl: '', attribution: '' });
    assert.deepEqual(set.ok && set.value, { areas: 5, places: 7 });
    const map = await platform.municipality.map();
    assert.deepEqual(map.shapes?.areas.map((a) => a.name), ['Sentrum', 'Nordbyen', 'Elvebakken', 'Sjøsiden', 'Åsen']);
    assert.match(map.tileUrl, /^https:\/\/tile\.openstreetmap\.org\//);
    assert.match(map.attribution, /OpenStreetMap/);
  });
});

describe('locations of ideas', () => {
  const post = (input: Record<string, unknown>) => platform.ideas.postIdea(kari, { phaseId, title: 'Benker ved torget', body: 'Vi trenger flere benker å sitte på.', ...input });

  test('a phase asks for a location only when a process manager says so', async () => {
    assert.equal((await platform.ideas.locationSettings(phaseId)).mode, 'none');
    assert.equal((await platform.ideas.setLocationSettings(kari, { phaseId, mode: 'required', kinds: ['point'] })).ok, false);
    const none = await platform.ideas.setLocationSettings(manager, { phaseId, mode: 'required', kinds: [] });
    assert.deepEqual(fields(none), [['kinds', 'location.noKinds', null]]);
    const set = await platform.ideas.setLocationSettings(manager, { phaseId, mode: 'required', kinds: ['point', 'line'] });
    assert.deepEqual(set.ok && set.value, { mode: 'required', kinds: ['point', 'line'] });
  });

  test('a required location missing, a place outside the municipality, an unknown or ambiguous address, or an area where none is asked are refused; nothing is saved', async () => {
    const before = await platform.ideas.mappedIdeas({ processId });
    assert.deepEqual(fields(await post({})), [['address', 'location.required', null]]);
    assert.deepEqual(fields(await post({ location: { type: 'Point', coordinates: [10.8, 60.79] } })), [['location', 'location.outside', null]]);
    assert.deepEqual(fields(await post({ address: '59.91, 10.75' })), [['address', 'location.outside', null]], 'Oslo is not in the municipality');
    assert.deepEqual(fields(await post({ address: 'Nowhere street' })), [['address', 'location.notFound', null]]);
    assert.deepEqual(fields(await post({ address: 'gata' })).map((f) => f[1]), ['location.ambiguous'], 'Storgata and Skolegata');
    assert.deepEqual(fields(await post({ location: { type: 'Polygon', coordinates: [[[10.69, 60.78], [10.695, 60.78], [10.695, 60.785], [10.69, 60.78]]] } })), [['location', 'location.kindNotAllowed', null]]);
    assert.deepEqual(fields(await post({ location: { type: 'Point', coordinates: [10.69] } })), [['location', 'geo.badPosition', 'location.coordinates']]);
    assert.equal((await platform.ideas.mappedIdeas({ processId })).length, before.length);
  });

  test('a typed place, typed coordinates or a marked line give the idea its location and area', async () => {
    const torget = await post({ address: 'torget' });
    assert.ok(torget.ok);
    const coords = await post({ address: '60,7925 10,6950', title: 'Sykkelparkering ved stasjonen' });
    assert.ok(coords.ok);
    const street = await post({ address: 'Storgata', title: 'Fartsdumper i Storgata' });
    assert.ok(street.ok);
    const drawn = await post({ location: { type: 'LineString', coordinates: [[10.707, 60.781], [10.715, 60.798]] }, title: 'Lys langs elva' });
    assert.ok(drawn.ok);
    const idea = await platform.ideas.getIdea(kari, torget.value.id);
    assert.deepEqual(idea.ok && idea.value.idea.location, { geometry: { type: 'Point', coordinates: [10.6915, 60.7957] }, label: 'Torget', area: 'Sentrum' });
    const mapped = await platform.ideas.mappedIdeas({ processId });
    const byTitle = new Map(mapped.map((m) => [m.title, m]));
    assert.equal(byTitle.get('Fartsdumper i Storgata')?.location.type, 'LineString', 'a street is a line where lines are asked');
    assert.equal(byTitle.get('Lys langs elva')?.area, 'Elvebakken');
    assert.deepEqual(byTitle.get('Sykkelparkering ved stasjonen')?.point, [10.695, 60.7925]);
    assert.deepEqual((await platform.ideas.mappedIdeas({ processId, area: 'Elvebakken' })).map((m) => m.title), ['Lys langs elva']);
    const search = await platform.ideas.searchPlaces({ text: 'stor', processId });
    assert.deepEqual(search.map((p) => [p.kind, p.name]), [['place', 'Storgata'], ['idea', 'Fartsdumper i Storgata']]);
  });

  test('the author moves the place when editing: typed or marked, checked as when posting; sending neither keeps it', async () => {
    const posted = await post({ address: 'Kinoen', title: 'Sykkelstativ ved kinoen' });
    assert.ok(posted.ok);
    const id = posted.value.id;
    const place = async () => {
      const idea = await platform.ideas.getIdea(kari, id);
      return idea.ok ? [idea.value.idea.location?.label, idea.value.idea.location?.area, idea.value.idea.location?.geometry.type] : null;
    };
    const edit = (input: Record<string, unknown>) => platform.ideas.editIdea(kari, id, { title: 'Sykkelstativ ved kinoen', body: 'Vi trenger flere stativer der folk sykler.', ...input });
    assert.ok((await edit({})).ok);
    assert.deepEqual(await place(), ['Kinoen', 'Sentrum', 'Point'], 'kept when neither is sent');
    assert.deepEqual(fields(await edit({ address: '59.91, 10.75' })), [['address', 'location.outside', null]]);
    assert.deepEqual(fields(await edit({ address: '' })), [['address', 'location.required', null]]);
    assert.deepEqual(await place(), ['Kinoen', 'Sentrum', 'Point'], 'nothing changed by a refused edit');
    assert.ok((await edit({ address: 'Jernbanestasjonen' })).ok);
    assert.deepEqual(await place(), ['Jernbanestasjonen', 'Sentrum', 'Point']);
    assert.ok((await edit({ location: { type: 'LineString', coordinates: [[10.707, 60.781], [10.715, 60.798]] } })).ok);
    assert.deepEqual(await place(), [null, 'Elvebakken', 'LineString']);
  });

  test("a typed address the map does not name is found by the administrator's geocoder; without one, or when it fails, the map's names still work", async () => {
    assert.deepEqual(fields(await post({ address: 'Fjellveien 3' })), [['address', 'location.notFound', null]], 'no geocoder by default');
    // A stand-in for Nominatim (/search) and Photon (/api), answering as they do.
    const asked: string[] = [];
    const geocoder = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const q = url.searchParams.get('q') ?? '';
      asked.push(q);
      response.setHeader('content-type', 'application/json');
      if (url.pathname === '/api') {
        const hits = q.startsWith('Fjellveien') ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [10.715, 60.79] }, properties: { street: 'Fjellveien', housenumber: '3', city: 'Demo' } }] : [];
        response.end(JSON.stringify({ type: 'FeatureCollection', features: hits }));
        return;
      }
      const hits = q.startsWith('Fjellveien') ? [{ lat: '60.8', lon: '10.69', display_name: 'Fjellveien 3, Demo' }] : q.startsWith('Karl Johans') ? [{ lat: '59.9127', lon: '10.7461', display_name: 'Karl Johans gate, Oslo' }] : [];
      response.end(JSON.stringify(hits));
    });
    await new Promise<void>((resolve) => geocoder.listen(0, '127.0.0.1', resolve));
    const port = (geocoder.address() as AddressInfo).port;
    try {
      assert.deepEqual(fields(await platform.municipality.setMap(admin, { geocoderUrl: `http://example.org/search?q=x` })).map((f) => f[0] + ':' + f[1]), ['geocoderUrl:geo.geocoderUrl']);
      assert.ok((await platform.municipality.setMap(admin, { geocoderUrl: `http://127.0.0.1:${port}/search?format=jsonv2&q={query}` })).ok);
      const found = await post({ address: 'Fjellveien 3', title: 'Benk i Fjellveien' });
      assert.ok(found.ok);
      const idea = await platform.ideas.getIdea(kari, found.value.id);
      assert.deepEqual(idea.ok && idea.value.idea.location, { geometry: { type: 'Point', coordinates: [10.69, 60.8] }, label: 'Fjellveien 3', area: 'Sentrum' });
      assert.deepEqual(fields(await post({ address: 'Karl Johans gate 1' })), [['address', 'location.outside', null]]);
      assert.deepEqual(fields(await post({ address: 'Ingensteds vei 9' })), [['address', 'location.notFound', null]]);
      assert.ok((await post({ address: 'Torget', title: 'Blomster på torget' })).ok, 'names on the map are matched without asking the geocoder');
      assert.ok(!asked.includes('Torget'));
      assert.ok((await platform.municipality.setMap(admin, { geocoderUrl: `http://127.0.0.1:${port}/api?limit=5&q={query}` })).ok);
      const photon = await post({ address: 'Fjellveien 3', title: 'Lys i Fjellveien' });
      assert.ok(photon.ok);
      const lit = await platform.ideas.getIdea(kari, photon.value.id);
      assert.deepEqual(lit.ok && [lit.value.idea.location?.geometry, lit.value.idea.location?.area], [{ type: 'Point', coordinates: [10.715, 60.79] }, 'Elvebakken']);
    } finally {
      await new Promise<void>((resolve) => geocoder.close(() => resolve()));
    }
    // The geocoder gone: an address it would have found is not found, and the map's own names still work.
    assert.deepEqual(fields(await post({ address: 'Fjellveien 3' })), [['address', 'location.notFound', null]]);
    assert.ok((await post({ address: 'Kinoen', title: 'Plakater ved kinoen' })).ok);
    assert.ok((await platform.municipality.setMap(admin, { geocoderUrl: '' })).ok);
    assert.equal((await platform.municipality.map()).geocoderUrl, null);
  });

  test('the GeoJSON export is for staff and leaves hidden ideas out', async () => {
    assert.equal((await platform.ideas.phaseGeoJson(kari, phaseId)).ok, false);
    const mapped = await platform.ideas.mappedIdeas({ processId });
    const hidden = mapped.find((m) => m.title === 'Lys langs elva');
    assert.ok(hidden);
    assert.ok((await platform.moderation.hideItem(moderator, { type: 'idea', id: hidden.id, reason: 'Dobbelt innlegg' })).ok);
    const exported = await platform.ideas.phaseGeoJson(manager, phaseId);
    assert.ok(exported.ok);
    assert.equal(exported.value.type, 'FeatureCollection');
    assert.equal(exported.value.features.length, mapped.length - 1);
    assert.ok(!exported.value.features.some((f) => f.id === hidden.id));
    assert.ok(exported.value.features.every((f) => f.type === 'Feature' && typeof f.properties.title === 'string'));
  });
});
