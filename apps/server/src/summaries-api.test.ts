import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { startModelServer } from './testing/model-server.ts';
import { fieldsOf, signedInClients } from './testing/api-client.ts';

// Summaries with sources and the model provider over the API: the same use cases as the summaries page and
// /admin/models. The analysis job's work is done by calling its handler, as in analysis-api.test.ts.
let server: TestServer;
let model: Awaited<ReturnType<typeof startModelServer>>;
let modelUrl = '';
let processId = '';
const client = signedInClients(() => server.url);

before(async () => {
  // A local OpenAI-compatible endpoint for the connection test: it answers both calls.
  model = await startModelServer();
  modelUrl = model.url;
  server = await startTestServer({ web: false });
  const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(process.ok);
  processId = process.value.id;
  const phaseId = process.value.phases.find((p) => p.method === 'ideas')?.id ?? '';
  const author = await server.platform.accounts.ensureUser({ email: 'oppsummert@example.no', displayName: 'Olav Oppsummert', password: null, roles: ['resident'] });
  const themes = ['lekeplass i parken for de minste barna', 'hundepark der hunden kan løpe fritt', 'bibliotek som er åpent om kvelden'];
  for (let i = 0; i < 12; i++) {
    const theme = themes[i % themes.length] ?? '';
    await server.platform.ideas.importIdea({ phaseId, authorId: author, title: `Ønske ${i + 1}: ${theme}`, body: `Vi ønsker oss ${theme}. Mange i bydelen har bedt om ${theme}, sier innspill ${i + 1}.` });
  }
  const asked = await server.platform.analysis.requestAnalysis({ id: author, roles: ['process_manager'] }, processId);
  assert.ok(asked.ok);
  assert.equal(await server.platform.analysis.runAnalysis(asked.value.runId), 'done');
});
after(async () => {
  await server.close();
  await model?.close();
});

type Summary = { scope: string; edited: boolean; published: boolean; savedBy: string | null; sentences: { text: string; count: number; edited: boolean; sources: { ideaId: string }[] }[] };

test('staff read, edit and publish a summary; everyone reads the published one with its sources; it is taken off again', async () => {
  const path = `/api/v1/processes/${processId}/summaries`;
  assert.equal((await fetch(`${server.url}${path}`)).status, 401);
  assert.equal((await (await client('kari@demo.tingsted.no'))(path)).status, 403);
  const per = await client('prosess@demo.tingsted.no');
  const listed = await per(path);
  assert.equal(listed.status, 200);
  const { summaries } = (await listed.json()) as { summaries: Summary[] };
  const process = summaries.find((s) => s.scope === 'process');
  assert.ok(process && summaries.some((s) => s.scope === 'topic-0'));
  for (const s of process.sentences) assert.equal(s.count, s.sources.length);

  const wrong = await per(`${path}/process`, { method: 'PUT', json: { sentences: ['én'], publish: true } });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await fieldsOf(wrong), ['sentences']);
  const badScope = await per(`${path}/alt`, { method: 'PUT', json: { sentences: [], publish: true } });
  assert.equal(badScope.status, 400);
  assert.deepEqual(await fieldsOf(badScope), ['scope']);

  const texts = process.sentences.map((s, i) => (i === 0 ? 'Lekeplasser er det folk ber mest om.' : s.text));
  const saved = await per(`${path}/process`, { method: 'PUT', json: { sentences: texts, publish: true } });
  assert.equal(saved.status, 200);
  const body = (await saved.json()) as Summary;
  assert.deepEqual([body.edited, body.published, body.sentences[0]?.edited, body.sentences[0]?.count], [true, true, true, process.sentences[0]?.count]);

  const open = await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/published-summaries`);
  assert.equal(open.status, 200);
  const shown = (await open.json()) as { summaries: Summary[] };
  assert.deepEqual(shown.summaries.map((s) => [s.scope, s.edited, s.sentences[0]?.text]), [['process', true, 'Lekeplasser er det folk ber mest om.']]);
  assert.ok(shown.summaries[0]?.savedBy);
  assert.deepEqual(shown.summaries[0]?.sentences[0]?.sources, process.sentences[0]?.sources);
  assert.ok(!JSON.stringify(shown).includes('Olav'), 'no author names');

  assert.equal((await (await client('kari@demo.tingsted.no'))(`${path}/process/publication`, { method: 'DELETE' })).status, 403);
  assert.equal((await per(`${path}/process/publication`, { method: 'DELETE' })).status, 200);
  assert.equal((await per(`${path}/process/publication`, { method: 'DELETE' })).status, 404);
  const gone = (await (await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/published-summaries`)).json()) as { summaries: unknown[] };
  assert.deepEqual(gone.summaries, []);
});

test('only administrators read and set the provider; bad settings are named; the connection test reaches the endpoint', async () => {
  const path = '/api/v1/admin/text-provider';
  assert.equal((await (await client('prosess@demo.tingsted.no'))(path)).status, 403);
  const admin = await client('admin@demo.tingsted.no');
  const first = (await (await admin(path)).json()) as { enabled: boolean; hasApiKey: boolean };
  assert.deepEqual([first.enabled, first.hasApiKey], [false, false]);
  const settings = { enabled: true, baseUrl: 'nettside', embeddingModel: '', chatModel: '', apiKey: '', removeApiKey: false, timeoutMs: 3000 };
  const refused = await admin(path, { method: 'PUT', json: settings });
  assert.equal(refused.status, 400);
  assert.deepEqual(await fieldsOf(refused), ['baseUrl', 'chatModel']);
  const tooShort = await admin(path, { method: 'PUT', json: { ...settings, timeoutMs: 10 } });
  assert.equal(tooShort.status, 400);
  assert.deepEqual(await fieldsOf(tooShort), ['timeoutMs']);
  const set = await admin(path, { method: 'PUT', json: { ...settings, baseUrl: modelUrl, embeddingModel: 'e', chatModel: 'c', apiKey: 'topphemmelig' } });
  assert.equal(set.status, 200);
  const view = (await set.json()) as { enabled: boolean; hasApiKey: boolean };
  assert.deepEqual([view.enabled, view.hasApiKey], [true, true]);
  assert.ok(!JSON.stringify(view).includes('topphemmelig'));
  const tested = await admin(`${path}/test`, { method: 'POST' });
  assert.equal(tested.status, 200);
  const probes = (await tested.json()) as { embedding: { state: string }; chat: { state: string } };
  assert.deepEqual([probes.embedding.state, probes.chat.state], ['ok', 'ok']);
});

test('the OpenAPI document lists the summary and provider use cases by their contract names', async () => {
  const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
  assert.equal(doc.paths['/api/v1/processes/{id}/summaries']?.get?.operationId, 'summariesOf');
  assert.equal(doc.paths['/api/v1/processes/{id}/summaries/{scope}']?.put?.operationId, 'saveSummary');
  assert.equal(doc.paths['/api/v1/processes/{id}/summaries/{scope}/publication']?.delete?.operationId, 'unpublishSummary');
  assert.equal(doc.paths['/api/v1/processes/{slug}/published-summaries']?.get?.operationId, 'publishedSummaries');
  assert.equal(doc.paths['/api/v1/admin/text-provider']?.put?.operationId, 'setTextProvider');
  assert.equal(doc.paths['/api/v1/admin/text-provider/test']?.post?.operationId, 'testTextProvider');
});
