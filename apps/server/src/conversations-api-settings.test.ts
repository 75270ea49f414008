import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

let server: TestServer;
let per: ApiCall;
let kari: ApiCall;
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
});
after(async () => server.close());

interface Presented {
  id: string;
  question: string;
  description: string;
  allowAnonymous: boolean;
  allowStatements: boolean;
  preModeration: boolean;
  open: boolean;
  closedEarly: boolean;
  can: { manage: boolean; moderate: boolean; takePart: boolean; addStatement: boolean };
}
interface Listed {
  number: number;
  body: string;
  moderation: string;
  isSeed: boolean;
}

/** A draft process with one conversation phase and no conversation yet. */
async function conversationPhase(title: string): Promise<string> {
  const created = await per('/api/v1/processes', { method: 'POST', json: { title, locale: 'nb' } });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  const phase = await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: { method: 'conversation', title: 'Samtale', startsOn: '2031-01-01', endsOn: '2031-02-01' } });
  assert.equal(phase.status, 201);
  return ((await phase.json()) as { id: string }).id;
}

test('a process manager sets up a conversation over the API and changes its settings; others may not', async () => {
  const phaseId = await conversationPhase('Samtale om parken');
  const settings = { question: 'Hva ønsker du i parken?', description: 'Stem på utsagnene.', allowAnonymous: true, preModeration: true };

  assert.equal((await fetch(`${server.url}/api/v1/phases/${phaseId}/conversation`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) })).status, 401);
  assert.equal((await kari(`/api/v1/phases/${phaseId}/conversation`, { method: 'PUT', json: settings })).status, 403);
  assert.equal((await per(`/api/v1/phases/${phaseId}/conversation`)).status, 404, 'not set up yet');

  const missing = await per(`/api/v1/phases/${phaseId}/conversation`, { method: 'PUT', json: { description: 'Uten spørsmål' } });
  assert.equal(missing.status, 400);
  assert.deepEqual(await fieldsOf(missing), ['question']);
  const blank = await per(`/api/v1/phases/${phaseId}/conversation`, { method: 'PUT', json: { question: '   ' } });
  assert.equal(blank.status, 400);
  assert.deepEqual(await fieldsOf(blank), ['question']);
  const tooLong = await per(`/api/v1/phases/${phaseId}/conversation`, { method: 'PUT', json: { question: 'Hva?', description: 'x'.repeat(5001) } });
  assert.equal(tooLong.status, 400);
  assert.deepEqual(await fieldsOf(tooLong), ['description']);
  assert.equal((await per(`/api/v1/phases/${phaseId}/conversation`)).status, 404, 'a refused setup writes nothing');

  const set = await per(`/api/v1/phases/${phaseId}/conversation`, { method: 'PUT', json: settings });
  assert.equal(set.status, 200);
  const { id } = (await set.json()) as { id: string };
  const shown = (await (await per(`/api/v1/phases/${phaseId}/conversation`)).json()) as Presented;
  assert.equal(shown.id, id);
  assert.deepEqual(
    { question: shown.question, description: shown.description, allowAnonymous: shown.allowAnonymous, allowStatements: shown.allowStatements, preModeration: shown.preModeration, open: shown.open, closedEarly: shown.closedEarly },
    { ...settings, allowStatements: true, open: false, closedEarly: false },
  );
  assert.deepEqual(shown.can, { manage: true, moderate: true, takePart: true, addStatement: false });
  assert.equal((await kari(`/api/v1/conversations/${id}`)).status, 404, 'a draft process hides its conversation from residents');

  const changed = await per(`/api/v1/phases/${phaseId}/conversation`, { method: 'PUT', json: { question: 'Hva vil du ha i parken?', allowStatements: false, closed: true } });
  assert.equal(changed.status, 200);
  assert.equal(((await changed.json()) as { id: string }).id, id, 'the same conversation is changed');
  const after = (await (await per(`/api/v1/conversations/${id}`)).json()) as Presented;
  assert.deepEqual([after.question, after.allowAnonymous, after.allowStatements, after.preModeration, after.closedEarly], ['Hva vil du ha i parken?', false, false, false, true]);
});

test('seed statements are added one at a time or in bulk; a bad or repeated one refuses the whole batch', async () => {
  const phaseId = await conversationPhase('Samtale om torget');
  const { id } = (await (await per(`/api/v1/phases/${phaseId}/conversation`, { method: 'PUT', json: { question: 'Hva med torget?' } })).json()) as { id: string };
  const statements = async () => (await (await per(`/api/v1/conversations/${id}/statements`)).json()) as Listed[];

  const one = await per(`/api/v1/conversations/${id}/seed-statements`, { method: 'POST', json: { body: 'Torget bør være bilfritt' } });
  assert.equal(one.status, 201);
  assert.deepEqual(await one.json(), { number: 0 });
  assert.equal((await kari(`/api/v1/conversations/${id}/seed-statements`, { method: 'POST', json: { body: 'Torget bør ha flere trær' } })).status, 403);
  const short = await per(`/api/v1/conversations/${id}/seed-statements`, { method: 'POST', json: { body: 'Nei' } });
  assert.equal(short.status, 400);
  assert.deepEqual(await fieldsOf(short), ['body']);
  const again = await per(`/api/v1/conversations/${id}/seed-statements`, { method: 'POST', json: { body: 'torget bør være bilfritt.' } });
  assert.equal(again.status, 400, 'the same statement again');
  assert.deepEqual(await fieldsOf(again), ['body']);

  const bulk = (bodies: unknown) => per(`/api/v1/conversations/${id}/seed-statements/bulk`, { method: 'POST', json: { bodies } });
  assert.equal((await kari(`/api/v1/conversations/${id}/seed-statements/bulk`, { method: 'POST', json: { bodies: ['Torget bør ha flere trær'] } })).status, 403);
  const empty = await bulk([]);
  assert.equal(empty.status, 400);
  assert.deepEqual(await fieldsOf(empty), ['bodies']);
  const tooLong = await bulk(['Torget bør ha flere trær', 'x'.repeat(141)]);
  assert.equal(tooLong.status, 400);
  assert.deepEqual(await fieldsOf(tooLong), ['bodies.1']);
  const repeated = await bulk(['Torget bør ha flere trær', 'Det trengs en lekeplass', 'TORGET bør ha flere trær!']);
  assert.equal(repeated.status, 400);
  assert.deepEqual(await fieldsOf(repeated), ['bodies.2']);
  const existing = await bulk(['Det trengs en lekeplass', 'Torget bør være bilfritt']);
  assert.equal(existing.status, 400);
  assert.deepEqual(await fieldsOf(existing), ['bodies.1']);
  assert.deepEqual((await statements()).map((s) => s.body), ['Torget bør være bilfritt'], 'a refused batch writes nothing');

  const added = await bulk(['  Torget bør ha flere trær ', 'Det trengs en lekeplass']);
  assert.equal(added.status, 201);
  assert.deepEqual(await added.json(), { numbers: [1, 2] });
  assert.deepEqual(
    (await statements()).map((s) => [s.number, s.body, s.moderation, s.isSeed]),
    [
      [0, 'Torget bør være bilfritt', 'accepted', true],
      [1, 'Torget bør ha flere trær', 'accepted', true],
      [2, 'Det trengs en lekeplass', 'accepted', true],
    ],
  );
});

test('the OpenAPI document names every conversation use case once and types the results view', async () => {
  const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: { properties?: Record<string, { anyOf?: { properties?: Record<string, unknown> }[] }> } }> }> }>> };
  const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((m) => m.operationId).filter((name) => name !== undefined));
  assert.equal(new Set(operations).size, operations.length, 'operation ids are unique');
  const names = ['conversationOfPhase', 'getConversation', 'setUpConversation', 'listStatements', 'addSeedStatement', 'addSeedStatements', 'statementModerationQueue', 'moderateStatement', 'nextStatement', 'castVote', 'submitStatement', 'conversationResults', 'whereDoIStand', 'importPolis', 'exportPolis'];
  for (const name of names) assert.ok(operations.includes(name), name);
  const results = doc.paths['/api/v1/conversations/{id}/results']?.get?.responses?.['200']?.content?.['application/json']?.schema?.properties?.view;
  const view = results?.anyOf?.find((s) => s.properties)?.properties ?? {};
  assert.ok(['groups', 'consensus', 'bridging', 'totals'].every((key) => key in view), 'the results view is typed');
});
