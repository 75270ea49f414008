import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

// A process's topics over the API: read them with staff's choices applied, rename, pin, merge and split them.
// The run is finished here by calling the job's handler (runAnalysis), as the worker would.
let server: TestServer;
let processId = '';
let per: ApiCall;
interface TopicBody { id: string; label: string; name: string | null; phrases: string[]; size: number; examples: { kind: string; id: string; ideaId: string; excerpt: string }[]; trend: { week: string; count: number }[]; pinned: boolean; kept: boolean }
before(async () => {
  server = await startTestServer({ web: false });
  const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(process.ok);
  processId = process.value.id;
  const phaseId = process.value.phases.find((p) => p.method === 'ideas')?.id ?? '';
  const author = await server.platform.accounts.ensureUser({ email: 'innbygger2@example.no', displayName: 'Ivar Innbygger', password: null, roles: ['resident'] });
  const themes = ['benker langs elva for eldre som går tur', 'sykkelfelt i Storgata og trygg sykkelvei til skolen', 'buss om kvelden og nattbuss i helgene'];
  for (let i = 0; i < 15; i++) {
    const theme = themes[i % themes.length] ?? '';
    await server.platform.ideas.importIdea({ phaseId, authorId: author, title: `Forslag ${i + 1}: ${theme}`, body: `Vi trenger ${theme}. Det gjelder mange som bor i sentrum.` });
  }
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
});
after(async () => server.close());

const path = (rest = '') => `/api/v1/processes/${processId}/analysis/topics${rest}`;
const json = (body: unknown) => ({ method: 'PUT', json: body });
const post = (body: unknown) => ({ method: 'POST', json: body });

test('topics are read and changed by staff only; a change is refused with the field it is about', async () => {
  assert.equal((await fetch(`${server.url}${path()}`)).status, 401);
  const resident = await apiClient(server.url, 'kari@demo.tingsted.no');
  assert.equal((await resident(path())).status, 403);
  assert.equal((await resident(path('/run-1/name'), json({ name: 'X' }))).status, 403);

  const asked = await per(`/api/v1/processes/${processId}/analysis`, { method: 'POST' });
  const { runId } = (await asked.json()) as { runId: string };
  assert.equal(await server.platform.analysis.runAnalysis(runId), 'done');

  const read = await per(path());
  assert.equal(read.status, 200);
  const body = (await read.json()) as { runId: string; topics: TopicBody[] };
  assert.equal(body.runId, runId);
  assert.ok(body.topics.length >= 2);
  const [first, second] = body.topics;
  assert.ok(first && second);
  assert.ok(first.examples.length > 0 && first.examples.every((e) => e.kind === 'idea' && e.excerpt.length > 0));
  assert.equal(first.trend.reduce((s, w) => s + w.count, 0), first.size);

  const unknown = await per(path('/run-99/name'), json({ name: 'Benker' }));
  assert.equal(unknown.status, 400);
  assert.deepEqual(await fieldsOf(unknown), ['topic']);
  const long = await per(path(`/${first.id}/name`), json({ name: 'x'.repeat(121) }));
  assert.equal(long.status, 400);
  assert.deepEqual(await fieldsOf(long), ['name']);
  const self = await per(path(`/${first.id}/merge`), post({ into: first.id }));
  assert.equal(self.status, 400);
  assert.deepEqual(await fieldsOf(self), ['into']);

  const renamed = await per(path(`/${first.id}/name`), json({ name: 'Benker langs elva' }));
  assert.equal(renamed.status, 200);
  const { topic } = (await renamed.json()) as { topic: string };
  const pinned = await per(path(`/${topic}/pin`), json({ pinned: true }));
  assert.equal(pinned.status, 200);
  const after1 = (await (await per(path())).json()) as { topics: TopicBody[] };
  assert.deepEqual([after1.topics[0]?.id, after1.topics[0]?.label, after1.topics[0]?.pinned, after1.topics[0]?.kept], [topic, 'Benker langs elva', true, true]);

  const merged = await per(path(`/${second.id}/merge`), post({ into: topic }));
  assert.equal(merged.status, 200);
  const { topic: mergedId } = (await merged.json()) as { topic: string };
  const after2 = (await (await per(path())).json()) as { topics: TopicBody[] };
  const mergedView = after2.topics.find((t) => t.id === mergedId);
  assert.deepEqual(mergedView && [mergedView.label, mergedView.size, mergedView.pinned], ['Benker langs elva', first.size + second.size, true]);

  const split = await per(path(`/${mergedId}/split`), post({}));
  assert.equal(split.status, 200);
  const { topics: halves } = (await split.json()) as { topics: string[] };
  assert.equal(halves.length, 2);
  const after3 = (await (await per(path())).json()) as { topics: TopicBody[] };
  assert.equal(after3.topics.filter((t) => halves.includes(t.id)).reduce((s, t) => s + t.size, 0), first.size + second.size);
});
