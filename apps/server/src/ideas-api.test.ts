import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

/** A signed-in API client that sends the CSRF token on writes. */
async function signIn(email: string) {
  const cookies = new Map<string, string>();
  const call = async (path: string, init: { method?: string; json?: unknown } = {}) => {
    const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const csrf = cookies.get('ts_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
    const response = await fetch(server.url + path, { method: init.method ?? 'GET', headers, ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}) });
    for (const c of response.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return response;
  };
  assert.equal((await call('/api/v1/auth/sign-in', { method: 'POST', json: { email, password: 'demo-passord-2026' } })).status, 200);
  return call;
}

test('ideas over the API: post, support once, comment, answer, results and export', async () => {
  const detail = (await (await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/detail`)).json()) as { currentPhaseId: string; charter: Record<string, Record<string, string>> };
  assert.match(detail.charter.scope_cannot_change?.nb ?? '', /Riksveien/);
  const listed = (await (await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/ideas?sort=supported`)).json()) as { ideas: { title: string; supportCount: number }[]; total: number };
  assert.equal(listed.total, 3);
  assert.equal(listed.ideas[0]?.title, 'Flere benker langs elva');

  const kari = await signIn('kari@demo.tingsted.no');
  const bad = await kari(`/api/v1/phases/${detail.currentPhaseId}/ideas`, { method: 'POST', json: { title: 'Hei', body: 'kort' } });
  assert.equal(bad.status, 400);
  assert.deepEqual(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field), ['title', 'body']);
  const posted = await kari(`/api/v1/phases/${detail.currentPhaseId}/ideas`, { method: 'POST', json: { title: 'Sykkelparkering ved torget', body: 'Tak over sykkelstativene ved torget.' } });
  assert.equal(posted.status, 201);
  const { id } = (await posted.json()) as { id: string };

  const ola = await signIn('ola@demo.tingsted.no');
  assert.equal((await ola(`/api/v1/ideas/${id}/support`, { method: 'POST' })).status, 200);
  const twice = await ola(`/api/v1/ideas/${id}/support`, { method: 'POST' });
  assert.equal(twice.status, 409);
  assert.equal(((await twice.json()) as { error: { code: string } }).error.code, 'AlreadySupported');
  assert.equal((await ola(`/api/v1/ideas/${id}/comments`, { method: 'POST', json: { body: 'Ja takk!' } })).status, 201);

  const decider = await signIn('ordforer@demo.tingsted.no');
  const noAnswer = await decider(`/api/v1/ideas/${id}/answers`, { method: 'POST', json: { status: 'rejected' } });
  assert.equal(noAnswer.status, 400);
  assert.equal((await decider(`/api/v1/ideas/${id}/answers`, { method: 'POST', json: { status: 'accepted', body: 'Kommer i 2027.' } })).status, 200);

  const idea = (await (await fetch(`${server.url}/api/v1/ideas/${id}`)).json()) as { idea: { status: string; supportCount: number }; comments: unknown[]; answers: { body: string }[] };
  assert.deepEqual([idea.idea.status, idea.idea.supportCount, idea.comments.length, idea.answers[0]?.body], ['accepted', 1, 1, 'Kommer i 2027.']);

  const results = (await (await fetch(`${server.url}/api/v1/processes/ny-sentrumsplan/results`)).json()) as { total: number; counts: { status: string; count: number }[] };
  assert.equal(results.total, 4);
  assert.equal(results.counts.find((c) => c.status === 'accepted')?.count, 1);

  assert.equal((await kari('/api/v1/processes/ny-sentrumsplan/ideas/export')).status, 403, 'residents cannot export');
  const manager = await signIn('prosess@demo.tingsted.no');
  const csv = await (await manager('/api/v1/processes/ny-sentrumsplan/ideas/export?format=csv')).text();
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 5, 'a header and four ideas');
  assert.ok(lines.some((l) => l.includes('"Sykkelparkering ved torget"') && l.includes('"accepted"') && l.includes('"Kommer i 2027."')));
});

test('survey responses export as CSV for staff only, with choices by their text', async () => {
  const library = (await (await fetch(`${server.url}/api/v1/processes/bibliotekets-apningstider/detail`)).json()) as { currentPhaseId: string };
  const resident = await signIn('kari@demo.tingsted.no');
  assert.equal((await resident(`/api/v1/phases/${library.currentPhaseId}/survey/export`)).status, 403);
  const manager = await signIn('prosess@demo.tingsted.no');
  const csv = await (await manager(`/api/v1/phases/${library.currentPhaseId}/survey/export`)).text();
  const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
  assert.equal(lines.length, 4, 'a header and the three seeded responses');
  assert.match(lines[0] ?? '', /"Hvor ofte bruker du biblioteket\?"/);
  assert.match(lines[1] ?? '', /"Hver uke","Kveld; Lørdag","2"/);
});
