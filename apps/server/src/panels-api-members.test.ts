// A panel's members and decisions through the API (issue 18, part 4): administrators by role and by name,
// the quorum, registration sessions and registrations entered by staff, and the sign-up limits per person
// and per form. Each refuses the wrong role and bad input, naming the field in the caller's language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';
import { codesOf, panelProcess, setUpPanel } from './testing/panels.ts';

let server: TestServer;
let per: ApiCall;
let ada: ApiCall;
let mona: ApiCall;
let kari: ApiCall;
let panelId = '';
let codes: string[] = [];

before(async () => {
  server = await startTestServer({ web: false, jobs: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  ada = await apiClient(server.url, 'admin@demo.tingsted.no');
  mona = await apiClient(server.url, 'moderator@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  panelId = await setUpPanel(per, server, await panelProcess(server, 'panel-medlemmer'));
  codes = await codesOf(server, panelId);
});
after(async () => server.close());

const json = (call: ApiCall, method: string, path: string, body?: unknown) => call(`/api/v1${path}`, { method, ...(body !== undefined ? { json: body } : {}) });
const anonymousPost = (path: string, body: unknown) => fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const person = (i: number) => ({ consent: true, answers: { Kjønn: i % 2 === 0 ? 'Kvinne' : 'Mann', Alder: 'Ung' }, name: `Innbygger ${i}`, email: `innbygger${i}@example.no` });

test('an administrator (the role) is never refused a panel page a process manager may use; named administrators come and go', async () => {
  for (const path of [`/panels/${panelId}/manage`, `/panels/${panelId}/pool`, `/panels/${panelId}/administrators`]) {
    assert.equal((await ada(`/api/v1${path}`)).status, 200, path);
    assert.equal((await mona(`/api/v1${path}`)).status, 403, path);
  }
  assert.equal((await json(mona, 'POST', `/panels/${panelId}/administrators`, { email: 'kari@demo.tingsted.no' })).status, 403);
  const unknown = await json(per, 'POST', `/panels/${panelId}/administrators`, { email: 'ingen@example.no' });
  assert.deepEqual([unknown.status, await fieldsOf(unknown)], [400, ['email']]);
  const swedish = await per(`/api/v1/panels/${panelId}/administrators`, { method: 'POST', json: { email: 'ingen@example.no' }, headers: { 'accept-language': 'sv' } });
  const body = (await swedish.json()) as { error: { fields: { field: string; message: string }[] } };
  assert.deepEqual(body.error.fields, [{ field: 'email', message: 'Inget konto har den här e-postadressen. Be personen registrera sig först.' }]);
  const added = await json(per, 'POST', `/panels/${panelId}/administrators`, { email: 'kari@demo.tingsted.no' });
  assert.equal(added.status, 201);
  const { userId } = (await added.json()) as { userId: string };
  assert.equal((await kari(`/api/v1/panels/${panelId}/pool`)).status, 200, 'a named resident sees the pool');
  assert.equal((await json(kari, 'POST', `/panels/${panelId}/administrators`, { email: 'ola@demo.tingsted.no' })).status, 403, 'only the creator and the roles name administrators');
  const list = (await (await ada(`/api/v1/panels/${panelId}/administrators`)).json()) as { named: { name: string; creator: boolean; addedBy: string | null }[]; canName: boolean };
  assert.deepEqual(list.named.map((a) => [a.name, a.creator, a.addedBy]), [['Per Prosessansvarlig', true, null], ['Kari Nordmann', false, 'Per Prosessansvarlig']]);
  assert.equal(list.canName, true);
  assert.equal((await json(ada, 'DELETE', `/panels/${panelId}/administrators/${userId}`)).status, 200);
  assert.equal((await kari(`/api/v1/panels/${panelId}/pool`)).status, 403);
});

test('the quorum is set per panel; a bad one names the field', async () => {
  const tooBig = await json(per, 'PUT', `/panels/${panelId}/quorum`, { quorum: 5 });
  assert.deepEqual([tooBig.status, await fieldsOf(tooBig)], [400, ['quorum']]);
  const notNumber = await json(per, 'PUT', `/panels/${panelId}/quorum`, { quorum: 'tre' });
  assert.deepEqual([notNumber.status, await fieldsOf(notNumber)], [400, ['quorum']]);
  assert.equal((await json(kari, 'PUT', `/panels/${panelId}/quorum`, { quorum: 3 })).status, 403);
  assert.deepEqual(await (await json(ada, 'PUT', `/panels/${panelId}/quorum`, { quorum: 3 })).json(), { quorum: 3 });
  assert.deepEqual(await (await json(ada, 'PUT', `/panels/${panelId}/quorum`, {})).json(), { quorum: null });
});

test('staff register someone by phone; they are recorded; bad input names every field and writes nothing', async () => {
  const path = `/panels/${panelId}/assisted-registrations`;
  assert.equal((await json(mona, 'POST', path, { channel: 'phone', code: codes[0], ...person(0) })).status, 403);
  const bad = await json(ada, 'POST', path, { channel: 'phone', code: codes[0], consent: false, answers: {}, name: 'Åse' });
  assert.equal(bad.status, 400);
  assert.deepEqual(await fieldsOf(bad), ['consent', 'q0', 'q1', 'phone']);
  const badChannel = await json(ada, 'POST', path, { channel: 'brev', code: codes[0], ...person(0) });
  assert.deepEqual([badChannel.status, await fieldsOf(badChannel)], [400, ['channel']]);
  const registered = await json(ada, 'POST', path, { channel: 'phone', code: codes[0], ...person(0), email: '', phone: '+47 40 00 00 01' });
  assert.equal(registered.status, 201);
  const pool = (await (await per(`/api/v1/panels/${panelId}/pool`)).json()) as { rows: { number: number; channel: string; enteredBy: string | null; phone: string }[] };
  assert.deepEqual(pool.rows.map((r) => [r.number, r.channel, r.enteredBy, r.phone]), [[1, 'phone', 'Ada Administrator', '+47 40 00 00 01']]);
});

test('self-registration: limited per address and per form; a registration session lifts the address limit', async () => {
  const path = `/panels/${panelId}/respondents`;
  for (let i = 0; i < 20; i++) assert.equal((await anonymousPost(path, { code: `UKJENT${i}`, ...person(i) })).status, 400);
  const limited = await anonymousPost(path, { code: codes[1], ...person(1) });
  assert.equal(limited.status, 429);
  // The account sign-up form counts separately, per person: six sign-ups from the same address go through.
  for (let i = 0; i < 6; i++) {
    const signUp = await anonymousPost('/auth/register', { email: `ny${i}@example.no`, displayName: `Ny ${i}`, password: 'et-langt-passord-1' });
    assert.equal(signUp.status, 201, `sign-up ${i}`);
  }
  const badHours = await json(per, 'PUT', `/panels/${panelId}/registration-session`, { hours: 13 });
  assert.deepEqual([badHours.status, await fieldsOf(badHours)], [400, ['hours']]);
  assert.equal((await json(kari, 'PUT', `/panels/${panelId}/registration-session`, { hours: 3 })).status, 403);
  const session = (await (await json(ada, 'PUT', `/panels/${panelId}/registration-session`, { hours: 3 })).json()) as { until: string };
  assert.ok(Date.parse(session.until) > Date.now() + 2.9 * 3_600_000);
  for (let i = 1; i < 4; i++) assert.equal((await anonymousPost(path, { code: codes[i], ...person(i) })).status, 201, `registration ${i}`);
  assert.deepEqual(await (await json(ada, 'PUT', `/panels/${panelId}/registration-session`, { hours: 0 })).json(), { until: null });
  assert.equal((await anonymousPost(path, { code: codes[4], ...person(4) })).status, 429);
});
