import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

// Updates over the API: the same use cases and policy as /manage/<process>/updates. Mail goes through nodemailer
// over real SMTP (SMTP_URL) to the test server's SMTP catcher, and the unsubscribe link is followed without a session.
let server: TestServer;
let processId = '';
let emptyId = '';
let per: ApiCall;
before(async () => {
  server = await startTestServer({ web: false });
  const process = await server.platform.processes.getProcess(null, 'ny-sentrumsplan');
  assert.ok(process.ok);
  processId = process.value.id;
  emptyId = (await server.platform.processes.ensureProcess({ slug: 'ingen-deltakere', status: 'published', title: { nb: 'Ingen deltakere' }, summary: { nb: 'Tom' }, startsOn: '2026-01-01', endsOn: '2030-12-31', createdBy: null })).id;
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
});
after(async () => server.close());

const path = (id = processId) => `/api/v1/processes/${id}/updates`;
const update = { language: 'nb', subject: { nb: 'Nytt fra sentrumsplanen', en: 'News from the town centre plan' }, body: { nb: 'Planen legges fram i juni.', en: 'The plan is presented in June.' }, audience: 'both' };

test('only process managers and administrators may read or send updates; others get 403, the signed-out 401', async () => {
  assert.equal((await fetch(`${server.url}${path()}`)).status, 401);
  for (const email of ['kari@demo.tingsted.no', 'moderator@demo.tingsted.no', 'ordforer@demo.tingsted.no']) {
    const other = await apiClient(server.url, email);
    assert.equal((await other(path())).status, 403, email);
    assert.equal((await other(path(), { method: 'POST', json: update })).status, 403, email);
    assert.equal((await other(`${path()}/audience?audience=both`)).status, 403, email);
  }
  const admin = await apiClient(server.url, 'admin@demo.tingsted.no');
  assert.equal((await admin(path())).status, 200);
  assert.equal((await per('/api/v1/processes/00000000-0000-4000-8000-000000000000/updates')).status, 404);
});

test('bad input is named and nothing is written: no recipients, a half translation, an unknown audience', async () => {
  const nobody = await per(path(emptyId), { method: 'POST', json: update });
  assert.equal(nobody.status, 400);
  const body = (await nobody.json()) as { error: { message: string; fields: { field: string; message: string }[] } };
  assert.deepEqual(body.error.fields.map((f) => f.field), ['audience']);
  assert.match(body.error.fields[0]?.message ?? '', /Ingen ville fått denne oppdateringen/);
  const half = await per(path(), { method: 'POST', json: { ...update, body: { nb: 'Tekst' } } });
  assert.equal(half.status, 400);
  assert.deepEqual(await fieldsOf(half), ['body.en']);
  const audience = await per(path(), { method: 'POST', json: { ...update, audience: 'everyone' } });
  assert.equal(audience.status, 400);
  assert.deepEqual(await fieldsOf(audience), ['audience']);
  const list = (await (await per(path(emptyId))).json()) as { updates: unknown[] };
  assert.deepEqual(list.updates, []);
  // The demo's one scheduled update, and nothing more.
  assert.deepEqual(((await (await per(path())).json()) as { updates: { status: string }[] }).updates.map((u) => u.status), ['scheduled']);
});

test('the preview counts, an update sent now reaches them by e-mail over SMTP, and the link unsubscribes without signing in', async () => {
  const preview = (await (await per(`${path()}/audience?audience=both`)).json()) as { recipients: number; byEmail: number; listOnly: number };
  assert.ok(preview.recipients >= 3, `${preview.recipients} recipients`);
  const sent = await per(path(), { method: 'POST', json: update });
  assert.equal(sent.status, 201);
  const created = (await sent.json()) as { id: string; status: string; reached: number; emailed: number; listed: number };
  assert.deepEqual([created.status, created.reached, created.emailed, created.listed], ['sent', preview.recipients, preview.byEmail, preview.recipients]);
  const mail = await server.mail.waitFor('kari@demo.tingsted.no', (m) => m.subject.startsWith('Nytt fra sentrumsplanen'));
  assert.match(mail.text, /Planen legges fram i juni\./);
  const link = /\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(mail.text);
  assert.ok(link);
  const info = await fetch(`${server.url}/api/v1/unsubscribe/${link[1]}`);
  assert.equal(info.status, 200);
  assert.equal(((await info.json()) as { unsubscribed: boolean }).unsubscribed, false);
  const done = await fetch(`${server.url}/api/v1/unsubscribe/${link[1]}`, { method: 'POST' });
  assert.equal(done.status, 200);
  assert.equal((await fetch(`${server.url}/api/v1/unsubscribe/not-a-token-at-all-0000000000`, { method: 'POST' })).status, 400);
  const after = (await (await per(`${path()}/audience?audience=both`)).json()) as { recipients: number };
  assert.equal(after.recipients, preview.recipients - 1);
  const list = (await (await per(path())).json()) as { updates: { id: string; reached: number }[] };
  assert.deepEqual(list.updates.map((u) => [u.id, u.reached])[0], [created.id, preview.recipients]);
});

test('a scheduled update waits and can be cancelled once; a time that has passed is refused', async () => {
  const past = await per(path(), { method: 'POST', json: { ...update, sendAt: '2020-01-01T10:00' } });
  assert.equal(past.status, 400);
  assert.deepEqual(await fieldsOf(past), ['sendAt']);
  const scheduled = await per(path(), { method: 'POST', json: { ...update, sendAt: '2099-06-01T10:00' } });
  assert.equal(scheduled.status, 201);
  const { id, status, sendAt } = (await scheduled.json()) as { id: string; status: string; sendAt: string };
  assert.deepEqual([status, sendAt], ['scheduled', '2099-06-01T08:00:00.000Z']);
  const cancel = await per(`${path()}/${id}/cancel`, { method: 'POST' });
  assert.equal(cancel.status, 200);
  assert.equal(((await cancel.json()) as { status: string }).status, 'cancelled');
  assert.equal((await per(`${path()}/${id}/cancel`, { method: 'POST' })).status, 409);
});
