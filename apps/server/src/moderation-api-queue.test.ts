// The moderation workspace over the API: reports, the queue, approve / hide / restore / block, bulk, and
// editing one's idea with its history, for each staff role that may, with residents (403), anonymous callers
// (401) and bad input (400 naming the field) refused and nothing half-written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { signedInClients, fieldsOf, type ApiCall } from './testing/api-client.ts';

let server: TestServer;
let phaseId = '';
before(async () => {
  server = await startTestServer({ web: false });
  const detail = (await (await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/detail`)).json()) as { phases: { id: string; method: string; state: string }[] };
  phaseId = detail.phases.find((p) => p.method === 'ideas' && p.state === 'open')?.id ?? '';
  assert.ok(phaseId, 'the demo has an open ideas phase');
});
after(async () => server.close());

interface QueueItem {
  type: string;
  id: string;
  waiting: string;
  reports: { reason: string; text: string | null }[];
  author: { hiddenCount: number };
  can: { approve: boolean; hide: boolean; restore: boolean; block: boolean };
}
interface ApiError {
  error: { code: string; message: string; fields: { field: string; message: string }[] };
}

const as = signedInClients(() => server.url);

const anonymous: ApiCall = (path, init = {}) =>
  fetch(server.url + path, { method: init.method ?? 'GET', ...(init.json !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) } : {}) });

async function postIdea(author: ApiCall, title: string): Promise<string> {
  const posted = await author(`/api/v1/phases/${phaseId}/ideas`, { method: 'POST', json: { title, body: `${title}, skrevet for testen.` } });
  assert.equal(posted.status, 201);
  return ((await posted.json()) as { id: string }).id;
}

const queueOf = async (call: ApiCall) => ((await (await call('/api/v1/moderation/queue')).json()) as { items: QueueItem[] }).items;

test('reports: signed-in people report with a reason, once; bad input names the field; moderators see the report', async () => {
  const kari = await as('kari@demo.tingsted.no');
  const ola = await as('ola@demo.tingsted.no');
  const mona = await as('moderator@demo.tingsted.no');
  const idea = await postIdea(kari, 'Gratis parkering for alle');

  assert.equal((await anonymous(`/api/v1/ideas/${idea}/reports`, { method: 'POST', json: { reason: 'spam' } })).status, 401);
  const noReason = await ola(`/api/v1/ideas/${idea}/reports`, { method: 'POST', json: {} });
  assert.equal(noReason.status, 400);
  assert.deepEqual(await fieldsOf(noReason), ['reason']);
  const otherWithoutText = await ola(`/api/v1/ideas/${idea}/reports`, { method: 'POST', json: { reason: 'other' } });
  assert.equal(otherWithoutText.status, 400);
  assert.deepEqual(await fieldsOf(otherWithoutText), ['text']);
  const unknownReason = await ola(`/api/v1/ideas/${idea}/reports`, { method: 'POST', json: { reason: 'boring' } });
  assert.deepEqual(await fieldsOf(unknownReason), ['reason']);
  assert.ok(!(await queueOf(mona)).some((i) => i.id === idea), 'refused reports write nothing');

  assert.equal((await ola(`/api/v1/ideas/${idea}/reports`, { method: 'POST', json: { reason: 'spam', text: 'Reklame' } })).status, 200);
  const twice = await ola(`/api/v1/ideas/${idea}/reports`, { method: 'POST', json: { reason: 'abusive' } });
  assert.equal(twice.status, 409);
  assert.equal(((await twice.json()) as ApiError).error.code, 'AlreadyReported');
  assert.equal((await ola('/api/v1/statements/999999/reports', { method: 'POST', json: { reason: 'spam' } })).status, 404);
  assert.equal((await ola('/api/v1/comments/00000000-0000-4000-8000-000000000000/reports', { method: 'POST', json: { reason: 'spam' } })).status, 404);

  const entry = (await queueOf(mona)).find((i) => i.id === idea);
  assert.deepEqual(entry?.reports.map((r) => [r.reason, r.text]), [['spam', 'Reklame']]);
  assert.deepEqual(entry?.can, { approve: true, hide: true, restore: false, block: true });
});

test('the queue: moderators, process managers and administrators may; decision-makers and residents get 403, anonymous 401', async () => {
  for (const email of ['moderator@demo.tingsted.no', 'prosess@demo.tingsted.no', 'admin@demo.tingsted.no']) {
    const staff = await as(email);
    const response = await staff('/api/v1/moderation/queue');
    assert.equal(response.status, 200, email);
    const items = ((await response.json()) as { items: QueueItem[] }).items;
    assert.ok(items.length > 0, `${email} sees the waiting items`);
  }
  for (const email of ['ordforer@demo.tingsted.no', 'kari@demo.tingsted.no']) {
    assert.equal((await (await as(email))('/api/v1/moderation/queue')).status, 403, email);
  }
  assert.equal((await anonymous('/api/v1/moderation/queue')).status, 401);
  const badProcess = await (await as('moderator@demo.tingsted.no'))('/api/v1/moderation/queue?processId=nope');
  assert.equal(badProcess.status, 400);
  assert.deepEqual(await fieldsOf(badProcess), ['processId']);
});

test('hide, already handled, restore: a hidden idea is 404 to others and shown to its author and staff', async () => {
  const kari = await as('kari@demo.tingsted.no');
  const ola = await as('ola@demo.tingsted.no');
  const mona = await as('moderator@demo.tingsted.no');
  const per = await as('prosess@demo.tingsted.no');
  const idea = await postIdea(kari, 'Fjern alle benkene');

  assert.equal((await ola(`/api/v1/moderation/idea/${idea}/hide`, { method: 'POST', json: { reason: 'Liker den ikke' } })).status, 403);
  assert.equal((await anonymous(`/api/v1/moderation/idea/${idea}/hide`, { method: 'POST', json: { reason: 'Liker den ikke' } })).status, 401);
  const noReason = await mona(`/api/v1/moderation/idea/${idea}/hide`, { method: 'POST', json: { reason: '' } });
  assert.equal(noReason.status, 400);
  assert.deepEqual(await fieldsOf(noReason), ['reason']);
  const badType = await mona(`/api/v1/moderation/poll/${idea}/hide`, { method: 'POST', json: { reason: 'Utenfor tema' } });
  assert.equal(badType.status, 400);
  assert.deepEqual(await fieldsOf(badType), ['type']);
  assert.equal((await ola(`/api/v1/ideas/${idea}`)).status, 200, 'nothing was hidden by the refused calls');

  assert.equal((await mona(`/api/v1/moderation/idea/${idea}/hide`, { method: 'POST', json: { reason: 'Utenfor tema' } })).status, 200);
  assert.equal((await ola(`/api/v1/ideas/${idea}`)).status, 404);
  assert.equal((await anonymous(`/api/v1/ideas/${idea}`)).status, 404);
  assert.equal((await kari(`/api/v1/ideas/${idea}`)).status, 200, 'its author sees it, with the reason');
  assert.equal((await per(`/api/v1/ideas/${idea}`)).status, 200, 'staff see it');

  const again = await per(`/api/v1/moderation/idea/${idea}/hide`, { method: 'POST', json: { reason: 'Dobbelt' } });
  assert.equal(again.status, 409);
  const body = (await again.json()) as ApiError;
  assert.equal(body.error.code, 'AlreadyHandled');
  assert.match(body.error.fields[0]?.message ?? '', /Mona Moderator skjulte dette \d{4}-\d\d-\d\d \d\d:\d\d UTC/);

  assert.equal((await per(`/api/v1/moderation/idea/${idea}/restore`, { method: 'POST' })).status, 200);
  assert.equal((await ola(`/api/v1/ideas/${idea}`)).status, 200);
  const restoredTwice = await mona(`/api/v1/moderation/idea/${idea}/restore`, { method: 'POST' });
  assert.equal(restoredTwice.status, 409);
  assert.match(((await restoredTwice.json()) as ApiError).error.fields[0]?.message ?? '', /Per Prosessansvarlig gjenopprettet/);
});

test('approve and bulk: reports are dismissed; a bulk action says which items were done', async () => {
  const kari = await as('kari@demo.tingsted.no');
  const ola = await as('ola@demo.tingsted.no');
  const ada = await as('admin@demo.tingsted.no');
  const [a, b, c] = [await postIdea(kari, 'Flere søppelkasser'), await postIdea(kari, 'Lengre åpningstider'), await postIdea(kari, 'Blomster i rundkjøringen')];
  for (const id of [a, b, c]) assert.equal((await ola(`/api/v1/ideas/${id}/reports`, { method: 'POST', json: { reason: 'off_topic' } })).status, 200);

  assert.equal((await ola(`/api/v1/moderation/idea/${a}/approve`, { method: 'POST' })).status, 403);
  assert.equal((await ada(`/api/v1/moderation/idea/${a}/approve`, { method: 'POST' })).status, 200);
  assert.ok(!(await queueOf(ada)).some((i) => i.id === a));

  const noReason = await ada('/api/v1/moderation/bulk', { method: 'POST', json: { action: 'hide', items: [{ type: 'idea', id: b }] } });
  assert.equal(noReason.status, 400);
  assert.deepEqual(await fieldsOf(noReason), ['reason']);
  assert.equal((await ola('/api/v1/moderation/bulk', { method: 'POST', json: { action: 'approve', items: [{ type: 'idea', id: b }] } })).status, 403);
  const bulk = await ada('/api/v1/moderation/bulk', { method: 'POST', json: { action: 'approve', items: [{ type: 'idea', id: a }, { type: 'idea', id: b }, { type: 'idea', id: c }] } });
  assert.equal(bulk.status, 200);
  const outcomes = ((await bulk.json()) as { outcomes: { id: string; ok: boolean; code?: string }[] }).outcomes;
  assert.deepEqual(outcomes.map((o) => [o.id, o.ok, o.code ?? null]), [[a, false, 'AlreadyHandled'], [b, true, null], [c, true, null]]);
});

test('blocking: staff accounts are refused with the reason; a blocked resident cannot post, comment or support', async () => {
  const sara = await as('sara@demo.tingsted.no');
  const per = await as('prosess@demo.tingsted.no');
  const mona = await as('moderator@demo.tingsted.no');
  const staffIdea = await postIdea(per, 'Prosessleders forslag');
  const staff = await mona(`/api/v1/moderation/idea/${staffIdea}/block`, { method: 'POST', json: { days: 7, reason: 'Prøver' } });
  assert.equal(staff.status, 403);
  assert.deepEqual(await fieldsOf(staff), ['account']);
  const idea = await postIdea(sara, 'Kjør fort overalt');
  const badDays = await mona(`/api/v1/moderation/idea/${idea}/block`, { method: 'POST', json: { days: 'lenge', reason: 'Gjentatt spam' } });
  assert.equal(badDays.status, 400);
  assert.deepEqual(await fieldsOf(badDays), ['days']);
  assert.equal((await sara(`/api/v1/moderation/idea/${idea}/block`, { method: 'POST', json: { days: 7, reason: 'Meg selv' } })).status, 403);
  const blocked = await mona(`/api/v1/moderation/idea/${idea}/block`, { method: 'POST', json: { days: 7, reason: 'Gjentatt spam' } });
  assert.equal(blocked.status, 200);
  const refused = await sara(`/api/v1/phases/${phaseId}/ideas`, { method: 'POST', json: { title: 'Enda en idé', body: 'Som ikke skal inn.' } });
  assert.equal(refused.status, 403);
  assert.equal(((await refused.json()) as ApiError).error.code, 'AccountBlocked');
  assert.equal((await sara(`/api/v1/ideas/${staffIdea}/comments`, { method: 'POST', json: { body: 'Hei' } })).status, 403);
  assert.equal((await sara(`/api/v1/ideas/${staffIdea}/support`, { method: 'POST' })).status, 403);
});

test('editing: the author edits until the first reaction, others are refused; staff read the history', async () => {
  const kari = await as('kari@demo.tingsted.no');
  const ola = await as('ola@demo.tingsted.no');
  const olav = await as('ordforer@demo.tingsted.no');
  const idea = await postIdea(kari, 'Sykkelveg langs elva');
  const edit = { title: 'Sykkelvei langs elva', body: 'En trygg sykkelvei hele veien langs elva.' };
  assert.equal((await anonymous(`/api/v1/ideas/${idea}`, { method: 'PATCH', json: edit })).status, 401);
  assert.equal((await ola(`/api/v1/ideas/${idea}`, { method: 'PATCH', json: edit })).status, 403);
  const short = await kari(`/api/v1/ideas/${idea}`, { method: 'PATCH', json: { ...edit, title: 'Ja' } });
  assert.equal(short.status, 400);
  assert.deepEqual(await fieldsOf(short), ['title']);
  const edited = await kari(`/api/v1/ideas/${idea}`, { method: 'PATCH', json: edit });
  assert.equal(edited.status, 200);
  assert.deepEqual(await edited.json(), { reviewRequested: false });
  assert.equal((await ola(`/api/v1/ideas/${idea}/support`, { method: 'POST' })).status, 200);
  const late = await kari(`/api/v1/ideas/${idea}`, { method: 'PATCH', json: { ...edit, title: 'Sykkelvei langs hele elva' } });
  assert.equal(late.status, 409);
  assert.deepEqual(await fieldsOf(late), ['id']);

  assert.equal((await ola(`/api/v1/ideas/${idea}/edits`)).status, 403);
  const history = await olav(`/api/v1/ideas/${idea}/edits`);
  assert.equal(history.status, 200);
  const edits = ((await history.json()) as { edits: { editorName: string; previousTitle: string }[] }).edits;
  assert.deepEqual(edits.map((e) => [e.editorName, e.previousTitle]), [['Kari Nordmann', 'Sykkelveg langs elva']]);
});
