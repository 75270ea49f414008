import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

let server: TestServer;
let per: ApiCall;
let moderator: ApiCall;
let kari: ApiCall;
let id = '';
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  moderator = await apiClient(server.url, 'moderator@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const process = await server.platform.processes.getProcess(null, 'bussene-i-sentrum');
  assert.ok(process.ok);
  id = (await server.platform.conversations.conversationForPhase(null, process.value.phases[0]?.id ?? ''))?.id ?? '';
  assert.ok(id);
});
after(async () => server.close());

interface Listed {
  number: number;
  body: string;
  moderation: string;
}

test('statements wait in the queue; a process manager and a moderator decide on them, a resident gets 403', async () => {
  const sent = await kari(`/api/v1/conversations/${id}/statements`, { method: 'POST', json: { body: 'Bussene bør ha plass til sykler' } });
  assert.equal(sent.status, 201);
  const first = (await sent.json()) as { number: number; awaitingModeration: boolean };
  assert.equal(first.awaitingModeration, true);
  const second = (await (await kari(`/api/v1/conversations/${id}/statements`, { method: 'POST', json: { body: 'Bussene bør gå hele natten' } })).json()) as { number: number };

  assert.equal((await fetch(`${server.url}/api/v1/conversations/${id}/moderation-queue`)).status, 401);
  assert.equal((await kari(`/api/v1/conversations/${id}/moderation-queue`)).status, 403);
  const queue = (await (await moderator(`/api/v1/conversations/${id}/moderation-queue`)).json()) as Listed[];
  assert.deepEqual(queue.map((s) => [s.number, s.body, s.moderation]), [
    [first.number, 'Bussene bør ha plass til sykler', 'unmoderated'],
    [second.number, 'Bussene bør gå hele natten', 'unmoderated'],
  ]);
  const publicBodies = async () => ((await (await fetch(`${server.url}/api/v1/conversations/${id}/statements`)).json()) as Listed[]).map((s) => s.body);
  assert.ok(!(await publicBodies()).includes('Bussene bør ha plass til sykler'), 'a waiting statement is not shown');

  const moderate = (call: ApiCall, number: number, decision: unknown) => call(`/api/v1/conversations/${id}/statements/${number}/moderation`, { method: 'POST', json: { decision } });
  assert.equal((await moderate(kari, first.number, 'accepted')).status, 403);
  assert.equal((await fetch(`${server.url}/api/v1/conversations/${id}/statements/${first.number}/moderation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"decision":"accepted"}' })).status, 401);
  const bad = await moderate(per, first.number, 'hidden');
  assert.equal(bad.status, 400);
  assert.deepEqual(await fieldsOf(bad), ['decision']);
  assert.equal((await moderate(per, 9999, 'accepted')).status, 404);

  assert.equal((await moderate(moderator, first.number, 'accepted')).status, 200);
  assert.equal((await moderate(per, second.number, 'rejected')).status, 200);
  assert.deepEqual(await (await per(`/api/v1/conversations/${id}/moderation-queue`)).json(), []);
  const shown = await publicBodies();
  assert.ok(shown.includes('Bussene bør ha plass til sykler'), 'the accepted statement is shown');
  assert.ok(!shown.includes('Bussene bør gå hele natten'), 'the rejected one is not');
  const all = (await (await moderator(`/api/v1/conversations/${id}/statements`)).json()) as Listed[];
  assert.equal(all.find((s) => s.number === second.number)?.moderation, 'rejected', 'moderators see rejected statements');
});

test('the conversation, its results typed as stored, and where a voter stands', async () => {
  const shown = (await (await kari(`/api/v1/conversations/${id}`)).json()) as { open: boolean; can: Record<string, boolean> };
  assert.equal(shown.open, true);
  assert.deepEqual(shown.can, { manage: false, moderate: false, takePart: true, addStatement: true });
  const anonymous = (await (await fetch(`${server.url}/api/v1/conversations/${id}`)).json()) as { can: Record<string, boolean> };
  assert.equal(anonymous.can.takePart, true, 'the bus conversation allows anonymous votes');

  // The typed results schema answers exactly what is stored, nothing dropped.
  const stored = await server.platform.conversations.results(null, id);
  assert.ok(stored.ok && stored.value.view);
  const answered = (await (await fetch(`${server.url}/api/v1/conversations/${id}/results`)).json()) as { view: unknown; computedAt: string };
  assert.deepEqual(answered.view, JSON.parse(JSON.stringify(stored.value.view)));
  assert.equal(answered.computedAt, stored.value.computedAt?.toISOString());

  const stand = (await (await kari(`/api/v1/conversations/${id}/stand`)).json()) as { stand: { x: number; y: number; votes: number } | null };
  assert.ok(stand.stand, 'Kari voted in the demo data, so she is on the map');
  assert.equal(stand.stand.votes, 8);
  assert.ok(stand.stand.x >= 0 && stand.stand.x <= 1000 && stand.stand.y >= 0 && stand.stand.y <= 1000);
  assert.deepEqual(await (await fetch(`${server.url}/api/v1/conversations/${id}/stand`)).json(), { stand: null }, 'a new visitor is not on the map');
  assert.equal((await fetch(`${server.url}/api/v1/conversations/00000000-0000-4000-8000-000000000000/stand`)).status, 404);
});
