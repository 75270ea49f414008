import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf } from './testing/api-client.ts';
import { anonymousClient, joinToken, json, pdfBase64, processWithStakeholderPhase } from './testing/stakeholders.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

interface Panel {
  id: string;
  inviteLimit: number;
  stakeholder: { id: string; role: string; invitesLeft: number } | null;
  can: Record<string, boolean>;
}

test('a whole panel runs through the API: invite, join, introduce, a fact approved, a meeting, a recommendation decided', async () => {
  const per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  const sara = await apiClient(server.url, 'sara@demo.tingsted.no');
  const kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const mayor = await apiClient(server.url, 'ordforer@demo.tingsted.no');
  const anonymous = anonymousClient(server.url);
  const { phaseId } = await processWithStakeholderPhase(per, 'Parkering i sentrum');

  // The panel: only facilitators set it up; the limit is checked.
  assert.equal((await kari(`/api/v1/stakeholders/phases/${phaseId}/panel`, json('PUT', { inviteLimit: 1 }))).status, 403);
  assert.equal((await anonymous(`/api/v1/stakeholders/phases/${phaseId}/panel`, json('PUT', { inviteLimit: 1 }))).status, 401);
  const tooMany = await per(`/api/v1/stakeholders/phases/${phaseId}/panel`, json('PUT', { inviteLimit: 99 }));
  assert.equal(tooMany.status, 400);
  assert.deepEqual(await fieldsOf(tooMany), ['inviteLimit']);
  const notANumber = await per(`/api/v1/stakeholders/phases/${phaseId}/panel`, json('PUT', { inviteLimit: 'to' }));
  assert.deepEqual([notANumber.status, await fieldsOf(notANumber)], [400, ['inviteLimit']]);
  const setUp = await per(`/api/v1/stakeholders/phases/${phaseId}/panel`, json('PUT', { inviteLimit: 1 }));
  assert.equal(setUp.status, 200);
  const panelId = ((await setUp.json()) as { id: string }).id;
  const panel = `/api/v1/stakeholders/panels/${panelId}`;
  const facilitator = (await (await per(panel)).json()) as Panel;
  assert.deepEqual(facilitator.can, { facilitate: true, invite: true, introduce: false, submitFact: false, recommend: true, decide: false });
  assert.equal(facilitator.inviteLimit, 1);
  assert.equal((await anonymous(panel)).status, 404, 'the panel of a draft process is not shown to the public');

  // Invitations: a facilitator invites by e-mail with a role; a resident outside the panel may not.
  assert.equal((await kari(`${panel}/invitations`, json('POST', { email: 'x@example.no', role: 'Naboer' }))).status, 403);
  assert.equal((await anonymous(`${panel}/invitations`, json('POST', { email: 'x@example.no', role: 'Naboer' }))).status, 401);
  const badEmail = await per(`${panel}/invitations`, json('POST', { email: 'ikke en adresse', role: 'Næringsliv' }));
  assert.deepEqual([badEmail.status, await fieldsOf(badEmail)], [400, ['email']]);
  const invited = await per(`${panel}/invitations`, json('POST', { email: 'sara@demo.tingsted.no', role: 'Næringsliv' }));
  assert.equal(invited.status, 201);
  const token = joinToken(await server.mail.waitFor('sara@demo.tingsted.no', (m) => /stakeholders\/join/.test(m.text)));
  assert.deepEqual(await (await anonymous(`/api/v1/stakeholders/invitation?token=${token}`)).json(), { panelId, role: 'Næringsliv', invitedBy: null }, 'invited by the facilitators, not by a stakeholder');

  // Joining: a short introduction is refused and nothing is joined; then the invitee joins, once.
  const intro = { name: 'Sara Haugen', speaksFor: 'Handelsstanden i sentrum', introduction: 'Jeg driver en butikk i Storgata og snakker for handelsstanden.' };
  assert.equal((await anonymous('/api/v1/stakeholders/invitation/accept', json('POST', { token, ...intro }))).status, 401);
  const short = await sara('/api/v1/stakeholders/invitation/accept', json('POST', { token, ...intro, introduction: 'Hei' }));
  assert.deepEqual([short.status, await fieldsOf(short)], [400, ['introduction']]);
  const chain = async () => (await (await per(`${panel}/invitations`)).json()) as { role: string; joined: boolean; email: string | null; depth: number }[];
  assert.deepEqual((await chain()).map((c) => [c.role, c.joined, c.email]), [['Næringsliv', false, 'sara@demo.tingsted.no']], 'not joined by a refused form');
  assert.equal((await sara(panel)).status, 404, 'not a member yet, and the process is a draft');
  assert.equal((await sara(`${panel}/invitations`)).status, 403, 'the chain is for facilitators');
  const joined = await sara('/api/v1/stakeholders/invitation/accept', json('POST', { token, ...intro }));
  assert.deepEqual([joined.status, await joined.json()], [200, { panelId }]);
  assert.equal((await sara('/api/v1/stakeholders/invitation/accept', json('POST', { token, ...intro }))).status, 400, 'the token is used up');
  assert.equal((await anonymous(`/api/v1/stakeholders/invitation?token=${token}`)).status, 404);
  assert.deepEqual((await chain()).map((c) => [c.role, c.joined, c.email]), [['Næringsliv', true, null]], 'a joined stakeholder’s address is no longer shown');
  const member = (await (await sara(panel)).json()) as Panel;
  assert.deepEqual(member.can, { facilitate: false, invite: true, introduce: true, submitFact: true, recommend: true, decide: false });
  assert.deepEqual(member.stakeholder && { role: member.stakeholder.role, invitesLeft: member.stakeholder.invitesLeft }, { role: 'Næringsliv', invitesLeft: 1 });

  // Introductions: the stakeholder updates their own; others may not.
  const changed = { ...intro, speaksFor: 'Handelsstanden og serveringsstedene i sentrum' };
  assert.equal((await kari(`${panel}/introduction`, json('PUT', changed))).status, 403);
  const noName = await sara(`${panel}/introduction`, json('PUT', { speaksFor: changed.speaksFor, introduction: changed.introduction }));
  assert.deepEqual([noName.status, await fieldsOf(noName)], [400, ['name']]);
  assert.equal((await sara(`${panel}/introduction`, json('PUT', changed))).status, 200);
  assert.equal((await server.platform.stakeholders.introductions(panelId)).find((p) => p.name === 'Sara Haugen')?.speaksFor, changed.speaksFor);

  // The timeline (facilitators).
  assert.equal((await sara(`${panel}/timeline`, json('POST', { title: 'Oppstart', happensOn: '2031-01-15' }))).status, 403);
  const badDay = await per(`${panel}/timeline`, json('POST', { title: 'Oppstart', happensOn: '15.01.2031' }));
  assert.deepEqual([badDay.status, await fieldsOf(badDay)], [400, ['happensOn']]);
  assert.equal((await per(`${panel}/timeline`, json('POST', { title: 'Oppstart', happensOn: '2031-01-15', description: 'Første møte.' }))).status, 201);
  assert.deepEqual((await server.platform.stakeholders.steps(panelId)).map((s) => s.title), ['Oppstart']);

  // A fact with a bad source stores nothing; a good one, with a link and an uploaded document, is submitted.
  const sources = [
    { kind: 'link', title: 'Parkeringsstatistikk', url: 'https://example.org/parkering' },
    { kind: 'document', title: 'Handelsrapport 2030', file: { filename: 'handel.pdf', contentType: 'application/pdf', data: pdfBase64('Handelsrapport') } },
  ];
  const fact = { title: 'Halvparten av kundene kommer med bil', body: 'Tellingen i 2030 viste at 52 prosent kom med bil.', sources };
  assert.equal((await kari(`${panel}/facts`, json('POST', fact))).status, 403, 'only stakeholders submit facts');
  const badSource = await sara(`${panel}/facts`, json('POST', { ...fact, sources: [...sources, { kind: 'link', title: 'FTP', url: 'ftp://example.org/x' }] }));
  assert.deepEqual([badSource.status, await fieldsOf(badSource)], [400, ['sources.2.url']]);
  assert.deepEqual(await (await per(`${panel}/facts`)).json(), [], 'nothing was stored');
  const submitted = await sara(`${panel}/facts`, json('POST', fact));
  assert.equal(submitted.status, 201);
  const { id: factId, number } = (await submitted.json()) as { id: string; number: number };
  assert.equal(number, 1);

  // Review: facilitators only; approved onto the fact sheet.
  assert.equal((await sara(`/api/v1/stakeholders/facts/${factId}/review`, json('POST', { decision: 'approve' }))).status, 403);
  const noReason = await per(`/api/v1/stakeholders/facts/${factId}/review`, json('POST', { decision: 'reject' }));
  assert.deepEqual([noReason.status, await fieldsOf(noReason)], [400, ['reason']]);
  assert.equal((await per(`/api/v1/stakeholders/facts/${factId}/review`, json('POST', { decision: 'approve' }))).status, 200);
  const sheet = await server.platform.stakeholders.factSheet(panelId);
  assert.deepEqual(
    sheet.map((f) => [f.number, f.title, f.sources.map((s) => s.document?.filename ?? s.url)]),
    [[1, fact.title, ['https://example.org/parkering', 'handel.pdf']]],
  );

  // A meeting with its agenda and stream link, then its minutes (facilitators).
  const meeting = { title: 'Første møte', startsAt: '2031-02-01T18:00', streamUrl: 'https://video.example.org/panel', agenda: '1. Tall\n2. Tiltak' };
  assert.equal((await sara(`${panel}/meetings`, json('POST', meeting))).status, 403);
  const badStream = await per(`${panel}/meetings`, json('POST', { ...meeting, streamUrl: 'video' }));
  assert.deepEqual([badStream.status, await fieldsOf(badStream)], [400, ['streamUrl']]);
  const scheduled = await per(`${panel}/meetings`, json('POST', meeting));
  assert.equal(scheduled.status, 201);
  const meetingId = ((await scheduled.json()) as { id: string }).id;
  const minutes = `/api/v1/stakeholders/meetings/${meetingId}/minutes`;
  assert.equal((await sara(minutes, json('PUT', { minutes: 'Referat.' }))).status, 403);
  const noMinutes = await per(minutes, json('PUT', { minutes: '  ' }));
  assert.deepEqual([noMinutes.status, await fieldsOf(noMinutes)], [400, ['minutes']]);
  assert.equal((await per(minutes, json('PUT', { minutes: 'Panelet ble enige om å telle igjen i mai.' }))).status, 200);
  assert.deepEqual((await server.platform.stakeholders.meetings(panelId)).map((m) => [m.title, m.stream_url, m.agenda, m.minutes]), [['Første møte', meeting.streamUrl, 'Tall\nTiltak', 'Panelet ble enige om å telle igjen i mai.']]);

  // A recommendation resting on the approved fact; unknown facts or statements refuse it and write nothing.
  const recommendation = { title: 'Behold korttidsparkeringen', body: 'Kundene trenger plasser nær butikkene.', facts: [number], meetingId };
  assert.equal((await kari(`${panel}/recommendations`, json('POST', recommendation))).status, 403);
  const unknownFact = await sara(`${panel}/recommendations`, json('POST', { ...recommendation, facts: [99] }));
  assert.deepEqual([unknownFact.status, await fieldsOf(unknownFact)], [400, ['facts']]);
  const unknownStatement = await sara(`${panel}/recommendations`, json('POST', { ...recommendation, statements: [1] }));
  assert.deepEqual([unknownStatement.status, await fieldsOf(unknownStatement)], [400, ['statements']], 'the process has no conversation');
  assert.deepEqual(await server.platform.stakeholders.recommendations(panelId), []);
  const drafted = await sara(`${panel}/recommendations`, json('POST', recommendation));
  assert.equal(drafted.status, 201);
  const { id: recommendationId } = (await drafted.json()) as { id: string };

  // A draft goes to the decision-maker only once the panel supports it and the facilitator sends it.
  const decision = `/api/v1/stakeholders/recommendations/${recommendationId}/decision`;
  const accept = { decision: 'accepted', reason: 'Korttidsparkeringen beholdes i planen.' };
  assert.equal((await mayor(decision, json('POST', accept))).status, 409, 'not sent yet');
  assert.equal((await sara(`/api/v1/stakeholders/recommendations/${recommendationId}/support`, { method: 'PUT' })).status, 200);
  assert.equal((await per(`/api/v1/stakeholders/recommendations/${recommendationId}/send`, { method: 'POST' })).status, 200);

  // The decision-maker decides with reasons, once; a facilitator may not.
  assert.equal((await per(decision, json('POST', accept))).status, 403);
  assert.equal((await anonymous(decision, json('POST', accept))).status, 401);
  const maybe = await mayor(decision, json('POST', { ...accept, decision: 'kanskje' }));
  assert.deepEqual([maybe.status, await fieldsOf(maybe)], [400, ['decision']]);
  const terse = await mayor(decision, json('POST', { ...accept, reason: 'ja' }));
  assert.deepEqual([terse.status, await fieldsOf(terse)], [400, ['reason']]);
  assert.equal((await mayor(decision, json('POST', accept))).status, 200);
  assert.equal((await mayor(decision, json('POST', { decision: 'rejected', reason: 'Ombestemt meg likevel.' }))).status, 409, 'decided once');
  const [decided] = await server.platform.stakeholders.recommendations(panelId);
  assert.deepEqual([decided?.decision, decided?.decisionReason, decided?.facts], ['accepted', accept.reason, [factId]]);
});
