// Ideas on a map through /api/v1 (issue 19): the municipality's map and its upload, a phase's location setting,
// posting with a location, the map's ideas, the place search, and the staff's GeoJSON export.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { fieldsOf, signedInClients } from './testing/api-client.ts';

let server: TestServer;
let phaseId = '';
const as = signedInClients(() => server.url);

before(async () => {
  server = await startTestServer({ web: false });
  const detail = await server.platform.processes.getProcess(null, 'steder-i-sentrum');
  assert.ok(detail.ok);
  phaseId = detail.value.phases[0]?.id ?? '';
});
after(async () => server.close());

interface Feature { type: string; id?: string; geometry: { type: string; coordinates: unknown }; properties: Record<string, unknown> }

/** A position is two finite numbers within longitude and latitude range. */
function validPosition(p: unknown): boolean {
  return Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
}

/** Checks a GeoJSON geometry of the kinds ideas have, deeply. */
function validGeometry(g: Feature['geometry']): boolean {
  if (g.type === 'Point') return validPosition(g.coordinates);
  if (g.type === 'LineString') return Array.isArray(g.coordinates) && g.coordinates.length >= 2 && g.coordinates.every(validPosition);
  if (g.type === 'Polygon') {
    return Array.isArray(g.coordinates) && g.coordinates.every((ring: unknown) => Array.isArray(ring) && ring.length >= 4 && ring.every(validPosition) && JSON.stringify(ring[0]) === JSON.stringify(ring[ring.length - 1]));
  }
  return false;
}

test("anyone reads the municipality's map: the boundary, areas and places, and the tiles", async () => {
  const response = await fetch(`${server.url}/api/v1/municipality/map`);
  assert.equal(response.status, 200);
  const map = (await response.json()) as { shapes: { type: string; features: Feature[] }; tileUrl: string; attribution: string };
  assert.equal(map.shapes.type, 'FeatureCollection');
  assert.equal(map.shapes.features.filter((f) => f.properties.kind === 'boundary').length, 1);
  assert.ok(map.shapes.features.some((f) => f.properties.kind === 'area' && f.properties.name === 'Sentrum'));
  assert.match(map.tileUrl, /\{z\}/);
});

test('a malformed map upload is refused naming the problem and where (administrators only); nothing changes', async () => {
  const manager = await as('prosess@demo.tingsted.no');
  assert.equal((await manager('/api/v1/admin/map', { method: 'PUT', json: { attribution: 'x' } })).status, 403);
  const admin = await as('admin@demo.tingsted.no');
  const before = await (await fetch(`${server.url}/api/v1/municipality/map`)).text();
  const bad = await admin('/api/v1/admin/map', {
    method: 'PUT',
    headers: { 'accept-language': 'en' },
    json: { geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { kind: 'boundary' }, geometry: { type: 'Polygon', coordinates: [[[10, 60], [11, 60], [11, 61], [10, 60.5]]] } }] } },
  });
  assert.equal(bad.status, 400);
  const body = (await bad.json()) as { error: { fields: { field: string; message: string }[] } };
  assert.deepEqual(body.error.fields.map((f) => f.field), ['geojson']);
  assert.match(body.error.fields[0]?.message ?? '', /features\[0\]\.geometry\.coordinates\[0\]: a polygon ring must end/);
  assert.equal(await (await fetch(`${server.url}/api/v1/municipality/map`)).text(), before);
});

test('a process manager sets whether a phase asks for a location; a resident gets 403', async () => {
  const kari = await as('kari@demo.tingsted.no');
  assert.equal((await kari(`/api/v1/phases/${phaseId}/location-settings`, { method: 'PUT', json: { mode: 'optional', kinds: ['point'] } })).status, 403);
  const manager = await as('prosess@demo.tingsted.no');
  const wrong = await manager(`/api/v1/phases/${phaseId}/location-settings`, { method: 'PUT', json: { mode: 'sometimes' } });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await fieldsOf(wrong), ['mode']);
  const set = await manager(`/api/v1/phases/${phaseId}/location-settings`, { method: 'PUT', json: { mode: 'required', kinds: ['point', 'line', 'area'] } });
  assert.equal(set.status, 200);
  assert.deepEqual(await set.json(), { mode: 'required', kinds: ['point', 'line', 'area'] });
});

test('a resident posts with a location: outside the municipality is refused by field; a typed place is kept with the idea', async () => {
  const kari = await as('kari@demo.tingsted.no');
  const outside = await kari(`/api/v1/phases/${phaseId}/ideas`, { method: 'POST', json: { title: 'Benk på Karl Johan', body: 'En benk i Oslo sentrum.', location: { type: 'Point', coordinates: [10.74, 59.91] } } });
  assert.equal(outside.status, 400);
  assert.deepEqual(await fieldsOf(outside), ['location']);
  const missing = await kari(`/api/v1/phases/${phaseId}/ideas`, { method: 'POST', json: { title: 'Benk uten sted', body: 'En benk et eller annet sted.' } });
  assert.deepEqual(await fieldsOf(missing), ['address']);
  const posted = await kari(`/api/v1/phases/${phaseId}/ideas`, { method: 'POST', json: { title: 'Blomster på Torget', body: 'Blomsterkasser rundt torget om sommeren.', address: 'Torget' } });
  assert.equal(posted.status, 201);
  const { id } = (await posted.json()) as { id: string };
  const idea = (await (await fetch(`${server.url}/api/v1/ideas/${id}`)).json()) as { idea: { location: { geometry: Feature['geometry']; label: string; area: string } } };
  assert.deepEqual(idea.idea.location, { geometry: { type: 'Point', coordinates: [10.6915, 60.7957] }, label: 'Torget', area: 'Sentrum' });
  const map = (await (await fetch(`${server.url}/api/v1/processes/steder-i-sentrum/map?area=Sentrum`)).json()) as { ideas: { id: string; area: string }[]; phases: { mode: string }[] };
  assert.ok(map.ideas.some((i) => i.id === id));
  assert.ok(map.ideas.every((i) => i.area === 'Sentrum'));
  assert.equal(map.phases[0]?.mode, 'required');
  const places = (await (await fetch(`${server.url}/api/v1/places?q=Storg&process=steder-i-sentrum`)).json()) as { places: { kind: string; name: string }[] };
  assert.deepEqual(places.places[0], { ...places.places[0], kind: 'place', name: 'Storgata' });
});

test('staff export the phase as a valid GeoJSON FeatureCollection without hidden ideas; residents get 403, the anonymous 401', async () => {
  assert.equal((await fetch(`${server.url}/api/v1/phases/${phaseId}/ideas.geojson`)).status, 401);
  const kari = await as('kari@demo.tingsted.no');
  assert.equal((await kari(`/api/v1/phases/${phaseId}/ideas.geojson`)).status, 403);
  const manager = await as('prosess@demo.tingsted.no');
  const first = await manager(`/api/v1/phases/${phaseId}/ideas.geojson`);
  assert.equal(first.status, 200);
  assert.match(first.headers.get('content-type') ?? '', /^application\/geo\+json/);
  const all = (await first.json()) as { type: string; features: Feature[] };
  assert.equal(all.type, 'FeatureCollection');
  assert.ok(all.features.length >= 6);
  for (const f of all.features) {
    assert.equal(f.type, 'Feature');
    assert.ok(validGeometry(f.geometry), JSON.stringify(f.geometry));
    assert.equal(typeof f.properties.title, 'string');
  }
  const hidden = all.features.find((f) => f.properties.title === 'Fartsdumper i Storgata');
  assert.ok(hidden?.id);
  const moderator = await as('moderator@demo.tingsted.no');
  assert.equal((await moderator(`/api/v1/moderation/idea/${hidden.id}/hide`, { method: 'POST', json: { reason: 'Står allerede i planen' } })).status, 200);
  const after = (await (await manager(`/api/v1/phases/${phaseId}/ideas.geojson`)).json()) as { features: Feature[] };
  assert.equal(after.features.length, all.features.length - 1);
  assert.ok(!after.features.some((f) => f.id === hidden.id));
});
