// The budgeting gaps over the API (issue 16): GET /me/ballots (a voter's ballots everywhere, with receipts), an
// over-budget ballot's amounts written in the reader's language, moving a vote's dates, and putting a project's
// images in order and rewriting their alt text. Staff may; residents get 403, anonymous callers 401; bad input
// is 400 naming the field, and nothing is half-written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';
import { anonymous, budgetingPhase } from './testing/budgeting.ts';

let server: TestServer;
let per: ApiCall;
let kari: ApiCall;
let phaseId = '';
let budgetId = '';
const projectIds: string[] = [];
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  phaseId = await budgetingPhase(server, 'mine-over-api', { startsOn: '2020-01-01', endsOn: '2099-12-31' });
  assert.equal((await per(`/api/v1/phases/${phaseId}/budgeting/design`, { method: 'PUT', json: { ballotKind: 'basket', voters: 'everyone' } })).status, 200);
  const budget = await per(`/api/v1/phases/${phaseId}/budgeting/budgets`, { method: 'POST', json: { name: 'Hele byen', area: null, amount: 1_000_000 } });
  budgetId = ((await budget.json()) as { id: string }).id;
  for (const cost of [700_000, 400_000]) {
    const made = await per(`/api/v1/phases/${phaseId}/budgeting/projects`, { method: 'POST', json: { budgetId, title: `Prosjekt ${cost}`, cost } });
    const { id } = (await made.json()) as { id: string };
    assert.equal((await per(`/api/v1/budgeting/projects/${id}/review`, { method: 'PUT', json: { state: 'eligible' } })).status, 200);
    projectIds.push(id);
  }
});
after(async () => server.close());

interface Mine {
  ballots: { phaseId: string; budgetId: string; state: string; receipt: { code: string; projects: { id: string }[] }; outcomes: unknown[] | null }[];
}

test('GET /me/ballots lists my own ballots with the receipt code; anonymous callers get 401', async () => {
  assert.equal((await anonymous(server.url, '/api/v1/me/ballots')).status, 401);
  const before = (await (await kari('/api/v1/me/ballots')).json()) as Mine;
  assert.equal(before.ballots.some((b) => b.phaseId === phaseId), false);
  const cast = await kari(`/api/v1/phases/${phaseId}/budgeting/ballot`, { method: 'PUT', json: { budgetId, projects: [projectIds[0]] } });
  assert.equal(cast.status, 200);
  const { code } = (await cast.json()) as { code: string };
  const listed = await kari('/api/v1/me/ballots');
  assert.equal(listed.headers.get('cache-control'), 'no-store');
  const mine = ((await listed.json()) as Mine).ballots.filter((b) => b.phaseId === phaseId);
  assert.deepEqual(mine.map((b) => [b.budgetId, b.state, b.receipt.code, b.receipt.projects.map((p) => p.id), b.outcomes]), [[budgetId, 'open', code, [projectIds[0]], null]]);
  const manager = ((await (await per('/api/v1/me/ballots')).json()) as Mine).ballots;
  assert.equal(manager.some((b) => b.phaseId === phaseId), false, 'another person sees only their own');
});

test('an over-budget ballot says its amounts as the reader’s language writes them', async () => {
  const ballot = `/api/v1/phases/${phaseId}/budgeting/ballot`;
  const refused = await kari(ballot, { method: 'PUT', json: { budgetId, projects: projectIds } });
  assert.equal(refused.status, 422);
  const body = (await refused.json()) as { error: { fields: { field: string; message: string }[] } };
  const message = body.error.fields.find((f) => f.field === 'projects')?.message.replace(/\s/g, ' ') ?? '';
  assert.match(message, /1 100 000 kr/, message);
  assert.match(message, /1 000 000 kr/, message);
});

test('PUT …/budgeting/dates moves an open vote for staff; bad dates name the field; residents 403, anonymous 401', async () => {
  const dates = `/api/v1/phases/${phaseId}/budgeting/dates`;
  const json = { startsOn: '2020-01-01', endsOn: '2100-06-30' };
  assert.equal((await anonymous(server.url, dates, 'PUT', json)).status, 401);
  assert.equal((await kari(dates, { method: 'PUT', json })).status, 403);
  const backwards = await per(dates, { method: 'PUT', json: { startsOn: '2020-01-01', endsOn: '2019-06-30' } });
  assert.equal(backwards.status, 400);
  assert.deepEqual(await fieldsOf(backwards), ['endsOn']);
  const notADate = await per(dates, { method: 'PUT', json: { startsOn: 'soon', endsOn: '2100-06-30' } });
  assert.equal(notADate.status, 400);
  assert.equal((await server.platform.processes.getPhase(phaseId))?.phase.endsOn, '2099-12-31', 'nothing moved');
  assert.equal((await per(dates, { method: 'PUT', json })).status, 200);
  assert.equal((await server.platform.processes.getPhase(phaseId))?.phase.endsOn, '2100-06-30');
});

test('images: staff reorder and rewrite alt text; a wrong order or empty alt text is 400 naming the field', async () => {
  const projectId = projectIds[1] ?? '';
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');
  const ids: string[] = [];
  for (const alt of ['Første', 'Andre']) {
    const added = await per(`/api/v1/budgeting/projects/${projectId}/images`, { method: 'POST', json: { file: { filename: 'a.png', contentType: 'image/png', data: png }, altText: alt } });
    assert.equal(added.status, 201);
    ids.push(((await added.json()) as { id: string }).id);
  }
  const [first = '', second = ''] = ids;
  const order = `/api/v1/budgeting/projects/${projectId}/images/order`;
  assert.equal((await anonymous(server.url, order, 'PUT', { order: [second, first] })).status, 401);
  assert.equal((await kari(order, { method: 'PUT', json: { order: [second, first] } })).status, 403);
  const partial = await per(order, { method: 'PUT', json: { order: [second] } });
  assert.equal(partial.status, 400);
  assert.deepEqual(await fieldsOf(partial), ['order']);
  assert.equal((await per(order, { method: 'PUT', json: { order: [second, first] } })).status, 200);

  const alt = `/api/v1/budgeting/projects/${projectId}/images/${first}/alt`;
  assert.equal((await kari(alt, { method: 'PUT', json: { altText: 'Ny' } })).status, 403);
  const empty = await per(alt, { method: 'PUT', json: { altText: ' ' } });
  assert.equal(empty.status, 400);
  assert.deepEqual(await fieldsOf(empty), ['altText']);
  assert.equal((await per(alt, { method: 'PUT', json: { altText: 'Tegning av stedet', locale: 'nb' } })).status, 200);
  const shown = (await (await anonymous(server.url, `/api/v1/budgeting/projects/${projectId}`)).json()) as { project: { images: { fileId: string; alt: string }[] } };
  assert.deepEqual(shown.project.images.map((i) => [i.fileId, i.alt]), [[second, 'Andre'], [first, 'Tegning av stedet']]);
});
