import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf } from './testing/api-client.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

interface Queue {
  flags: { targetType: string; targetId: string; reason: string }[];
}

test('flagging an idea or a comment over the API: signed-in people may, the reason is checked, a flag on nothing is 404; moderators see it', async () => {
  const detail = (await (await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/detail`)).json()) as { id: string };
  const listed = (await (await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/ideas`)).json()) as { ideas: { id: string }[] };
  const ideaId = listed.ideas[0]?.id;
  assert.ok(ideaId);
  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const mona = await apiClient(server.url, 'moderator@demo.tingsted.no');
  const queue = async () => ((await (await mona(`/api/v1/processes/${detail.id}/moderation`)).json()) as Queue).flags;
  const before = await queue();

  assert.equal((await fetch(`${server.url}/api/v1/ideas/${ideaId}/flag`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'Personangrep' }) })).status, 401);
  const short = await kari(`/api/v1/ideas/${ideaId}/flag`, { method: 'POST', json: { reason: 'x' } });
  assert.equal(short.status, 400);
  assert.deepEqual(await fieldsOf(short), ['reason']);
  const missing = await kari(`/api/v1/ideas/${ideaId}/flag`, { method: 'POST', json: {} });
  assert.deepEqual(await fieldsOf(missing), ['reason']);
  const nothing = await kari('/api/v1/comments/00000000-0000-4000-8000-000000000000/flag', { method: 'POST', json: { reason: 'Personangrep' } });
  assert.equal(nothing.status, 404);
  assert.deepEqual(await queue(), before);

  assert.equal((await kari(`/api/v1/ideas/${ideaId}/flag`, { method: 'POST', json: { reason: 'Personangrep' } })).status, 200);
  const commented = await kari(`/api/v1/ideas/${ideaId}/comments`, { method: 'POST', json: { body: 'Dette er en kommentar.' } });
  assert.equal(commented.status, 201);
  const { id: commentId } = (await commented.json()) as { id: string };
  assert.equal((await kari(`/api/v1/comments/${commentId}/flag`, { method: 'POST', json: { reason: 'Reklame' } })).status, 200);
  const added = (await queue()).filter((f) => !before.some((b) => b.targetId === f.targetId && b.reason === f.reason));
  const byType = (a: string[], b: string[]) => (a[0] ?? '').localeCompare(b[0] ?? '');
  assert.deepEqual(added.map((f) => [f.targetType, f.targetId, f.reason]).sort(byType), [['comment', commentId, 'Reklame'], ['idea', ideaId, 'Personangrep']]);
});
