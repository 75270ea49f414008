import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { signedInClients, fieldsOf, type ApiCall } from './testing/api-client.ts';
import { anonymousClient, json, pdfBase64 } from './testing/stakeholders.ts';

let server: TestServer;
let panel: string;
before(async () => {
  server = await startTestServer({ web: false });
  const record = (await (await fetch(`${server.url}/api/v1/processes/uberx-og-drosjereglene/stakeholders`)).json()) as { panelId: string };
  panel = `/api/v1/stakeholders/panels/${record.panelId}`;
});
after(async () => server.close());

const as = signedInClients(() => server.url);

interface Fact {
  id: string;
  number: number;
  title: string;
  status: string;
  reviewReason: string | null;
  sources: { kind: string; title: string; url: string | null; document: { id: string; url: string; filename: string; sizeBytes: number } | null }[];
}
const link = (n: number) => ({ kind: 'link', title: `Kilde ${n}`, url: `https://example.org/${n}` });
const factsOf = async (client: ApiCall) => (await (await client(`${panel}/facts`)).json()) as Fact[];

test('what each person may do in a published panel, as its can flags say', async () => {
  const flags = async (client: ApiCall) => ((await (await client(panel)).json()) as { can: Record<string, boolean> }).can;
  const none = { facilitate: false, invite: false, introduce: false, submitFact: false, recommend: false, decide: false };
  assert.deepEqual(await flags(anonymousClient(server.url)), none);
  assert.deepEqual(await flags(await as('moderator@demo.tingsted.no')), none);
  assert.deepEqual(await flags(await as('ordforer@demo.tingsted.no')), { ...none, decide: true });
  assert.deepEqual(await flags(await as('kari@demo.tingsted.no')), { ...none, invite: true, introduce: true, submitFact: true, recommend: true });
  assert.deepEqual(await flags(await as('prosess@demo.tingsted.no')), { ...none, facilitate: true, invite: true, recommend: true });
});

test('a stakeholder invites others up to the limit, each address once', async () => {
  const ola = await as('ola@demo.tingsted.no');
  const left = ((await (await ola(panel)).json()) as { stakeholder: { invitesLeft: number } }).stakeholder.invitesLeft;
  assert.equal(left, 2);
  assert.equal((await ola(`${panel}/invitations`, json('POST', { email: 'forening@example.no', role: 'Forbrukere' }))).status, 201);
  const again = await ola(`${panel}/invitations`, json('POST', { email: 'FORENING@example.no', role: 'Forbrukere' }));
  assert.deepEqual([again.status, await fieldsOf(again)], [400, ['email']], 'the same address twice');
  const noRole = await ola(`${panel}/invitations`, json('POST', { email: 'kommune@example.no' }));
  assert.deepEqual([noRole.status, await fieldsOf(noRole)], [400, ['role']]);
  assert.equal((await ola(`${panel}/invitations`, json('POST', { email: 'kommune@example.no', role: 'Kommuner' }))).status, 201);
  const spent = await ola(`${panel}/invitations`, json('POST', { email: 'tredje@example.no', role: 'Turister' }));
  assert.deepEqual([spent.status, await fieldsOf(spent)], [400, ['email']], 'no invitations left');
  const chain = (await (await (await as('prosess@demo.tingsted.no'))(`${panel}/invitations`)).json()) as { email: string | null; depth: number; invitedBy: string | null }[];
  assert.deepEqual(chain.filter((c) => c.depth === 1).map((c) => [c.email, c.invitedBy]), [['forening@example.no', 'Uber Taiwan'], ['kommune@example.no', 'Uber Taiwan']], 'under the stakeholder who invited them');
  assert.ok(!chain.some((c) => c.email === 'tredje@example.no'), 'the refused invitation was not written');
});

test('facts with uploaded documents in base64: refused whole when any part is wrong, revised keeping a document', async () => {
  const kari = await as('kari@demo.tingsted.no');
  const ola = await as('ola@demo.tingsted.no');
  const per = await as('prosess@demo.tingsted.no');
  const before = (await factsOf(per)).length;
  const report = { kind: 'document', title: 'Takstrapport', file: { filename: 'takst.pdf', contentType: 'application/pdf', data: pdfBase64('Takster', 1_200_000) } };
  const fact = { title: 'Takstene steg 4 prosent i fjor', body: 'Rapporten viser økningen fylke for fylke.', sources: [link(1), report] };

  const refusals: [unknown, string[]][] = [
    [{ ...fact, sources: [link(1), { ...report, file: { ...report.file, data: 'ikke base64!' } }] }, ['sources.1.file.data']],
    [{ ...fact, sources: [link(1), { ...report, file: { filename: 'notat.txt', contentType: 'text/plain', data: Buffer.from('tekst').toString('base64') } }] }, ['sources.1.file']],
    [{ ...fact, sources: [] }, ['sources']],
    [{ ...fact, sources: Array.from({ length: 11 }, (_, i) => link(i)) }, ['sources']],
    [{ ...fact, disputes: 999 }, ['disputes']],
    [{ ...fact, title: '' }, ['title']],
    [{ body: fact.body, sources: fact.sources }, ['title']],
  ];
  for (const [body, fields] of refusals) {
    const refused = await kari(`${panel}/facts`, json('POST', body));
    assert.deepEqual([refused.status, await fieldsOf(refused)], [400, fields], JSON.stringify(fields));
  }
  assert.equal((await factsOf(per)).length, before, 'no refused fact was stored');
  assert.equal((await anonymousClient(server.url)(`${panel}/facts`, json('POST', fact))).status, 401);
  assert.equal((await (await as('moderator@demo.tingsted.no'))(`${panel}/facts`, json('POST', fact))).status, 403);

  // A document over the server's usual 1 MiB body limit goes through: the fact route takes more.
  const submitted = await kari(`${panel}/facts`, json('POST', fact));
  assert.equal(submitted.status, 201);
  const { id } = (await submitted.json()) as { id: string };
  const mine = (await factsOf(kari)).find((f) => f.id === id);
  const document = mine?.sources[1]?.document;
  assert.ok(document);
  assert.equal(document.url, `/files/${document.id}`);
  assert.equal((await fetch(`${server.url}${document.url}`)).status, 404, 'not public before approval');
  assert.ok(!(await factsOf(ola)).some((f) => f.id === id), 'another stakeholder does not see it for review');

  // Sent back with a reason; only the author revises, keeping the document and replacing the link.
  const review = `/api/v1/stakeholders/facts/${id}/review`;
  assert.equal((await per(review, json('POST', { decision: 'maybe', reason: 'Nei.' }))).status, 400);
  assert.equal((await per(`/api/v1/stakeholders/facts/00000000-0000-4000-8000-000000000000/review`, json('POST', { decision: 'approve' }))).status, 404);
  assert.equal((await per(review, json('POST', { decision: 'changes', reason: 'Lenk til fylkestallene.' }))).status, 200);
  assert.deepEqual((await factsOf(kari)).filter((f) => f.id === id).map((f) => [f.status, f.reviewReason]), [['changes_requested', 'Lenk til fylkestallene.']]);
  const revision = { title: fact.title, body: fact.body, sources: [{ kind: 'document', title: 'Takstrapport', fileId: document.id }, link(2)] };
  assert.equal((await ola(`/api/v1/stakeholders/facts/${id}`, json('PUT', revision))).status, 403);
  const badRevision = await kari(`/api/v1/stakeholders/facts/${id}`, json('PUT', { ...revision, sources: [{ kind: 'document', title: 'X', fileId: 'not-ours' }] }));
  assert.deepEqual([badRevision.status, await fieldsOf(badRevision)], [400, ['sources.0.file']]);
  assert.equal((await kari(`/api/v1/stakeholders/facts/${id}`, json('PUT', revision))).status, 200);
  assert.equal((await kari(`/api/v1/stakeholders/facts/${id}`, json('PUT', revision))).status, 409, 'back in review: not open for changes');
  const revised = (await factsOf(per)).find((f) => f.id === id);
  assert.deepEqual(
    revised?.sources.map((s) => [s.kind, s.url, s.document?.id ?? null]),
    [['document', null, document.id], ['link', 'https://example.org/2', null]],
  );
  assert.equal(revised?.status, 'submitted');
  assert.equal((await per(review, json('POST', { decision: 'approve' }))).status, 200);
  assert.equal((await fetch(`${server.url}${document.url}`)).status, 200, 'public once approved');
});

test('the OpenAPI document has an operation for every stakeholder contract', async () => {
  const spec = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId?: string; description?: string }>> };
  const operations = Object.values(spec.paths).flatMap((p) => Object.values(p));
  const ids = new Set(operations.map((o) => o.operationId));
  for (const name of ['stakeholderPanel', 'setUpPanel', 'inviteStakeholder', 'stakeholderInvitation', 'acceptInvitation', 'invitationChain', 'updateIntroduction', 'addTimelineStep', 'submitFact', 'factsForReview', 'reviseFact', 'reviewFact', 'scheduleMeeting', 'recordMinutes', 'draftRecommendation', 'decideRecommendation']) {
    assert.ok(ids.has(name), name);
  }
  assert.match(operations.find((o) => o.operationId === 'submitFact')?.description ?? '', /base64/);
});

test('a meeting at 18:00 is at 18:00 in the municipality on both sides of the change to summer time', async () => {
  // An administrator facilitates too (the process manager has signed in often enough in this file).
  const admin = await as('admin@demo.tingsted.no');
  const schedule = (title: string, startsAt: string) => admin(`${panel}/meetings`, json('POST', { title, startsAt, agenda: 'Innspill fra foreningene' }));
  assert.equal((await schedule('Møte før sommertid', '2026-03-28T18:00')).status, 201);
  assert.equal((await schedule('Møte etter sommertid', '2026-03-29T18:00')).status, 201);
  assert.equal((await schedule('Møte med offset', '2026-03-30T18:00+02:00')).status, 201);
  const wrong = await schedule('Møte uten tid', '2026-03-31');
  assert.deepEqual([wrong.status, await fieldsOf(wrong)], [400, ['startsAt']]);
  const record = (await (await fetch(`${server.url}/api/v1/processes/uberx-og-drosjereglene/stakeholders`)).json()) as { meetings: { title: string; startsAt: string }[] };
  const at = Object.fromEntries(record.meetings.map((m) => [m.title, m.startsAt]));
  assert.equal(at['Møte før sommertid'], '2026-03-28T17:00:00.000Z', 'Oslo is UTC+1 in winter');
  assert.equal(at['Møte etter sommertid'], '2026-03-29T16:00:00.000Z', 'and UTC+2 from 29 March');
  assert.equal(at['Møte med offset'], '2026-03-30T16:00:00.000Z');
  assert.ok(!record.meetings.some((m) => m.title === 'Møte uten tid'), 'the refused meeting was not written');
});
