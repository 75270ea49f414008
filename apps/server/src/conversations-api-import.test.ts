import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

let server: TestServer;
let per: ApiCall;
let kari: ApiCall;
let id = '';
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  // The vTaiwan conversation is set up without statements when the shared data is not imported.
  const process = await server.platform.processes.getProcess(null, 'uberx-og-drosjereglene');
  assert.ok(process.ok);
  id = (await server.platform.conversations.conversationForPhase(null, process.value.phases[1]?.id ?? ''))?.id ?? '';
  assert.ok(id);
});
after(async () => server.close());

const comments = 'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,0,1,0,1,Drosjer bør ha faste priser\n2,x,1,1,0,1,1,UberX bør ha samme regler\n';
const votes = 'timestamp,datetime,comment-id,voter-id,vote\n10,x,0,0,1\n11,x,1,0,-1\n12,x,0,1,1\n';

interface ErrorBody {
  error: { fields: { field: string; message: string }[] };
}

test('a malformed Pol.is file is refused naming its file and line, and nothing is imported', async () => {
  const statements = async () => (await (await per(`/api/v1/conversations/${id}/statements`)).json()) as unknown[];
  const bad = await per(`/api/v1/conversations/${id}/import`, { method: 'POST', json: { comments: 'comment-id,moderated,comment-body\n0,1,Hei\n1,x,Hallo\n', votes } });
  assert.equal(bad.status, 400);
  const body = (await bad.json()) as ErrorBody;
  assert.deepEqual(body.error.fields.map((f) => f.field), ['comments']);
  assert.match(body.error.fields[0]?.message ?? '', /comments\.csv/);
  assert.match(body.error.fields[0]?.message ?? '', /3/);

  const unknown = await per(`/api/v1/conversations/${id}/import`, { method: 'POST', json: { comments, votes: 'comment-id,voter-id,vote\n0,0,1\n7,0,1\n' } });
  assert.equal(unknown.status, 400);
  const unknownBody = (await unknown.json()) as ErrorBody;
  assert.deepEqual(unknownBody.error.fields.map((f) => f.field), ['votes']);
  assert.match(unknownBody.error.fields[0]?.message ?? '', /votes\.csv/);

  const missing = await per(`/api/v1/conversations/${id}/import`, { method: 'POST', json: { comments } });
  assert.equal(missing.status, 400);
  assert.deepEqual(await fieldsOf(missing), ['votes']);
  const badSummary = await per(`/api/v1/conversations/${id}/import`, { method: 'POST', json: { comments, votes, summary: 'topic\n' } });
  assert.equal(badSummary.status, 400);
  assert.deepEqual(await fieldsOf(badSummary), ['summary']);
  assert.deepEqual(await statements(), [], 'nothing was imported');
});

test('a process manager imports a Pol.is export and exports it again; a resident gets 403', async () => {
  assert.equal((await kari(`/api/v1/conversations/${id}/import`, { method: 'POST', json: { comments, votes } })).status, 403);
  assert.equal((await fetch(`${server.url}/api/v1/conversations/${id}/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ comments, votes }) })).status, 401);
  const imported = await per(`/api/v1/conversations/${id}/import`, { method: 'POST', json: { comments, votes, summary: 'topic,Drosjereglene\nurl,https://pol.is/example\n' } });
  assert.equal(imported.status, 200);
  assert.deepEqual(await imported.json(), { statements: 2, participants: 2, votes: 3 });
  assert.equal((await per(`/api/v1/conversations/${id}/import`, { method: 'POST', json: { comments, votes } })).status, 409, 'only into a conversation without statements');

  const conversation = (await (await fetch(`${server.url}/api/v1/conversations/${id}`)).json()) as { source: { name: string; url: string | null } | null };
  assert.deepEqual(conversation.source && [conversation.source.name, conversation.source.url], ['Pol.is: Drosjereglene', 'https://pol.is/example']);
  const csv = await fetch(`${server.url}/api/v1/conversations/${id}/export/comments.csv`);
  assert.equal(csv.status, 200);
  assert.equal(csv.headers.get('content-disposition'), 'attachment; filename="comments.csv"');
  const text = await csv.text();
  assert.match(text, /Drosjer bør ha faste priser/);
  assert.match(text, /UberX bør ha samme regler/);
  assert.equal((await fetch(`${server.url}/api/v1/conversations/${id}/export/other.csv`)).status, 400);
});
