import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { fieldsOf, signedInClients } from './testing/api-client.ts';

// Who is missing over the API: the census the demo seeds, importing (and refusing) a census, a process's
// representation against it and the outreach thresholds, with the same use cases as the pages.
let server: TestServer;
let processId = '';
const client = signedInClients(() => server.url);
const nb = { 'accept-language': 'nb' };
before(async () => {
  server = await startTestServer({ web: false });
  const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(process.ok);
  processId = process.value.id;
});
after(async () => server.close());

type Problem = { error: { code: string; fields: { field: string; message: string }[] } };

test('the demo census is in use; residents may not read it, administrators may replace it', async () => {
  const admin = await client('admin@demo.tingsted.no');
  const current = (await (await admin('/api/v1/census')).json()) as { census: { population: number; areas: string[]; dimensions: string[] } | null };
  assert.equal(current.census?.population, 19_400);
  assert.deepEqual(current.census.dimensions, ['area', 'age', 'sex']);
  const kari = await client('kari@demo.tingsted.no');
  assert.equal((await kari('/api/v1/census')).status, 403);
  assert.equal((await kari('/api/v1/census', { method: 'PUT', json: { year: 2026, census: 'x' } })).status, 403);
});

test('a census with a wrong total is refused over the API with the line, in the caller’s language, and nothing is stored', async () => {
  const admin = await client('admin@demo.tingsted.no');
  const census = ['område;alder;kjønn;personer', 'Sentrum;16-29;Kvinner;10', 'Sentrum;16-29;Menn;12', 'Sentrum;I alt;I alt;23'].join('\n');
  const response = await admin('/api/v1/census', { method: 'PUT', json: { year: 2031, census }, headers: nb });
  assert.equal(response.status, 400);
  const body = (await response.json()) as Problem;
  assert.deepEqual(body.error.fields, [{ field: 'census', message: 'Linje 4: totalen sier 23, men radene den dekker (linje 2–3) blir til sammen 22.' }]);
  const current = (await (await admin('/api/v1/census')).json()) as { census: { year: number; population: number } };
  assert.equal(current.census.population, 19_400, 'the demo census is still in use');
  const noYear = await admin('/api/v1/census', { method: 'PUT', json: { census } });
  assert.equal(noYear.status, 400);
  assert.deepEqual(await fieldsOf(noYear), ['year']);
});

test("a process's participants against the census, and a dimension the census lacks named", async () => {
  const mayor = await client('ordforer@demo.tingsted.no');
  const response = await mayor(`/api/v1/processes/${processId}/representation?dimensions=area,age`);
  assert.equal(response.status, 200);
  const body = (await response.json()) as { participants: number; groupings: { dimensions: string[]; counted: number; notGiven: number; groups: { values: Record<string, string>; participants: number; population: number }[] }[]; can: { setThresholds: boolean } };
  assert.deepEqual(body.groupings.map((g) => g.dimensions), [['area'], ['age'], ['area', 'age']]);
  const [byArea] = body.groupings;
  assert.ok(byArea);
  assert.equal(byArea.counted + byArea.notGiven, body.participants, 'everyone is counted or said to be not given');
  assert.equal(byArea.groups.reduce((s, g) => s + g.population, 0), 19_400);
  assert.equal(body.can.setThresholds, false, 'decision-makers read; process managers set thresholds');
  const lacking = await mayor(`/api/v1/processes/${processId}/representation?dimensions=education`, { headers: nb });
  assert.equal(lacking.status, 400);
  const problem = (await lacking.json()) as Problem;
  assert.equal(problem.error.fields[0]?.field, 'dimensions');
  assert.match(problem.error.fields[0]?.message ?? '', /utdanning|education/);
  assert.equal((await (await client('kari@demo.tingsted.no'))(`/api/v1/processes/${processId}/representation`)).status, 403);
});

test('process managers set the thresholds; bad values name their fields', async () => {
  const manager = await client('prosess@demo.tingsted.no');
  const path = `/api/v1/processes/${processId}/representation/thresholds`;
  const bad = await manager(path, { method: 'PUT', json: { maxRatio: 2, minExpected: 0 } });
  assert.equal(bad.status, 400);
  assert.deepEqual((await fieldsOf(bad)).sort((a, b) => a.localeCompare(b)), ['maxRatio', 'minExpected']);
  const saved = await manager(path, { method: 'PUT', json: { maxRatio: 0.5, minExpected: 3 } });
  assert.equal(saved.status, 200);
  const read = (await (await manager(`/api/v1/processes/${processId}/representation`)).json()) as { thresholds: unknown; can: { setThresholds: boolean } };
  assert.deepEqual(read.thresholds, { maxRatio: 0.5, minExpected: 3, setByManager: true });
  assert.equal(read.can.setThresholds, true);
  assert.equal((await (await client('ordforer@demo.tingsted.no'))(path, { method: 'PUT', json: { maxRatio: 0.5, minExpected: 3 } })).status, 403);
});

test('a reminder is sent by process managers only, for a group the census has', async () => {
  const path = `/api/v1/processes/${processId}/representation/reminders`;
  const mayor = await client('ordforer@demo.tingsted.no');
  assert.equal((await mayor(path, { method: 'POST', json: { area: 'Nordbyen' } })).status, 403);
  const manager = await client('prosess@demo.tingsted.no');
  const unknown = await manager(path, { method: 'POST', json: { area: 'Vestbyen', ageBand: '10–12' }, headers: nb });
  assert.equal(unknown.status, 400);
  assert.deepEqual(await fieldsOf(unknown), ['area', 'ageBand']);
  const none = await manager(path, { method: 'POST', json: {} });
  assert.equal(none.status, 400);
  assert.deepEqual(await fieldsOf(none), ['area']);
});
