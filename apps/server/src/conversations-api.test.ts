import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false, jobs: true, sharedData: true });
});
after(async () => server.close());

async function busConversation() {
  const process = await server.platform.processes.getProcess(null, 'bussene-i-sentrum');
  assert.ok(process.ok);
  const conversation = await server.platform.conversations.conversationForPhase(null, process.value.phases[0]?.id ?? '');
  assert.ok(conversation);
  return conversation.id;
}

test('an anonymous visitor gets a cookie, votes through the API, and the live stream announces new results', async () => {
  const id = await busConversation();
  const next = await fetch(`${server.url}/api/v1/conversations/${id}/next`);
  const body = (await next.json()) as { statement: { number: number } | null; voted: number; total: number };
  assert.ok(body.statement);
  assert.equal(body.voted, 0);

  const controller = new AbortController();
  const events = await fetch(`${server.url}/api/v1/conversations/${id}/events`, { signal: controller.signal });
  assert.equal(events.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = events.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const first = await reader?.read();
  text += decoder.decode(first?.value);
  const initial = Number(/"revision":(\d+)/.exec(text)?.[1]);

  const vote = await fetch(`${server.url}/api/v1/conversations/${id}/votes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ statement: body.statement.number, vote: 'agree' }) });
  assert.equal(vote.status, 201);
  const cookie = vote.headers.getSetCookie().find((c) => c.startsWith('ts_voter='))?.split(';')[0] ?? '';
  assert.match(cookie, /^ts_voter=.{20,}/);
  const again = (await (await fetch(`${server.url}/api/v1/conversations/${id}/next`, { headers: { cookie } })).json()) as { voted: number };
  assert.equal(again.voted, 1, 'the cookie carries the visitor');

  const deadline = Date.now() + 15_000;
  let revision = initial;
  while (revision <= initial && Date.now() < deadline) {
    const chunk = await reader?.read();
    text += decoder.decode(chunk?.value);
    revision = Math.max(...[...text.matchAll(/"revision":(\d+)/g)].map((m) => Number(m[1])));
  }
  controller.abort();
  assert.ok(revision > initial, 'a new result was announced over server-sent events');
});

test('bad votes are refused by field; results and the Pol.is export are public', async () => {
  const id = await busConversation();
  const bad = await fetch(`${server.url}/api/v1/conversations/${id}/votes`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: 'ts_voter=abcdefghijklmnopqrstuvwxyz' }, body: JSON.stringify({ statement: 999, vote: 'agree' }) });
  assert.equal(bad.status, 400);
  assert.deepEqual(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field), ['statement']);
  const results = (await (await fetch(`${server.url}/api/v1/conversations/${id}/results`)).json()) as { view: { groups: unknown[] } | null };
  assert.ok(results.view);
  const csv = await fetch(`${server.url}/api/v1/conversations/${id}/export/votes.csv`);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(await csv.text(), /^timestamp,datetime,comment-id,voter-id,vote\n/);
});

test('the stakeholder panel record is public JSON', async () => {
  const response = await fetch(`${server.url}/api/v1/processes/uberx-og-drosjereglene/stakeholders`);
  assert.equal(response.status, 200);
  const panel = (await response.json()) as { facts: { number: number; disputedBy: number[] }[]; recommendations: { decision: string | null }[] };
  assert.deepEqual(panel.facts.find((f) => f.number === 1)?.disputedBy, [2]);
  assert.equal(panel.recommendations[0]?.decision, 'accepted');
  assert.equal((await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/stakeholders`)).status, 404);
});
