import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf } from './testing/api-client.ts';
import { anonymousClient, json, pdfBase64, processWithStakeholderPhase } from './testing/stakeholders.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

interface Recommendation {
  version: number;
  state: string;
  support: { count: number; needed: number; members: number; mine: string | null };
  comments: { id: string; body: string | null; hidden: boolean; replies: { body: string | null }[] }[];
  can: Record<string, boolean>;
}

test('a recommendation drafted together over the API: edit, versions, diff, comments, support, send, answer; a meeting’s agenda and now-on', async () => {
  const per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  const sara = await apiClient(server.url, 'sara@demo.tingsted.no');
  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const mayor = await apiClient(server.url, 'ordforer@demo.tingsted.no');
  const anonymous = anonymousClient(server.url);
  const { phaseId, slug } = await processWithStakeholderPhase(per, 'Sykkelveier');
  const setUp = await per(`/api/v1/stakeholders/phases/${phaseId}/panel`, json('PUT', { inviteLimit: 1 }));
  const panelId = ((await setUp.json()) as { id: string }).id;
  for (const [email, name] of [['sara@demo.tingsted.no', 'Syklistforeningen'], ['kari@demo.tingsted.no', 'Handelsstanden']] as const) {
    const userId = await server.platform.accounts.ensureUser({ email, displayName: name, password: null, roles: ['resident'] });
    await server.platform.stakeholders.importStakeholder({ panelId, userId, role: name, name, speaksFor: name, introduction: 'Vi er med i panelet.' });
  }
  const panel = `/api/v1/stakeholders/panels/${panelId}`;

  // The threshold: facilitators; a share of 1–100 % or a number up to the two members.
  const threshold = `${panel}/support-threshold`;
  assert.equal((await sara(threshold, json('PUT', { kind: 'share', value: 100 }))).status, 403);
  for (const bad of [{ kind: 'share', value: 0 }, { kind: 'share', value: 120 }, { kind: 'count', value: 3 }]) {
    const refused = await per(threshold, json('PUT', bad));
    assert.deepEqual([refused.status, await fieldsOf(refused)], [400, ['value']], JSON.stringify(bad));
  }
  const set = await per(threshold, json('PUT', { kind: 'count', value: 2 }));
  assert.deepEqual([set.status, await set.json()], [200, { kind: 'count', value: 2, needed: 2 }]);

  const drafted = await sara(`${panel}/recommendations`, json('POST', { title: 'Egne sykkelfelt', body: 'Sykkelfelt i Storgata.' }));
  assert.equal(drafted.status, 201);
  const { id } = (await drafted.json()) as { id: string };
  const rec = `/api/v1/stakeholders/recommendations/${id}`;

  // Support is for a version: an edit asks again.
  assert.equal((await sara(`${rec}/support`, { method: 'PUT' })).status, 200);
  const twice = await sara(`${rec}/support`, { method: 'PUT' });
  assert.equal(twice.status, 409);
  assert.equal((await per(`${rec}/support`, { method: 'PUT' })).status, 403, 'facilitators do not support');
  assert.equal((await anonymous(rec, json('PUT', { title: 'X', body: 'Y' }))).status, 401);
  const blank = await kari(rec, json('PUT', { title: ' ', body: 'Sykkelfelt i Storgata og Kirkegata.', version: 1 }));
  assert.deepEqual([blank.status, await fieldsOf(blank)], [400, ['title']]);
  const edited = await kari(rec, json('PUT', { title: 'Egne sykkelfelt', body: 'Sykkelfelt i Storgata og Kirkegata.', version: 1 }));
  assert.deepEqual([edited.status, await edited.json()], [200, { version: 2 }]);
  assert.equal((await sara(rec, json('PUT', { title: 'Egne sykkelfelt', body: 'Noe annet.', version: 1 }))).status, 409, 'saved on top of an older version');

  const versions = (await (await sara(`${rec}/versions`)).json()) as { version: number; author: { name: string } }[];
  assert.deepEqual(versions.map((v) => [v.version, v.author.name]), [[2, 'Handelsstanden'], [1, 'Syklistforeningen']]);
  const diff = (await (await kari(`${rec}/diff?from=1&to=2`)).json()) as { body: { kind: string; text: string }[] };
  assert.deepEqual(diff.body.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text]), [['removed', 'Storgata.'], ['added', 'Storgata og Kirkegata.']]);
  const badDiff = await kari(`${rec}/diff?from=1&to=7`);
  assert.deepEqual([badDiff.status, await fieldsOf(badDiff)], [400, ['to']]);

  // Comments, one level of replies; facilitators hide with a reason.
  const comment = await kari(`${rec}/comments`, json('POST', { body: 'Hva med varelevering?' }));
  assert.equal(comment.status, 201);
  const commentId = ((await comment.json()) as { id: string }).id;
  assert.equal((await per(`${rec}/comments`, json('POST', { body: 'Vi tar det på møtet.', parentId: commentId }))).status, 201);
  assert.equal((await anonymous(`${rec}/comments`, json('POST', { body: 'Hei' }))).status, 401);
  const empty = await sara(`${rec}/comments`, json('POST', { body: '' }));
  assert.deepEqual([empty.status, await fieldsOf(empty)], [400, ['body']]);
  const hide = `/api/v1/stakeholders/recommendation-comments/${commentId}/hide`;
  assert.equal((await sara(hide, json('POST', { reason: 'Utenfor saken.' }))).status, 403);
  assert.equal((await per(hide, json('POST', { reason: 'Utenfor saken.' }))).status, 200);

  // Sending: refused with a translated reason until the current version has two supporters.
  const early = await per(`${rec}/send`, { method: 'POST', headers: { 'accept-language': 'en' } });
  assert.equal(early.status, 409);
  const problem = (await early.json()) as { error: { code: string; message: string; fields: { message: string }[] } };
  assert.equal(problem.error.code, 'SupportMissing');
  assert.match(problem.error.fields[0]?.message ?? '', /1 of the 2 members needed|0 of the 2 members needed/);
  let view = (await (await sara(rec)).json()) as Recommendation;
  assert.deepEqual([view.version, view.support.count, view.support.mine, view.can.support], [2, 0, 'earlier', true]);
  assert.equal((await sara(`${rec}/support`, { method: 'PUT' })).status, 200);
  assert.equal((await kari(`${rec}/support`, { method: 'PUT' })).status, 200);
  assert.equal((await sara(`${rec}/send`, { method: 'POST' })).status, 403, 'facilitators send');
  assert.equal((await per(`${rec}/send`, { method: 'POST' })).status, 200);
  assert.equal((await per(`${rec}/send`, { method: 'POST' })).status, 409, 'sent once');
  const late = await kari(rec, json('PUT', { title: 'Egne sykkelfelt', body: 'For sent.' }));
  assert.equal(((await late.json()) as { error: { code: string } }).error.code, 'RecommendationSent');
  assert.equal((await kari(`${rec}/support`, { method: 'DELETE' })).status, 409, 'support stays once sent');

  view = (await (await mayor(rec)).json()) as Recommendation;
  assert.equal(view.can.answer, true);
  assert.equal((await anonymous(rec)).status, 404, 'the process is a draft: not for the public');
  assert.deepEqual([view.state, view.support.count, view.comments[0]?.hidden, view.comments[0]?.body, view.comments[0]?.replies[0]?.body], ['sent', 2, true, null, 'Vi tar det på møtet.']);

  // The answer: partly, with reasons; the members hear.
  const decision = `${rec}/decision`;
  assert.equal((await per(decision, json('POST', { decision: 'partly', reason: 'Storgata ja, Kirkegata senere.' }))).status, 403);
  assert.equal((await mayor(decision, json('POST', { decision: 'partly', reason: 'Storgata ja, Kirkegata senere.' }))).status, 200);
  const publicPage = (await (await per(`/api/v1/processes/${slug}/stakeholders`)).json()) as { recommendations: { state: string; decision: string; reason: string }[] };
  assert.deepEqual(publicPage.recommendations.map((r) => [r.state, r.decision, r.reason]), [['answered', 'partly', 'Storgata ja, Kirkegata senere.']], 'published on the panel page');
  const [answered] = await server.platform.stakeholders.recommendations(panelId);
  assert.deepEqual([answered?.state, answered?.decision], ['answered', 'partly']);
  const kariId = await server.platform.accounts.ensureUser({ email: 'kari@demo.tingsted.no', displayName: 'Kari', password: null, roles: ['resident'] });
  assert.ok((await server.platform.notifications.listFor({ id: kariId, roles: ['resident'] }, 'nb')).some((n) => n.kind === 'recommendation_decided'));

  // A meeting: agenda and the item on now (facilitators), read by anyone; minutes with a document.
  const scheduled = await per(`${panel}/meetings`, json('POST', { title: 'Sykkelmøtet', startsAt: '2031-03-29T18:00', place: 'Rådhuset, sal 2', agenda: 'Velkommen\nFakta' }));
  const meetingId = ((await scheduled.json()) as { id: string }).id;
  const meeting = `/api/v1/stakeholders/meetings/${meetingId}`;
  assert.equal((await sara(`${meeting}/agenda`, json('PUT', { items: ['A'] }))).status, 403);
  assert.equal((await per(`${meeting}/agenda`, json('PUT', { items: ['Velkommen', 'Fakta', 'Anbefalinger'] }))).status, 200);
  const beyond = await per(`${meeting}/now-on`, json('PUT', { position: 5 }));
  assert.deepEqual([beyond.status, await fieldsOf(beyond)], [400, ['position']]);
  assert.equal((await per(`${meeting}/now-on`, json('PUT', { position: 2 }))).status, 200);
  const minutes = await per(`${meeting}/minutes`, json('PUT', { minutes: 'Enige om Storgata.', documents: [{ filename: 'referat.pdf', contentType: 'application/pdf', data: pdfBase64('referat') }] }));
  assert.equal(minutes.status, 200);
  const read = (await (await sara(meeting)).json()) as { startsAt: string; timeZone: string; place: string; agenda: { title: string; now: boolean }[]; documents: { filename: string }[] };
  // 29 March 2031 is the day before Oslo moves to summer time: 18:00 there is still 17:00 UTC.
  assert.deepEqual([read.startsAt, read.timeZone, read.place], ['2031-03-29T17:00:00.000Z', 'Europe/Oslo', 'Rådhuset, sal 2']);
  assert.deepEqual(read.agenda.map((a) => [a.title, a.now]), [['Velkommen', false], ['Fakta', false], ['Anbefalinger', true]]);
  assert.deepEqual(read.documents.map((d) => d.filename), ['referat.pdf']);
});
