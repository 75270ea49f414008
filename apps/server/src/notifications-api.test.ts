import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import type { Role } from '@tingsted/platform';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

// Following an idea and one's own notifications over the API, as on the idea page and /notifications.
let server: TestServer;
let kari: ApiCall;
let ideaId = '';
before(async () => {
  server = await startTestServer({ web: false });
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const list = (await (await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/ideas`)).json()) as { ideas: { id: string; title: string }[] };
  // Sara's idea, which Kari neither supports nor follows.
  ideaId = list.ideas.find((i) => i.title === 'Lys i smuget ved kinoen')?.id ?? '';
  assert.ok(ideaId);
});
after(async () => server.close());

interface Listed {
  notifications: { id: string; kind: string; text: string; quote: { label: string; text: string } | null; link: string; createdAt: string; read: boolean }[];
  unread: number;
}

const follow = (call: ApiCall, id: string, json: unknown) => call(`/api/v1/ideas/${id}/follow`, { method: 'PUT', json });

test('following takes a signed-in person, a yes or no, and an idea that exists', async () => {
  const anonymous = await fetch(`${server.url}/api/v1/ideas/${ideaId}/follow`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ follow: true }) });
  assert.equal(anonymous.status, 401);
  const missing = await follow(kari, ideaId, {});
  assert.equal(missing.status, 400);
  assert.deepEqual(await fieldsOf(missing), ['follow']);
  const wrong = await follow(kari, ideaId, { follow: 'perhaps' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await fieldsOf(wrong), ['follow']);
  const malformed = await follow(kari, 'not-an-idea', { follow: true });
  assert.equal(malformed.status, 400);
  assert.deepEqual(await fieldsOf(malformed), ['id']);
  assert.equal((await follow(kari, '00000000-0000-4000-8000-000000000000', { follow: true })).status, 404);
  // None of the refused requests made Kari a follower.
  const session = (await (await kari('/api/v1/session')).json()) as { user: { id: string; roles: Role[] } };
  const idea = await server.platform.ideas.getIdea(session.user, ideaId);
  assert.ok(idea.ok);
  assert.equal(idea.value.following, false);
});

test("a followed idea's answers come to my notifications in my language; marking them read touches only mine; unfollowing stops them", async () => {
  assert.equal((await fetch(`${server.url}/api/v1/notifications`)).status, 401);
  assert.equal((await fetch(`${server.url}/api/v1/notifications/read`, { method: 'POST' })).status, 401);
  const ola = await apiClient(server.url, 'ola@demo.tingsted.no');
  const olaUnread = ((await (await ola('/api/v1/notifications')).json()) as Listed).unread;
  const before = (await (await kari('/api/v1/notifications')).json()) as Listed;

  assert.equal((await follow(kari, ideaId, { follow: true })).status, 200);
  const olav = await apiClient(server.url, 'ordforer@demo.tingsted.no');
  assert.equal((await olav(`/api/v1/ideas/${ideaId}/answers`, { method: 'POST', json: { status: 'under_consideration', body: 'Vi ser på belysningen.' } })).status, 200);

  const read = await kari('/api/v1/notifications');
  assert.equal(read.status, 200);
  const after = (await read.json()) as Listed;
  assert.equal(after.notifications.length, before.notifications.length + 1);
  assert.equal(after.unread, before.unread + 1);
  const newest = after.notifications[0];
  assert.ok(newest);
  assert.deepEqual([newest.kind, newest.link, newest.read], ['answered', `/processes/ny-sentrumsplan/ideas/${ideaId}`, false]);
  // A sentence with the idea's title and the status's name, and the answer quoted: no raw key.
  assert.equal(newest.text, 'Kommunen har svart på forslaget «Lys i smuget ved kinoen» og gitt det statusen «Til vurdering».');
  assert.deepEqual(newest.quote, { label: 'Svaret', text: 'Vi ser på belysningen.' });

  // In my language: the texts as the service writes them in English once Kari chooses English.
  const session = (await (await kari('/api/v1/session')).json()) as { user: { id: string; roles: Role[]; displayName: string } };
  assert.equal((await kari('/api/v1/me', { method: 'PATCH', json: { displayName: session.user.displayName, locale: 'en' } })).status, 200);
  const english = (await (await kari('/api/v1/notifications')).json()) as Listed;
  const expected = await server.platform.notifications.listFor(session.user, 'en');
  assert.deepEqual(english.notifications.map((n) => n.text), expected.map((n) => n.text));
  assert.equal(english.notifications[0]?.text, 'The municipality answered the idea "Lys i smuget ved kinoen" and gave it the status "Under consideration".');
  assert.equal(english.notifications[0]?.quote?.label, 'The answer');

  // The same as CSV, in the same language; only for the signed-in person.
  assert.equal((await fetch(`${server.url}/api/v1/notifications/export`)).status, 401);
  const csv = await kari('/api/v1/notifications/export');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  const rows = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n').filter((line) => line !== '');
  assert.equal(rows[0], '"When","Notification","Quoted","Link","Read"');
  assert.equal(rows.length, english.notifications.length + 1);
  assert.match(rows[1] ?? '', /"The municipality answered the idea ""Lys i smuget ved kinoen"" and gave it the status ""Under consideration""\.","The answer: Vi ser på belysningen\.","http[^"]+\/processes\/ny-sentrumsplan\/ideas\/[^"]+","No"/);
  assert.doesNotMatch(rows.join('\n'), /status:|notify\./);

  const marked = await kari('/api/v1/notifications/read', { method: 'POST' });
  assert.equal(marked.status, 200);
  assert.deepEqual(await marked.json(), { ok: true });
  const done = (await (await kari('/api/v1/notifications')).json()) as Listed;
  assert.equal(done.unread, 0);
  assert.ok(done.notifications.every((n) => n.read));
  assert.equal(((await (await ola('/api/v1/notifications')).json()) as Listed).unread, olaUnread, "Ola's stay unread");

  assert.equal((await follow(kari, ideaId, { follow: false })).status, 200);
  assert.equal((await olav(`/api/v1/ideas/${ideaId}/answers`, { method: 'POST', json: { status: 'accepted', body: 'Lysene kommer i vår.' } })).status, 200);
  const unfollowed = (await (await kari('/api/v1/notifications')).json()) as Listed;
  assert.equal(unfollowed.notifications.length, after.notifications.length);
  assert.equal(unfollowed.unread, 0);
});
