import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '@tingsted/platform';
import { startTestServer, type TestServer } from './testing/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer({ web: false });
});
after(async () => server.close());

const slug = 'uberx-og-drosjereglene';

/** Signs in over the API; returns the cookie header and the person as the platform sees them. */
async function signIn(email: string): Promise<{ cookie: string; actor: Actor }> {
  const response = await fetch(`${server.url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-passord-2026' }) });
  assert.equal(response.status, 200);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /ts_session=([^;]+)/.exec(cookie)?.[1];
  const actor = await server.platform.accounts.sessionUser(token);
  assert.ok(actor);
  return { cookie, actor };
}

test("a fact's uploaded document is served only to its author and facilitators until approval, then publicly and in the JSON record", async () => {
  const process = await server.platform.processes.getProcess(null, slug);
  assert.ok(process.ok);
  const panelId = (await server.platform.stakeholders.panelsOfProcess(process.value.id))[0]?.id ?? '';
  const kari = await signIn('kari@demo.tingsted.no');
  const ola = await signIn('ola@demo.tingsted.no');
  const staff = await signIn('prosess@demo.tingsted.no');
  const report = new TextEncoder().encode('%PDF-1.7\nLøyverapport 2026\n%%EOF\n');
  const fact = await server.platform.stakeholders.submitFact(kari.actor, panelId, {
    title: 'Løyvegebyret er 9 000 kroner',
    body: 'Se rapporten.',
    sources: [{ kind: 'document', title: 'Løyverapport 2026', url: '', file: { filename: 'løyverapport.pdf', contentType: 'application/pdf', data: report } }],
  });
  assert.ok(fact.ok, JSON.stringify(fact));
  const mine = await server.platform.stakeholders.factsForReview(kari.actor, panelId);
  const fileId = mine.ok ? (mine.value.find((f) => f.id === fact.value.id)?.sources[0]?.document?.id ?? '') : '';
  const url = `${server.url}/files/${fileId}`;

  assert.equal((await fetch(url)).status, 404, 'hidden from the public before approval');
  assert.equal((await fetch(url, { headers: { cookie: ola.cookie } })).status, 404, 'and from other residents');
  for (const who of [kari, staff]) {
    const response = await fetch(url, { headers: { cookie: who.cookie } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'private, no-store', 'never cached while restricted');
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.deepEqual(new Uint8Array(await response.arrayBuffer()), report);
  }
  const before = (await (await fetch(`${server.url}/api/v1/processes/${slug}/stakeholders`)).json()) as { facts: { title: string }[] };
  assert.ok(!before.facts.some((f) => f.title === 'Løyvegebyret er 9 000 kroner'));

  assert.ok((await server.platform.stakeholders.reviewFact(staff.actor, fact.value.id, { decision: 'approve' })).ok);
  const open = await fetch(url);
  assert.equal(open.status, 200, 'public once approved');
  assert.equal(open.headers.get('cache-control'), 'public, max-age=3600');
  assert.match(open.headers.get('content-disposition') ?? '', /^inline; filename="l%C3%B8yverapport\.pdf"$/);
  const record = (await (await fetch(`${server.url}/api/v1/processes/${slug}/stakeholders`)).json()) as { facts: { title: string; sources: unknown[] }[] };
  assert.deepEqual(record.facts.find((f) => f.title === 'Løyvegebyret er 9 000 kroner')?.sources, [
    { kind: 'document', title: 'Løyverapport 2026', url: null, document: { url: `/files/${fileId}`, filename: 'løyverapport.pdf', contentType: 'application/pdf', sizeBytes: report.byteLength } },
  ]);
  const linkOnly = record.facts.find((f) => f.sources.length > 0 && (f.sources[0] as { kind: string }).kind === 'link')?.sources[0];
  assert.deepEqual(linkOnly && Object.keys(linkOnly), ['kind', 'title', 'url', 'document'], 'link sources keep their shape, with document: null');
  const spec = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
  assert.match(JSON.stringify(spec.paths['/api/v1/processes/{slug}/stakeholders']), /"sizeBytes"/, 'the document is in the OpenAPI schema');
});
