// A whole citizens' panel run through the API: set-up and the register import, the invitation draw,
// registration with codes, the selection job, the announced draw and its public record, seats confirmed
// by link and by staff, a replacement, the workspace (materials, a recommendation, an amendment, a vote), the
// report and the decision-maker's answer on the public record. Each step also refuses the wrong role and
// bad input, naming the field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyRecord, type LotteryRecord } from '@tingsted/sortition';
import { startTestServer, type TestServer } from './testing/server.ts';
import { linkIn } from './testing/smtp.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';
import { codesOf, letTimePass, osloWallClock, panelProcess, poolPeople, setUpPanel } from './testing/panels.ts';

let server: TestServer;
let per: ApiCall;
let kari: ApiCall;
let olav: ApiCall;
let panelId = '';
let people: Awaited<ReturnType<typeof poolPeople>> = [];
const members: { number: number; email: string; call: ApiCall }[] = [];
before(async () => {
  server = await startTestServer({ web: false, jobs: true });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  olav = await apiClient(server.url, 'ordforer@demo.tingsted.no');
  people = await poolPeople(server, 'medlem');
});
after(async () => server.close());

const anonymous = (path: string) => fetch(server.url + path);
const post = (call: ApiCall, path: string, json?: unknown) => call(`/api/v1${path}`, { method: 'POST', ...(json !== undefined ? { json } : {}) });

interface Selection {
  stage: string;
  selection: { state: string; m?: number } | null;
  hashPublished: boolean;
}

test('set-up, invitations and registration through the API fill the pool', async () => {
  panelId = await setUpPanel(per, server, await panelProcess(server, 'panel-runde'));
  const codes = await codesOf(server, panelId);
  for (const [i, person] of people.entries()) {
    const registered = await post(fetchAsAnonymous, `/panels/${panelId}/respondents`, { code: codes[i], consent: true, answers: person.answers, name: person.name, email: person.email });
    assert.equal(registered.status, 201);
  }
  const staff = (await (await per(`/api/v1/panels/${panelId}/manage`)).json()) as { poolSize: number; stage: string };
  assert.deepEqual([staff.poolSize, staff.stage], [8, 'registration']);
});

test('the selection runs as a job; the draw is announced a day ahead; the source’s value draws the panel', async () => {
  assert.equal((await post(kari, `/panels/${panelId}/selection`)).status, 403);
  const early = await post(per, `/panels/${panelId}/draw`, { seedValue: '7 14 21' });
  assert.equal(early.status, 400);
  assert.deepEqual(await fieldsOf(early), ['seedValue']);
  assert.equal((await post(per, `/panels/${panelId}/selection`)).status, 200);
  let state: Selection = { stage: '', selection: null, hashPublished: false };
  for (let i = 0; i < 240 && state.selection?.state !== 'ready'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    state = (await (await per(`/api/v1/panels/${panelId}/selection`)).json()) as Selection;
    assert.notEqual(state.selection?.state, 'failed');
  }
  assert.equal(state.selection?.state, 'ready');
  assert.equal(state.hashPublished, false);
  assert.equal((await kari(`/api/v1/panels/${panelId}/selection`)).status, 403);
  assert.equal((await anonymous(`/api/v1/panels/${panelId}/lottery`)).status, 404);
  assert.equal((await anonymous(`/api/v1/panels/${panelId}/probabilities`)).status, 404);

  // The announcement: the seed's source a day ahead at least, in the request's language when refused.
  const source = 'Lotto (Norsk Tipping), vinnertallene lørdag';
  assert.equal((await post(kari, `/panels/${panelId}/draw/announcement`, { seedSource: source, seedNotBefore: osloWallClock(48) })).status, 403);
  const soon = await per(`/api/v1/panels/${panelId}/draw/announcement`, { method: 'POST', json: { seedSource: source, seedNotBefore: osloWallClock(2) }, headers: { 'accept-language': 'da' } });
  assert.equal(soon.status, 400);
  const soonBody = (await soon.json()) as { error: { fields: { field: string; message: string }[] } };
  assert.equal(soonBody.error.fields[0]?.field, 'seedNotBefore');
  assert.match(soonBody.error.fields[0]?.message ?? '', /mindst 24 timer/);
  const announced = await post(per, `/panels/${panelId}/draw/announcement`, { seedSource: source, seedNotBefore: osloWallClock(30) });
  assert.equal(announced.status, 200);
  const { poolHash, lotteryHash } = (await announced.json()) as { poolHash: string; lotteryHash: string };
  const before = (await (await anonymous(`/api/v1/panels/${panelId}/lottery`)).json()) as LotteryRecord;
  assert.deepEqual([before.poolHash, before.lottery.hash, before.seed.source, before.drawn], [poolHash, lotteryHash, source, null]);
  assert.equal(verifyRecord(before).ok, true);
  // The selection probabilities: per person for the administrators (audited), their distribution for everyone.
  assert.equal((await kari(`/api/v1/panels/${panelId}/probabilities.csv`)).status, 403);
  const csv = await (await per(`/api/v1/panels/${panelId}/probabilities.csv`)).text();
  const [head, ...lines] = csv.trim().split('\n');
  assert.equal(head, 'number,Kjønn,Alder,probability');
  assert.equal(lines.length, before.pool.length);
  const shares = lines.map((l) => Number(l.split(',').at(-1)));
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - before.k) < 1e-9, 'the probabilities sum to the panel size');
  const distribution = (await (await anonymous(`/api/v1/panels/${panelId}/probabilities`)).json()) as { overall: { people: number; min: number; max: number }; histogram: number[]; categories: { name: string }[] };
  assert.equal(distribution.overall.people, before.pool.length);
  assert.equal(distribution.overall.min, Math.min(...shares));
  assert.equal(distribution.overall.max, Math.max(...shares));
  assert.equal(distribution.histogram.reduce((a, b) => a + b, 0), before.pool.length);
  assert.deepEqual(distribution.categories.map((c) => c.name), ['Kjønn', 'Alder']);
  assert.ok(!JSON.stringify(distribution).includes('"id"'), 'no person in the public distribution');
  assert.ok((await server.platform.audit.forSubject('panel', panelId)).some((e) => e.action === 'panel.probabilities_exported'));
  const tooEarly = await post(per, `/panels/${panelId}/draw`, { seedValue: '7 14 21' });
  assert.equal(tooEarly.status, 400);
  assert.deepEqual(await fieldsOf(tooEarly), ['seedValue']);

  await letTimePass(server, panelId, 31);
  assert.equal((await post(kari, `/panels/${panelId}/draw`, { seedValue: '7 14 21' })).status, 403);
  const empty = await post(per, `/panels/${panelId}/draw`, { seedValue: '  ' });
  assert.equal(empty.status, 400);
  assert.deepEqual(await fieldsOf(empty), ['seedValue']);
  const drawn = await post(per, `/panels/${panelId}/draw`, { seedValue: '7 14 21' });
  assert.equal(drawn.status, 200);
  const { index, numbers } = (await drawn.json()) as { index: number; numbers: number[] };
  assert.equal(numbers.length, 4);
  // The same value again answers the same; another value is refused.
  assert.deepEqual(await (await post(per, `/panels/${panelId}/draw`, { seedValue: '7 14 21' })).json(), { index, numbers });
  assert.equal((await post(per, `/panels/${panelId}/draw`, { seedValue: 'igjen' })).status, 400);
  // Anyone can redo the draw from the public record alone.
  const record = (await (await anonymous(`/api/v1/panels/${panelId}/lottery`)).json()) as LotteryRecord;
  const verification = verifyRecord(record);
  assert.equal(verification.ok, true, !verification.ok ? verification.difference : '');
  assert.deepEqual(record.drawn?.selected.map(Number).sort((a, b) => a - b), numbers);
  assert.ok(record.pool.every((p) => !('name' in p) && (p.household === undefined || /^h\d+$/.test(p.household))));
  const publicPanel = (await (await anonymous(`/api/v1/panels/${panelId}`)).json()) as { method: { drawnIndex: number; hash: string; poolHash: string; seedSource: string; record: boolean } };
  assert.deepEqual([publicPanel.method.drawnIndex, publicPanel.method.hash, publicPanel.method.poolHash, publicPanel.method.seedSource, publicPanel.method.record], [index, lotteryHash, poolHash, source, true]);

  // The pool tells who was drawn; they were e-mailed a link to confirm.
  const pool = (await (await per(`/api/v1/panels/${panelId}/pool`)).json()) as { rows: { number: number; email: string }[] };
  for (const number of numbers) {
    const email = pool.rows.find((r) => r.number === number)?.email ?? '';
    members.push({ number, email, call: await apiClient(server.url, email) });
  }
});

test('members confirm by link; staff confirm one; a drop-out is replaced within the quotas', async () => {
  const [first, second, third, fourth] = members;
  assert.ok(first && second && third && fourth);
  for (const member of [first, second, third]) {
    const mail = await server.mail.waitFor(member.email, (m) => m.text.includes('/confirm?token='));
    const token = linkIn(mail).searchParams.get('token') ?? '';
    assert.equal((await post(fetchAsAnonymous, `/panels/${panelId}/seat`, { token })).status, 401);
    const wrong = await post(member.call, `/panels/${panelId}/seat`, { token: 'feil' });
    assert.equal(wrong.status, 400);
    const confirmed = await post(member.call, `/panels/${panelId}/seat`, { token });
    assert.deepEqual(await confirmed.json(), { number: member.number });
  }
  assert.equal((await post(kari, `/panels/${panelId}/members/${fourth.number}/confirm`)).status, 403);
  const notSelected = await post(per, `/panels/${panelId}/members/999/confirm`);
  assert.equal(notSelected.status, 400);
  assert.deepEqual(await fieldsOf(notSelected), ['number']);
  const badNumber = await post(per, `/panels/${panelId}/members/fire/confirm`);
  assert.equal(badNumber.status, 400);
  assert.deepEqual(await fieldsOf(badNumber), ['number']);
  assert.equal((await post(per, `/panels/${panelId}/members/${fourth.number}/confirm`)).status, 200);

  assert.equal((await post(kari, `/panels/${panelId}/members/${fourth.number}/replace`, { reason: 'Flyttet' })).status, 403);
  const longReason = await post(per, `/panels/${panelId}/members/${fourth.number}/replace`, { reason: 'x'.repeat(501) });
  assert.equal(longReason.status, 400);
  assert.deepEqual(await fieldsOf(longReason), ['reason']);
  const replaced = await post(per, `/panels/${panelId}/members/${fourth.number}/replace`, { reason: 'Flyttet' });
  assert.equal(replaced.status, 200);
  const { replacement } = (await replaced.json()) as { replacement: number };
  assert.ok(!members.some((m) => m.number === replacement));
  const staff = (await (await per(`/api/v1/panels/${panelId}/manage`)).json()) as { members: { number: number; status: string }[]; replacements: { dropped: number; replacement: number; reason: string }[] };
  assert.deepEqual(staff.replacements.map((r) => [r.dropped, r.replacement, r.reason]), [[fourth.number, replacement, 'Flyttet']]);
  assert.ok(staff.members.some((m) => m.number === replacement && m.status === 'selected'));
});

test('the workspace: materials, a recommendation, an amendment and a vote; the report is published', async () => {
  const [first, second, third] = members;
  assert.ok(first && second && third);
  assert.equal((await kari(`/api/v1/panels/${panelId}/workspace`)).status, 403);
  const seen = (await (await first.call(`/api/v1/panels/${panelId}/workspace`)).json()) as { member: { number: number }; can: { vote: boolean; facilitate: boolean } };
  assert.deepEqual([seen.member.number, seen.can.vote, seen.can.facilitate], [first.number, true, false]);

  const material = { kind: 'material', itemTitle: 'Klimaregnskapet', body: 'Utslippene i kommunen.', link: 'https://example.no/klima.pdf' };
  assert.equal((await post(first.call, `/panels/${panelId}/items`, material)).status, 403);
  assert.equal((await post(per, `/panels/${panelId}/items`, material)).status, 201);
  const noGroup = await post(first.call, `/panels/${panelId}/items`, { kind: 'note', itemTitle: 'Notater', body: 'Vi snakket om buss.' });
  assert.equal(noGroup.status, 400);
  assert.deepEqual(await fieldsOf(noGroup), ['smallGroup']);
  assert.equal((await post(first.call, `/panels/${panelId}/items`, { kind: 'note', itemTitle: 'Notater', body: 'Vi snakket om buss.', smallGroup: 'Gruppe A' })).status, 201);

  const untitled = await post(first.call, `/panels/${panelId}/recommendations`, { recBody: 'Gratis buss.' });
  assert.equal(untitled.status, 400);
  assert.deepEqual(await fieldsOf(untitled), ['recTitle']);
  assert.equal((await post(kari, `/panels/${panelId}/recommendations`, { recTitle: 'Buss', recBody: 'Gratis buss.' })).status, 403);
  const drafted = await post(first.call, `/panels/${panelId}/recommendations`, { recTitle: 'Gratis buss for unge', recBody: 'Bussen bør være gratis.' });
  assert.equal(drafted.status, 201);
  const rec = (await drafted.json()) as { id: string; number: number };
  assert.equal(rec.number, 1);

  const amended = await post(second.call, `/panel-recommendations/${rec.id}/amendments`, { amendBody: 'Bussen bør være gratis for alle under 26 år.', rationale: 'Tydeligere.' });
  assert.equal(amended.status, 201);
  const amendmentId = ((await amended.json()) as { id: string }).id;
  const badDecision = await per(`/api/v1/panel-amendments/${amendmentId}/decision`, { method: 'PUT', json: { decision: 'kanskje' } });
  assert.equal(badDecision.status, 400);
  assert.deepEqual(await fieldsOf(badDecision), ['decision']);
  assert.equal((await first.call(`/api/v1/panel-amendments/${amendmentId}/decision`, { method: 'PUT', json: { decision: 'accepted' } })).status, 403);
  assert.equal((await per(`/api/v1/panel-amendments/${amendmentId}/decision`, { method: 'PUT', json: { decision: 'accepted' } })).status, 200);

  assert.equal((await post(first.call, `/panel-recommendations/${rec.id}/votes`, { choice: 'yes' })).status, 409);
  assert.equal((await post(first.call, `/panel-recommendations/${rec.id}/voting`)).status, 403);
  assert.equal((await post(per, `/panel-recommendations/${rec.id}/voting`)).status, 200);
  const badChoice = await post(first.call, `/panel-recommendations/${rec.id}/votes`, { choice: 'kanskje' });
  assert.equal(badChoice.status, 400);
  assert.deepEqual(await fieldsOf(badChoice), ['choice']);
  assert.equal((await post(per, `/panel-recommendations/${rec.id}/votes`, { choice: 'yes' })).status, 403);
  for (const [member, choice] of [[first, 'yes'], [second, 'yes'], [third, 'no']] as const) assert.equal((await post(member.call, `/panel-recommendations/${rec.id}/votes`, { choice })).status, 200);
  const again = await post(first.call, `/panel-recommendations/${rec.id}/votes`, { choice: 'no' });
  assert.equal(again.status, 400);
  assert.deepEqual(await fieldsOf(again), ['choice']);
  assert.equal((await post(first.call, `/panels/${panelId}/report`)).status, 403);
  assert.equal((await post(per, `/panels/${panelId}/report`)).status, 400);
  assert.equal((await post(first.call, `/panel-recommendations/${rec.id}/voting/close`)).status, 403);
  const closed = await post(per, `/panel-recommendations/${rec.id}/voting/close`);
  // Three of four members voted: the default quorum is two thirds of 4, rounded up.
  assert.deepEqual(await closed.json(), { adopted: true, decided: true, voted: 3, members: 4, quorum: 3 });

  const workspace = (await (await first.call(`/api/v1/panels/${panelId}/workspace`)).json()) as { recommendations: { body: string; yes: number; no: number; myVote: string }[] };
  assert.deepEqual(workspace.recommendations.map((r) => [r.body, r.yes, r.no, r.myVote]), [['Bussen bør være gratis for alle under 26 år.', 2, 1, 'yes']]);

  assert.equal((await kari(`/api/v1/panels/${panelId}/public-name`, { method: 'PUT', json: { publicName: 'Kari' } })).status, 403);
  const long = await first.call(`/api/v1/panels/${panelId}/public-name`, { method: 'PUT', json: { publicName: 'x'.repeat(101) } });
  assert.deepEqual([long.status, await fieldsOf(long)], [400, ['publicName']]);
  assert.equal((await first.call(`/api/v1/panels/${panelId}/public-name`, { method: 'PUT', json: { publicName: 'Åse' } })).status, 200);
  assert.equal((await post(per, `/panels/${panelId}/report`)).status, 200);
});

test('the decision-maker answers; followers and the public see it', async () => {
  const publicPanel = async (call: ApiCall | null) => (await (call ? call(`/api/v1/panels/${panelId}`) : anonymous(`/api/v1/panels/${panelId}`))).json() as Promise<{
    names: string[];
    following: boolean;
    recommendations: { id: string; answer: { decision: string; progress: number | null } | null }[];
    can: { follow: boolean; respond: boolean; manage: boolean };
  }>;
  const before = await publicPanel(null);
  assert.deepEqual(before.can, { manage: false, administer: false, seePersonalData: false, nameAdministrators: false, facilitate: false, enterWorkspace: false, vote: false, respond: false, follow: false });
  assert.deepEqual(before.names, ['Åse']);
  const recId = before.recommendations[0]?.id ?? '';

  assert.equal((await kari(`/api/v1/panels/${panelId}/follow`, { method: 'PUT', json: {} })).status, 400);
  assert.equal((await kari(`/api/v1/panels/${panelId}/follow`, { method: 'PUT', json: { on: true } })).status, 200);
  const karis = await publicPanel(kari);
  assert.deepEqual([karis.following, karis.can.follow, karis.can.respond], [true, true, false]);
  assert.equal((await publicPanel(olav)).can.respond, true);

  const answer = { decision: 'accepted', reasons: 'Vi innfører det fra høsten.', decidedOn: '2099-05-01', progressPercent: 10, progressNote: 'Anbud ute.' };
  assert.equal((await kari(`/api/v1/panel-recommendations/${recId}/answer`, { method: 'PUT', json: answer })).status, 403);
  const rejectedWithProgress = await olav(`/api/v1/panel-recommendations/${recId}/answer`, { method: 'PUT', json: { ...answer, decision: 'rejected', decidedOn: '1. mai' } });
  assert.equal(rejectedWithProgress.status, 400);
  assert.deepEqual((await fieldsOf(rejectedWithProgress)).sort((a, b) => a.localeCompare(b)), ['decidedOn', 'progressPercent']);
  const badDecision = await olav(`/api/v1/panel-recommendations/${recId}/answer`, { method: 'PUT', json: { ...answer, decision: 'kanskje' } });
  assert.deepEqual([badDecision.status, await fieldsOf(badDecision)], [400, ['decision']]);
  assert.equal((await publicPanel(null)).recommendations[0]?.answer, null);
  assert.equal((await olav(`/api/v1/panel-recommendations/${recId}/answer`, { method: 'PUT', json: answer })).status, 200);
  assert.deepEqual((await publicPanel(null)).recommendations[0]?.answer, { decision: 'accepted', reasons: 'Vi innfører det fra høsten.', decidedOn: '2099-05-01', progress: 10, progressNote: 'Anbud ute.' });
  await server.mail.waitFor('kari@demo.tingsted.no', (m) => m.text.includes(`/panels/${panelId}`));
});

/** An API call without a session (registration needs none). */
const fetchAsAnonymous: ApiCall = (path, init = {}) =>
  fetch(server.url + path, { method: init.method ?? 'GET', ...(init.json !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) } : {}) });
