// A budgeting project's own images over the API (issue 16 item 1): process managers add them (base64 in JSON,
// with alt text) and remove them; residents get 403, anonymous callers 401; anyone sees them with the project.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';
import { anonymous, budgetingPhase } from './testing/budgeting.ts';

let server: TestServer;
let per: ApiCall;
let kari: ApiCall;
let projectId = '';
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const phaseId = await budgetingPhase(server, 'images-over-api');
  const budget = await per(`/api/v1/phases/${phaseId}/budgeting/budgets`, { method: 'POST', json: { name: 'Byen', amount: 500_000 } });
  assert.equal(budget.status, 201);
  const { id: budgetId } = (await budget.json()) as { id: string };
  const project = await per(`/api/v1/phases/${phaseId}/budgeting/projects`, { method: 'POST', json: { budgetId, title: 'Ny lekeplass', cost: 120_000 } });
  assert.equal(project.status, 201);
  projectId = ((await project.json()) as { id: string }).id;
  assert.equal((await per(`/api/v1/budgeting/projects/${projectId}/review`, { method: 'PUT', json: { state: 'eligible' } })).status, 200);
});
after(async () => server.close());

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const file = (bytes: Buffer, filename: string, contentType: string) => ({ filename, contentType, data: bytes.toString('base64') });
const stored = async () => (await server.platform.files.listFor('budget_project', [projectId])).map((f) => f.id);
interface Shown {
  project: { images: { url: string; alt: string; fileId: string; own: boolean }[] };
}

test('a process manager adds an image that anyone then sees with the project and can load, and removes it', async () => {
  const added = await per(`/api/v1/budgeting/projects/${projectId}/images`, { method: 'POST', json: { file: file(png, 'lekeplass.png', 'image/png'), altText: 'Skisse av lekeplassen', locale: 'nb' } });
  assert.equal(added.status, 201);
  const { id } = (await added.json()) as { id: string };

  const shown = (await (await anonymous(server.url, `/api/v1/budgeting/projects/${projectId}`)).json()) as Shown;
  assert.deepEqual(shown.project.images, [{ url: `/files/${id}`, alt: 'Skisse av lekeplassen', fileId: id, own: true, width: null, height: null, variantWidths: [] }]);
  const served = await fetch(`${server.url}/files/${id}`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);

  const path = `/api/v1/budgeting/projects/${projectId}/images/${id}`;
  assert.equal((await anonymous(server.url, path, 'DELETE')).status, 401);
  assert.equal((await kari(path, { method: 'DELETE' })).status, 403);
  assert.equal((await per(path, { method: 'DELETE' })).status, 200);
  assert.deepEqual(await stored(), []);
  assert.equal((await fetch(`${server.url}/files/${id}`)).status, 404);
  assert.equal((await per(path, { method: 'DELETE' })).status, 404, 'already gone');
});

test('residents get 403, anonymous callers 401, bad input 400 naming the field; nothing is stored', async () => {
  const path = `/api/v1/budgeting/projects/${projectId}/images`;
  const good = { file: file(png, 'a.png', 'image/png'), altText: 'Skisse' };
  assert.equal((await anonymous(server.url, path, 'POST', good)).status, 401);
  assert.equal((await kari(path, { method: 'POST', json: good })).status, 403);
  const cases: [unknown, string[]][] = [
    [{ file: good.file }, ['altText']],
    [{ ...good, altText: ' ' }, ['altText']],
    [{ ...good, file: file(Buffer.from('%PDF-1.4\n'), 'plan.pdf', 'application/pdf') }, ['file']],
    [{ ...good, file: file(Buffer.from('just text'), 'fake.png', 'image/png') }, ['file']],
    [{ ...good, file: { ...good.file, data: 'not base64!' } }, ['file.data']],
    [{ altText: 'Skisse' }, ['file']],
  ];
  for (const [json, fields] of cases) {
    const refused = await per(path, { method: 'POST', json });
    assert.equal(refused.status, 400, JSON.stringify(json).slice(0, 120));
    assert.deepEqual(await fieldsOf(refused), fields, JSON.stringify(json).slice(0, 120));
  }
  assert.equal((await per('/api/v1/budgeting/projects/00000000-0000-4000-8000-000000000000/images', { method: 'POST', json: good })).status, 404);
  assert.deepEqual(await stored(), []);
});
