// Invitation rounds over the API (issue 18, part 3): the plan with its proposal, a round refused by stratum
// (in the request's language, nothing written), a round drawn with its reserve, its letters, the reserve
// released, the short code looked up; each with the role that may and one that may not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';
import { panelProcess, putCsv, quotas, registerCsv } from './testing/panels.ts';

let server: TestServer;
let per: ApiCall;
let kari: ApiCall;
let panelId = '';
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  const processId = await panelProcess(server, 'panel-runder-api');
  const created = await per(`/api/v1/processes/${processId}/panel`, { method: 'POST', json: { title: 'Rundepanelet', locale: 'nb' } });
  panelId = ((await created.json()) as { id: string }).id;
  const setup = { title: 'Rundepanelet', size: 4, householdRule: true, approvalPercent: 60, endsOn: '2099-03-31', deletePoolOn: '2099-06-30', consentText: 'Vi lagrer svarene dine.' };
  assert.equal((await per(`/api/v1/panels/${panelId}/setup`, { method: 'PUT', json: setup })).status, 200);
  assert.equal((await per(`/api/v1/panels/${panelId}/quotas`, { method: 'PUT', json: { quotas } })).status, 200);
  assert.equal((await putCsv(server.url, 'prosess@demo.tingsted.no', `/api/v1/panels/${panelId}/register`, registerCsv(60))).status, 200);
});
after(async () => server.close());

interface Plan {
  nextRound: number;
  strata: { area: string; ageBand: string; sex: string; candidates: number; invited: number; heldInReserve: number; proposedCount: number; proposedReserve: number }[];
  rounds: { number: number; seed: string; letters: number; reserve: number; contact: { name: string } }[];
}

test('a round over the API: proposal, refusal by stratum, the draw with its reserve, letters, release, short code', async () => {
  assert.equal((await fetch(`${server.url}/api/v1/panels/${panelId}/rounds`)).status, 401);
  assert.equal((await kari(`/api/v1/panels/${panelId}/rounds`)).status, 403);
  const plan = (await (await per(`/api/v1/panels/${panelId}/rounds?letters=12&reserve=3`)).json()) as Plan;
  assert.equal(plan.nextRound, 1);
  // 60 people in 30 households over three areas: 10 households each, so 4 letters and 1 reserve each.
  assert.deepEqual(
    plan.strata.map((s) => [s.area, s.candidates, s.proposedCount, s.proposedReserve]),
    [
      ['Nord', 10, 4, 1],
      ['Sentrum', 10, 4, 1],
      ['Sør', 10, 4, 1],
    ],
  );
  const strata = plan.strata.map((s) => ({ area: s.area, count: s.proposedCount, reserve: s.proposedReserve }));

  assert.equal((await kari(`/api/v1/panels/${panelId}/rounds`, { method: 'POST', json: { strata } })).status, 403);
  const short = await per(`/api/v1/panels/${panelId}/rounds`, { method: 'POST', json: { strata: [{ area: 'Nord', count: 9, reserve: 3 }, { area: 'Sør', count: 11, reserve: 0 }] }, headers: { 'accept-language': 'en' } });
  assert.equal(short.status, 400);
  const body = (await short.json()) as { error: { fields: { field: string; message: string }[] } };
  assert.deepEqual(
    body.error.fields.map((f) => f.message),
    ['Stratum Nord: you asked for 12 (letters and reserve), but only 10 there have not been invited yet.', 'Stratum Sør: you asked for 11 (letters and reserve), but only 10 there have not been invited yet.'],
  );
  const badNumbers = await per(`/api/v1/panels/${panelId}/rounds`, { method: 'POST', json: { strata: [{ area: 'Nord', count: -1 }], contactEmail: 'nei' } });
  assert.equal(badNumbers.status, 400);
  assert.deepEqual(new Set(await fieldsOf(badNumbers)), new Set(['contactEmail', 'count.0']));
  assert.equal((await server.platform.db.selectFrom('panel_invitations').select('id').where('panel_id', '=', panelId).execute()).length, 0);

  const drawn = await per(`/api/v1/panels/${panelId}/rounds`, { method: 'POST', json: { strata, seed: 'API-runde', replyBy: '2099-01-31', contactName: 'Per Prosess', contactEmail: 'prosess@demo.tingsted.no' } });
  assert.equal(drawn.status, 201);
  assert.deepEqual(await drawn.json(), { round: 1, invited: 12, reserve: 3, seed: 'API-runde' });
  const after = (await (await per(`/api/v1/panels/${panelId}/rounds`)).json()) as Plan;
  assert.equal(after.nextRound, 2);
  assert.deepEqual(after.rounds.map((r) => [r.number, r.seed, r.letters, r.reserve, r.contact.name]), [[1, 'API-runde', 12, 3, 'Per Prosess']]);
  assert.deepEqual(after.strata.map((s) => [s.candidates, s.invited, s.heldInReserve]), [[5, 4, 1], [5, 4, 1], [5, 4, 1]]);

  assert.equal((await kari(`/api/v1/panels/${panelId}/rounds/1/letters.pdf`)).status, 403);
  const letters = await per(`/api/v1/panels/${panelId}/rounds/1/letters.pdf?lang=sv`);
  assert.equal(letters.status, 200);
  assert.equal(letters.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await letters.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  assert.equal((await per(`/api/v1/panels/${panelId}/rounds/7/letters.pdf`)).status, 400);

  assert.equal((await kari(`/api/v1/panels/${panelId}/rounds/1/reserve`, { method: 'POST', json: {} })).status, 403);
  const released = await per(`/api/v1/panels/${panelId}/rounds/1/reserve`, { method: 'POST', json: {} });
  assert.deepEqual(await released.json(), { released: 3 });
  const again = await per(`/api/v1/panels/${panelId}/rounds/1/reserve`, { method: 'POST', json: {} });
  assert.equal(again.status, 400);
  assert.deepEqual(await fieldsOf(again), ['round']);

  const code = (await server.platform.db.selectFrom('panel_invitations').select('code').where('panel_id', '=', panelId).orderBy('position').executeTakeFirstOrThrow()).code;
  const found = await fetch(`${server.url}/api/v1/panel-invitations/${code.toLowerCase()}`);
  assert.deepEqual(await found.json(), { panelId, code });
  const unknown = await fetch(`${server.url}/api/v1/panel-invitations/ZZZZ-ZZZZ`, { headers: { 'accept-language': 'nb' } });
  assert.equal(unknown.status, 400);
  assert.deepEqual(await fieldsOf(unknown), ['code']);
  const audited = (await server.platform.audit.forSubject('panel', panelId)).map((e) => e.action);
  for (const action of ['panel.invitation_round_drawn', 'panel.letters_printed', 'panel.reserve_released']) assert.ok(audited.includes(action), action);
});
