import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

// Analysis runs over the API: the same use cases and policy as /manage/<process>/analysis. The job's work is
// done here by calling its handler (runAnalysis), as the worker would, so the test decides when a run ends.
let server: TestServer;
let processId = '';
let per: ApiCall;
before(async () => {
  server = await startTestServer({ web: false });
  const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(process.ok);
  processId = process.value.id;
  const phaseId = process.value.phases.find((p) => p.method === 'ideas')?.id ?? '';
  const author = await server.platform.accounts.ensureUser({ email: 'innbygger@example.no', displayName: 'Inger Innbygger', password: null, roles: ['resident'] });
  // Enough inputs (ten or more) for topics and a summary, so the whole result travels through the response schema.
  const themes = ['benker langs elva for eldre som går tur', 'sykkelfelt i Storgata og trygg sykkelvei til skolen', 'buss om kvelden og nattbuss i helgene'];
  for (let i = 0; i < 12; i++) {
    const theme = themes[i % themes.length] ?? '';
    await server.platform.ideas.importIdea({ phaseId, authorId: author, title: `Forslag ${i + 1}: ${theme}`, body: `Vi trenger ${theme}. Det gjelder mange som bor i sentrum, forslag nummer ${i + 1}.` });
  }
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
});
after(async () => server.close());

const path = () => `/api/v1/processes/${processId}/analysis`;

test('only process managers, decision-makers and administrators may run or read an analysis; the signed-out get 401', async () => {
  assert.equal((await fetch(`${server.url}${path()}`)).status, 401);
  assert.equal((await fetch(`${server.url}${path()}`, { method: 'POST' })).status, 401);
  for (const email of ['kari@demo.tingsted.no', 'moderator@demo.tingsted.no']) {
    const other = await apiClient(server.url, email);
    assert.equal((await other(path())).status, 403, email);
    assert.equal((await other(path(), { method: 'POST' })).status, 403, email);
  }
  for (const email of ['ordforer@demo.tingsted.no', 'admin@demo.tingsted.no']) {
    const staff = await apiClient(server.url, email);
    assert.equal((await staff(path())).status, 200, email);
  }
  const malformed = await per('/api/v1/processes/not-a-process/analysis', { method: 'POST' });
  assert.equal(malformed.status, 400);
  assert.deepEqual(await fieldsOf(malformed), ['id']);
  assert.equal((await per('/api/v1/processes/00000000-0000-4000-8000-000000000000/analysis', { method: 'POST' })).status, 404);
  assert.equal((await per('/api/v1/processes/00000000-0000-4000-8000-000000000000/analysis')).status, 404);
  // Nothing was queued by the refused requests.
  assert.deepEqual(await (await per(path())).json(), { active: null, last: null });
});

test('a run is queued (202), a second request while it waits is the same run (200), and its result is read back as the page reads it', async () => {
  const queued = await per(path(), { method: 'POST' });
  assert.equal(queued.status, 202);
  const { runId, alreadyActive } = (await queued.json()) as { runId: string; alreadyActive: boolean };
  assert.equal(alreadyActive, false);
  const again = await per(path(), { method: 'POST' });
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), { runId, alreadyActive: true });

  const waiting = (await (await per(path())).json()) as { active: { id: string; state: string; requestedAt: string } | null; last: unknown };
  assert.equal(waiting.active?.id, runId);
  assert.equal(waiting.active.state, 'queued');
  assert.ok(!Number.isNaN(Date.parse(waiting.active.requestedAt)));
  assert.equal(waiting.last, null);

  assert.equal(await server.platform.analysis.runAnalysis(runId), 'done');
  const read = await per(path());
  assert.equal(read.status, 200);
  const body = (await read.json()) as { active: unknown; last: { id: string; state: string; ideas: number; finishedAt: string; result: { enough: boolean; topics: unknown[]; refs: Record<string, unknown> } } };
  assert.equal(body.active, null);
  assert.equal(body.last.id, runId);
  assert.equal(body.last.state, 'done');
  assert.ok(body.last.ideas >= 12);
  assert.equal(body.last.result.enough, true);
  assert.ok(body.last.result.topics.length > 0);
  // The whole stored result comes through the response schema: nothing dropped, nothing added.
  const direct = await server.platform.analysis.analysisOf({ id: 'a process manager', roles: ['process_manager'] }, processId);
  assert.ok(direct.ok && direct.value.last?.state === 'done');
  assert.deepEqual(body.last.result, JSON.parse(JSON.stringify(direct.value.last.result)));
  assert.equal(body.last.finishedAt, direct.value.last.finishedAt.toISOString());
  assert.ok(!JSON.stringify(body).includes('Inger'), 'no author names');
});

test('the OpenAPI document lists the analysis use cases by their contract names', async () => {
  const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>> };
  const route = doc.paths['/api/v1/processes/{id}/analysis'];
  assert.equal(route?.get?.operationId, 'analysisOf');
  assert.equal(route?.post?.operationId, 'requestAnalysis');
  assert.ok(route?.post?.responses?.['202'] && route.post.responses['200'], 'both answers are documented');
});
