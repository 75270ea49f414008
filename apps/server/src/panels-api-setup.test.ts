// A citizens' panel set up over the API: the panel, its settings, census and quotas, sessions, the register
// (JSON or text/csv), the invitation lottery and the letters; then registration with codes and the pool
// (administrators only, every look audited). Each step: the role that may, one that may not, bad input
// named by field, and nothing half-written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';
import { census, codesOf, panelProcess, putCsv, quotas, registerCsv } from './testing/panels.ts';

let server: TestServer;
let per: ApiCall;
let kari: ApiCall;
let processId = '';
let panelId = '';
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  processId = await panelProcess(server, 'panel-oppsett');
});
after(async () => server.close());

const anonymous = (path: string, init: { method?: string; json?: unknown } = {}) =>
  fetch(server.url + path, { method: init.method ?? 'GET', ...(init.json !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.json) } : {}) });

interface Managed {
  title: string;
  size: number;
  quotas: string;
  sessions: { id: string; title: string }[];
  registerRows: number;
  invited: number;
  invitationSeed: string | null;
  poolSize: number;
  can: { administer: boolean; seePersonalData: boolean; facilitate: boolean };
}
const manage = async () => (await (await per(`/api/v1/panels/${panelId}/manage`)).json()) as Managed;
const actions = async () => (await server.platform.audit.forSubject('panel', panelId)).map((e) => e.action);

test('a process manager creates a panel and sets it up; a resident gets 403 and an anonymous caller 401', async () => {
  assert.equal((await anonymous(`/api/v1/processes/${processId}/panel`, { method: 'POST', json: { title: 'Panel' } })).status, 401);
  assert.equal((await kari(`/api/v1/processes/${processId}/panel`, { method: 'POST', json: { title: 'Panel' } })).status, 403);
  const untitled = await per(`/api/v1/processes/${processId}/panel`, { method: 'POST', json: {} });
  assert.equal(untitled.status, 400);
  assert.deepEqual(await fieldsOf(untitled), ['title']);
  const created = await per(`/api/v1/processes/${processId}/panel`, { method: 'POST', json: { title: 'Klimapanelet', locale: 'nb' } });
  assert.equal(created.status, 201);
  panelId = ((await created.json()) as { id: string }).id;
  assert.equal((await per(`/api/v1/processes/${processId}/panel`, { method: 'POST', json: { title: 'Igjen' } })).status, 409);
  assert.deepEqual((await manage()).can, { manage: true, administer: true, seePersonalData: true, nameAdministrators: true, facilitate: true, enterWorkspace: true, vote: false, respond: true, follow: true });
  assert.equal((await kari(`/api/v1/panels/${panelId}/manage`)).status, 403);

  // Census figures suggest quotas; a resident may not import them.
  assert.equal((await kari(`/api/v1/panels/${panelId}/census`, { method: 'PUT', json: { census } })).status, 403);
  const badCensus = await per(`/api/v1/panels/${panelId}/census`, { method: 'PUT', json: { census: 'category,value\nKjønn' } });
  assert.equal(badCensus.status, 400);
  assert.deepEqual(await fieldsOf(badCensus), ['census']);
  assert.equal((await per(`/api/v1/panels/${panelId}/census`, { method: 'PUT', json: { census } })).status, 200);

  // Settings: every field is checked first; a wrong one refuses the whole change.
  const setup = { title: 'Klimapanelet i Tromsø', size: 4, householdRule: false, approvalPercent: 60, endsOn: '2099-03-31', deletePoolOn: '2099-06-30', consentText: 'Vi lagrer svarene dine.' };
  const badSize = await per(`/api/v1/panels/${panelId}/setup`, { method: 'PUT', json: { ...setup, size: 'fire' } });
  assert.equal(badSize.status, 400);
  assert.deepEqual(await fieldsOf(badSize), ['size']);
  const badRules = await per(`/api/v1/panels/${panelId}/setup`, { method: 'PUT', json: { ...setup, size: 1, approvalPercent: 40, deletePoolOn: '2099-01-01' } });
  assert.equal(badRules.status, 400);
  assert.deepEqual((await fieldsOf(badRules)).sort((a, b) => a.localeCompare(b)), ['approvalPercent', 'deletePoolOn', 'size']);
  assert.equal((await manage()).title, 'Klimapanelet');
  assert.equal((await kari(`/api/v1/panels/${panelId}/setup`, { method: 'PUT', json: setup })).status, 403);
  assert.equal((await per(`/api/v1/panels/${panelId}/setup`, { method: 'PUT', json: setup })).status, 200);
  assert.deepEqual([(await manage()).title, (await manage()).size], ['Klimapanelet i Tromsø', 4]);

  // Quotas typed as text.
  const badQuotas = await per(`/api/v1/panels/${panelId}/quotas`, { method: 'PUT', json: { quotas: 'category,value,min,max\nKjønn,Kvinne,3,1' } });
  assert.equal(badQuotas.status, 400);
  assert.equal((await kari(`/api/v1/panels/${panelId}/quotas`, { method: 'PUT', json: { quotas } })).status, 403);
  assert.equal((await per(`/api/v1/panels/${panelId}/quotas`, { method: 'PUT', json: { quotas } })).status, 200);
  assert.equal((await manage()).quotas.trim(), quotas);
});

test('sessions are added and removed by the administrator, checked field by field', async () => {
  const session = { sessionTitle: 'Første samling', startsAt: '2099-01-10T10:00', endsAt: '2099-01-10T16:00', mode: 'in_person', place: 'Rådhuset', programme: 'Velkommen' };
  const badMode = await per(`/api/v1/panels/${panelId}/sessions`, { method: 'POST', json: { ...session, mode: 'zoom' } });
  assert.equal(badMode.status, 400);
  assert.deepEqual(await fieldsOf(badMode), ['mode']);
  const badTimes = await per(`/api/v1/panels/${panelId}/sessions`, { method: 'POST', json: { ...session, endsAt: '2099-01-10T09:00', mode: 'online', streamUrl: 'ftp://x' } });
  assert.equal(badTimes.status, 400);
  assert.deepEqual((await fieldsOf(badTimes)).sort((a, b) => a.localeCompare(b)), ['endsAt', 'streamUrl']);
  assert.equal((await kari(`/api/v1/panels/${panelId}/sessions`, { method: 'POST', json: session })).status, 403);
  const added = await per(`/api/v1/panels/${panelId}/sessions`, { method: 'POST', json: session });
  assert.equal(added.status, 201);
  const extra = await per(`/api/v1/panels/${panelId}/sessions`, { method: 'POST', json: { ...session, sessionTitle: 'Ekstra', mode: 'online', place: '', streamUrl: 'https://video.example.no/panel' } });
  const extraId = ((await extra.json()) as { id: string }).id;
  assert.equal((await kari(`/api/v1/panels/${panelId}/sessions/${extraId}`, { method: 'DELETE' })).status, 403);
  assert.equal((await per(`/api/v1/panels/${panelId}/sessions/${extraId}`, { method: 'DELETE' })).status, 200);
  assert.equal((await per(`/api/v1/panels/${panelId}/sessions/${extraId}`, { method: 'DELETE' })).status, 404);
  assert.deepEqual((await manage()).sessions.map((s) => s.title), ['Første samling']);
});

test('the register comes as JSON or as text/csv; the invitations are drawn with a seed; the letters are audited', async () => {
  const bad = await per(`/api/v1/panels/${panelId}/register`, { method: 'PUT', json: { register: 'id,name,address\nR1,Kari,Storgata 1' } });
  assert.equal(bad.status, 400);
  assert.deepEqual(await fieldsOf(bad), ['register']);
  assert.equal((await manage()).registerRows, 0);
  assert.equal((await putCsv(server.url, 'kari@demo.tingsted.no', `/api/v1/panels/${panelId}/register`, registerCsv(40))).status, 403);
  const json = await per(`/api/v1/panels/${panelId}/register`, { method: 'PUT', json: { register: registerCsv(10) } });
  assert.deepEqual(await json.json(), { rows: 10, areas: 3 });
  const csv = await putCsv(server.url, 'prosess@demo.tingsted.no', `/api/v1/panels/${panelId}/register`, registerCsv(40));
  assert.equal(csv.status, 200);
  assert.deepEqual(await csv.json(), { rows: 40, areas: 3 });
  assert.equal((await manage()).registerRows, 40);

  assert.equal((await kari(`/api/v1/panels/${panelId}/invitations`, { method: 'POST', json: { count: 12 } })).status, 403);
  for (const count of [0, 'tolv']) {
    const refused = await per(`/api/v1/panels/${panelId}/invitations`, { method: 'POST', json: { count } });
    assert.equal(refused.status, 400);
    assert.deepEqual(await fieldsOf(refused), ['count']);
  }
  assert.equal((await manage()).invited, 0);
  const drawn = await per(`/api/v1/panels/${panelId}/invitations`, { method: 'POST', json: { count: 12, seed: 'Tingsted', stratify: true } });
  assert.deepEqual(await drawn.json(), { invited: 12, seed: 'Tingsted' });
  assert.equal((await per(`/api/v1/panels/${panelId}/invitations`, { method: 'POST', json: { count: 12 } })).status, 400);
  assert.equal((await manage()).invitationSeed, 'Tingsted');

  assert.equal((await kari(`/api/v1/panels/${panelId}/letters.pdf`)).status, 403);
  assert.equal((await anonymous(`/api/v1/panels/${panelId}/letters.pdf`)).status, 401);
  assert.equal((await per(`/api/v1/panels/${panelId}/letters.pdf?lang=de`)).status, 400);
  const letters = await per(`/api/v1/panels/${panelId}/letters.pdf?lang=en`);
  assert.equal(letters.status, 200);
  assert.equal(letters.headers.get('content-type'), 'application/pdf');
  assert.equal(Buffer.from(await letters.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok((await actions()).includes('panel.letters_printed'));
});

test('invitees register with their codes; bad answers are named and nothing is written', async () => {
  const form = await (await anonymous(`/api/v1/panels/${panelId}/registration`)).json();
  assert.deepEqual(form, {
    id: panelId,
    title: 'Klimapanelet i Tromsø',
    consentText: 'Vi lagrer svarene dine.',
    open: true,
    questions: [
      { name: 'Kjønn', values: ['Kvinne', 'Mann'] },
      { name: 'Alder', values: ['Ung', 'Eldre'] },
    ],
  });
  const [code = '', other = ''] = await codesOf(server, panelId);
  const unknown = await anonymous(`/api/v1/panels/${panelId}/registration/code`, { method: 'POST', json: { code: 'AAAA-AAAA' } });
  assert.equal(unknown.status, 400);
  assert.deepEqual(await fieldsOf(unknown), ['code']);
  assert.equal((await anonymous(`/api/v1/panels/${panelId}/registration/code`, { method: 'POST', json: { code: code.toLowerCase().replace('-', ' ') } })).status, 200);

  const person = { code, consent: true, answers: { Kjønn: 'Kvinne', Alder: 'Ung' }, name: 'Åse Ødegård', email: 'ase@example.no', phone: '+47 400 00 000' };
  const noConsent = await anonymous(`/api/v1/panels/${panelId}/respondents`, { method: 'POST', json: { ...person, consent: false, answers: { Kjønn: 'Annet' }, email: 'ikke-epost' } });
  assert.equal(noConsent.status, 400);
  assert.deepEqual((await fieldsOf(noConsent)).sort((a, b) => a.localeCompare(b)), ['consent', 'email', 'q0', 'q1']);
  const missing = await anonymous(`/api/v1/panels/${panelId}/respondents`, { method: 'POST', json: { code } });
  assert.equal(missing.status, 400);
  const named = await fieldsOf(missing);
  assert.ok(named.length > 0 && named.every((f) => ['answers', 'consent', 'email', 'name'].includes(f)), named.join());
  assert.equal((await manage()).poolSize, 0);

  const registered = await anonymous(`/api/v1/panels/${panelId}/respondents`, { method: 'POST', json: person });
  assert.equal(registered.status, 201);
  assert.deepEqual(await registered.json(), { number: 1 });
  const twice = await anonymous(`/api/v1/panels/${panelId}/respondents`, { method: 'POST', json: { ...person, email: 'annen@example.no' } });
  assert.equal(twice.status, 400);
  assert.deepEqual(await fieldsOf(twice), ['code']);
  assert.equal((await anonymous(`/api/v1/panels/${panelId}/respondents`, { method: 'POST', json: { ...person, code: other, answers: { Kjønn: 'Mann', Alder: 'Eldre' }, email: 'ola@example.no' } })).status, 201);
  assert.equal((await manage()).poolSize, 2);
});

test('the pool and its CSV are for the administrators only, and every look is audited', async () => {
  assert.equal((await anonymous(`/api/v1/panels/${panelId}/pool`)).status, 401);
  assert.equal((await kari(`/api/v1/panels/${panelId}/pool`)).status, 403);
  assert.equal((await kari(`/api/v1/panels/${panelId}/pool.csv`)).status, 403);
  // Process managers always administer panels (issue 18): another one sees the pool; a moderator does not.
  const other = await server.platform.accounts.ensureUser({ email: 'annen-leder@example.no', displayName: 'Annen leder', password: 'demo-passord-2026', roles: ['process_manager'] });
  assert.ok(other);
  const otherManager = await apiClient(server.url, 'annen-leder@example.no');
  assert.equal((await otherManager(`/api/v1/panels/${panelId}/manage`)).status, 200);
  assert.equal((await otherManager(`/api/v1/panels/${panelId}/pool`)).status, 200);
  const moderator = await apiClient(server.url, 'moderator@demo.tingsted.no');
  assert.equal((await moderator(`/api/v1/panels/${panelId}/pool`)).status, 403);
  assert.equal((await moderator(`/api/v1/panels/${panelId}/invitations`, { method: 'POST', json: { count: 1 } })).status, 403);

  const before = (await actions()).filter((a) => a.startsWith('panel.pool_')).length;
  const pool = await per(`/api/v1/panels/${panelId}/pool`);
  assert.equal(pool.status, 200);
  assert.equal(pool.headers.get('cache-control'), 'no-store');
  const body = (await pool.json()) as { categories: string[]; rows: { number: number; answers: Record<string, string>; name: string; email: string; phone: string }[] };
  assert.deepEqual(body.categories, ['Kjønn', 'Alder']);
  assert.deepEqual(
    body.rows.map((r) => [r.number, r.answers.Kjønn, r.name, r.email, r.phone]),
    [
      [1, 'Kvinne', 'Åse Ødegård', 'ase@example.no', '+47 400 00 000'],
      [2, 'Mann', 'Åse Ødegård', 'ola@example.no', '+47 400 00 000'],
    ],
  );
  const csv = await per(`/api/v1/panels/${panelId}/pool.csv`);
  assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
  const lines = (await csv.text()).trim().split('\n');
  assert.equal(lines[0], 'number,Kjønn,Alder,status,name,email,phone,registered_at');
  assert.equal(lines.length, 3);
  const audited = (await actions()).filter((a) => a.startsWith('panel.pool_'));
  assert.deepEqual(audited.slice(0, audited.length - before).sort((a, b) => a.localeCompare(b)), ['panel.pool_exported', 'panel.pool_viewed']);
});

test('the OpenAPI document lists every panel use case by its contract name', async () => {
  const { panelContracts } = await import('@tingsted/platform/panels');
  const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId?: string }>> };
  const operations = new Set(Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((m) => m.operationId)));
  assert.deepEqual(Object.keys(panelContracts).filter((name) => !operations.has(name)), []);
});
