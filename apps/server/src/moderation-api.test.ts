import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

interface IdeaPage {
  idea: { status: string; progressPercent: number | null };
  comments: { id: string; body: string | null; hiddenReason: string | null }[];
  answers: { status: string }[];
  milestones: { title: string }[];
}

/** A reader who is not signed in. */
const fetchPublic: ApiCall = (path) => fetch(server.url + path);

async function firstIdea(): Promise<string> {
  const listed = (await (await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/ideas?sort=newest`)).json()) as { ideas: { id: string }[] };
  return listed.ideas[0]?.id ?? '';
}

const ideaPage = async (call: ApiCall, id: string) => (await (await call(`/api/v1/ideas/${id}`)).json()) as IdeaPage;

test('official answers and milestones: staff may, a resident gets 403, bad input names the field and writes nothing', async () => {
  const ideaId = await firstIdea();
  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const mona = await apiClient(server.url, 'moderator@demo.tingsted.no');
  const olav = await apiClient(server.url, 'ordforer@demo.tingsted.no');
  const before = await ideaPage(kari, ideaId);

  assert.equal((await kari(`/api/v1/ideas/${ideaId}/answers`, { method: 'POST', json: { status: 'accepted' } })).status, 403);
  const unknown = await mona(`/api/v1/ideas/${ideaId}/answers`, { method: 'POST', json: { status: 'maybe', body: 'Kanskje.' } });
  assert.equal(unknown.status, 400);
  assert.deepEqual(await fieldsOf(unknown), ['status']);
  const untyped = await mona(`/api/v1/ideas/${ideaId}/answers`, { method: 'POST', json: { status: 7 } });
  assert.equal(untyped.status, 400);
  assert.deepEqual(await fieldsOf(untyped), ['status']);
  assert.equal((await ideaPage(kari, ideaId)).answers.length, before.answers.length);

  assert.equal((await olav(`/api/v1/ideas/${ideaId}/answers`, { method: 'POST', json: { status: 'accepted', body: 'Vi gjør det.' } })).status, 200);
  const statuses = (await (await fetch(`${server.url}/api/v1/statuses`)).json()) as { statuses: { key: string; allowsProgress: boolean }[] };
  assert.equal(statuses.statuses.find((s) => s.key === 'accepted')?.allowsProgress, true);

  const milestone = { title: 'Benkene er bestilt', date: '2030-05-01', progress: 30 };
  assert.equal((await kari(`/api/v1/ideas/${ideaId}/milestones`, { method: 'POST', json: milestone })).status, 403);
  assert.equal((await mona(`/api/v1/ideas/${ideaId}/milestones`, { method: 'POST', json: milestone })).status, 403);
  const badProgress = await olav(`/api/v1/ideas/${ideaId}/milestones`, { method: 'POST', json: { ...milestone, progress: 'mye' } });
  assert.equal(badProgress.status, 400);
  assert.deepEqual(await fieldsOf(badProgress), ['progress']);
  const badDate = await olav(`/api/v1/ideas/${ideaId}/milestones`, { method: 'POST', json: { ...milestone, date: '1. mai' } });
  assert.equal(badDate.status, 400);
  assert.deepEqual(await fieldsOf(badDate), ['date']);
  assert.equal((await ideaPage(kari, ideaId)).milestones.length, before.milestones.length);
  assert.equal((await olav(`/api/v1/ideas/${ideaId}/milestones`, { method: 'POST', json: milestone })).status, 200);
  const after = await ideaPage(kari, ideaId);
  assert.equal(after.idea.status, 'accepted');
  assert.equal(after.idea.progressPercent, 30);
  assert.deepEqual(after.milestones.map((m) => m.title), [...before.milestones.map((m) => m.title), 'Benkene er bestilt']);
});

test('hiding ideas and comments: moderators may, residents get 403, a missing reason is named and hides nothing', async () => {
  const ideaId = await firstIdea();
  const ola = await apiClient(server.url, 'ola@demo.tingsted.no');
  const mona = await apiClient(server.url, 'moderator@demo.tingsted.no');
  const posted = await ola(`/api/v1/ideas/${ideaId}/comments`, { method: 'POST', json: { body: 'Dette er en upassende kommentar.' } });
  assert.equal(posted.status, 201);
  const commentId = ((await posted.json()) as { id: string }).id;

  assert.equal((await ola(`/api/v1/comments/${commentId}/hide`, { method: 'POST', json: { reason: 'Jeg vil skjule den' } })).status, 403);
  const noReason = await mona(`/api/v1/comments/${commentId}/hide`, { method: 'POST', json: {} });
  assert.equal(noReason.status, 400);
  assert.deepEqual(await fieldsOf(noReason), ['reason']);
  const shortReason = await mona(`/api/v1/comments/${commentId}/hide`, { method: 'POST', json: { reason: 'x' } });
  assert.equal(shortReason.status, 400);
  assert.deepEqual(await fieldsOf(shortReason), ['reason']);
  const comment = async () => (await ideaPage(fetchPublic, ideaId)).comments.find((c) => c.id === commentId);
  assert.equal((await comment())?.body, 'Dette er en upassende kommentar.');

  assert.equal((await mona(`/api/v1/comments/${commentId}/hide`, { method: 'POST', json: { reason: 'Personangrep' } })).status, 200);
  assert.deepEqual(await comment(), { ...(await comment()), body: null, hiddenReason: 'Personangrep' });
  assert.equal((await mona(`/api/v1/comments/00000000-0000-4000-8000-000000000000/hide`, { method: 'POST', json: { reason: 'Personangrep' } })).status, 404);
  assert.equal((await mona(`/api/v1/ideas/${ideaId}/hide`, { method: 'POST', json: { reason: 'Utenfor temaet' } })).status, 200);
});

test('pre-screening and the moderation queue: moderators see and screen, residents get 403, a wrong decision is named', async () => {
  const per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const mona = await apiClient(server.url, 'moderator@demo.tingsted.no');
  const { id } = (await (await per('/api/v1/processes', { method: 'POST', json: { title: 'Forhåndsgodkjente idéer', locale: 'nb' } })).json()) as { id: string };
  const charter = { locale: 'nb', summary: 'S', question: 'Q', why_involved: 'W', scope_can_change: 'C', scope_cannot_change: 'N', decision_maker: 'D', response_commitment: 'R', target_groups: 'T', method_rationale: 'M', respondBy: '2031-01-01' };
  assert.equal((await per(`/api/v1/processes/${id}/charter`, { method: 'PATCH', json: charter })).status, 200);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const phase = await per(`/api/v1/processes/${id}/phases`, { method: 'POST', json: { method: 'ideas', title: 'Idéer', startsOn: day(-2), endsOn: day(30), preScreening: true } });
  const phaseId = ((await phase.json()) as { id: string }).id;
  assert.equal((await per(`/api/v1/processes/${id}/publish`, { method: 'POST' })).status, 200);
  const posted = await kari(`/api/v1/phases/${phaseId}/ideas`, { method: 'POST', json: { title: 'Flere sykkelstativ', body: 'Ved stasjonen er det alltid fullt.' } });
  const idea = (await posted.json()) as { id: string; awaitingScreening: boolean };
  assert.equal(idea.awaitingScreening, true);

  assert.equal((await kari(`/api/v1/processes/${id}/moderation`)).status, 403);
  const queue = (await (await mona(`/api/v1/processes/${id}/moderation`)).json()) as { pending: { id: string }[] };
  assert.deepEqual(queue.pending.map((p) => p.id), [idea.id]);
  assert.equal((await kari(`/api/v1/ideas/${idea.id}/screening`, { method: 'POST', json: { decision: 'published' } })).status, 403);
  const wrong = await mona(`/api/v1/ideas/${idea.id}/screening`, { method: 'POST', json: { decision: 'maybe' } });
  assert.equal(wrong.status, 400);
  assert.deepEqual(await fieldsOf(wrong), ['decision']);
  assert.equal(((await (await mona(`/api/v1/processes/${id}/moderation`)).json()) as { pending: unknown[] }).pending.length, 1);
  assert.equal((await mona(`/api/v1/ideas/${idea.id}/screening`, { method: 'POST', json: { decision: 'published' } })).status, 200);
  assert.equal(((await (await mona(`/api/v1/processes/${id}/moderation`)).json()) as { pending: unknown[] }).pending.length, 0);
});

test("the municipality's own statuses: administrators add, change and remove them; others get 403; a missing label is named", async () => {
  const ada = await apiClient(server.url, 'admin@demo.tingsted.no');
  const per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  const count = async () => ((await (await fetch(`${server.url}/api/v1/statuses`)).json()) as { statuses: unknown[] }).statuses.length;
  const before = await count();
  assert.equal((await per('/api/v1/admin/statuses', { method: 'POST', json: { label: { nb: 'Sendt bystyret' } } })).status, 403);
  const empty = await ada('/api/v1/admin/statuses', { method: 'POST', json: { label: {} } });
  assert.equal(empty.status, 400);
  assert.deepEqual(await fieldsOf(empty), ['label']);
  assert.equal(await count(), before);
  const added = await ada('/api/v1/admin/statuses', { method: 'POST', json: { label: { nb: 'Sendt bystyret', en: 'Sent to the council' }, requiresAnswer: true } });
  assert.equal(added.status, 201);
  const { key } = (await added.json()) as { key: string };
  assert.equal(key, 'sendt_bystyret');
  assert.equal((await ada(`/api/v1/admin/statuses/${key}`, { method: 'PUT', json: { label: { nb: 'Sendt til bystyret' }, allowsProgress: true } })).status, 200);
  assert.equal((await ada('/api/v1/admin/statuses/accepted', { method: 'PUT', json: { label: { nb: 'Ja' } } })).status, 409);
  assert.equal((await per(`/api/v1/admin/statuses/${key}`, { method: 'DELETE' })).status, 403);
  assert.equal((await ada(`/api/v1/admin/statuses/${key}`, { method: 'DELETE' })).status, 200);
  assert.equal(await count(), before);
});
