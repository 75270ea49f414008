import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestServer, type TestServer } from './testing/server.ts';
import { fieldsOf, signedInClients } from './testing/api-client.ts';

let server: TestServer;
const client = signedInClients(() => server.url);
before(async () => {
  server = await startTestServer({ web: false, jobs: true });
});
after(async () => server.close());

async function busConversation(): Promise<string> {
  const process = await server.platform.processes.getProcess(null, 'bussene-i-sentrum');
  assert.ok(process.ok);
  const conversation = await server.platform.conversations.conversationForPhase(null, process.value.phases[0]?.id ?? '');
  assert.ok(conversation);
  return conversation.id;
}

interface Report {
  revision: number;
  latestRevision: number;
  revisions: { revision: number }[];
  participation: { participants: number; votes: number; days: { day: string; votes: number; newParticipants: number }[] };
  groups: { label: string; size: number; statements: { number: number; polisId: number; text: string; count: number; seen: number; percent: number }[] }[];
  moderation: { statements: number; reported: number; reports: number; approved: number; hidden: number; restored: number };
  exports: { file: string; path: string }[];
  licence: string;
  publishedAt: string | null;
  can: { publish: boolean };
}

test('the report: staff read it, the public once published; it names its revision and opens an older one', async () => {
  const id = await busConversation();
  await server.platform.conversations.recompute(id);
  const per = await client('prosess@demo.tingsted.no');
  const kari = await client('kari@demo.tingsted.no');

  assert.equal((await fetch(`${server.url}/api/v1/conversations/${id}/report`)).status, 403, 'open and not published: not public');
  const response = await per(`/api/v1/conversations/${id}/report`);
  assert.equal(response.status, 200);
  const report = (await response.json()) as Report;
  assert.ok(report.revision >= 1);
  assert.equal(report.revision, report.latestRevision);
  assert.equal(report.can.publish, true);
  assert.equal(report.licence, 'CC BY 4.0');
  assert.deepEqual(report.exports.map((e) => e.file), ['comments.csv', 'votes.csv', 'participants-votes.csv', 'summary.csv']);
  assert.ok(report.participation.votes > 0);
  assert.equal(report.participation.days.reduce((sum, d) => sum + d.votes, 0), report.participation.votes, 'the days add up to the votes the revision saw');
  assert.equal(report.participation.days.reduce((sum, d) => sum + d.newParticipants, 0), report.participation.participants);
  for (const group of report.groups) {
    for (const s of group.statements) {
      assert.equal(s.number, s.polisId + 1, 'people see numbers from 1');
      assert.equal(s.percent, Math.round((s.count / s.seen) * 100), 'raw share');
      assert.notEqual(s.text, '');
    }
  }
  assert.ok(report.moderation.statements > 0);
  assert.ok(report.moderation.hidden >= report.moderation.restored, 'only hidden statements are restored');

  // A new result is a new revision; the old one can still be opened by its number.
  await server.platform.conversations.recompute(id);
  const newer = (await (await per(`/api/v1/conversations/${id}/report`)).json()) as Report;
  assert.equal(newer.revision, report.revision + 1);
  const older = (await (await per(`/api/v1/conversations/${id}/report?revision=${report.revision}`)).json()) as Report;
  assert.equal(older.revision, report.revision);
  assert.equal(older.latestRevision, newer.revision);
  assert.equal((await per(`/api/v1/conversations/${id}/report?revision=999999`)).status, 404);
  assert.equal((await per(`/api/v1/conversations/${id}/report?revision=0`)).status, 400);

  // Publishing: managers only, audited; then the public may read it.
  assert.equal((await kari(`/api/v1/conversations/${id}/report/publication`, { method: 'PUT', json: { published: true } })).status, 403);
  assert.equal((await per(`/api/v1/conversations/${id}/report/publication`, { method: 'PUT', json: { published: true } })).status, 200);
  const visitor = await fetch(`${server.url}/api/v1/conversations/${id}/report`);
  assert.equal(visitor.status, 200);
  const shown = (await visitor.json()) as Report;
  assert.ok(shown.publishedAt);
  assert.equal(shown.can.publish, false);
  assert.equal((await per(`/api/v1/conversations/${id}/report/publication`, { method: 'PUT', json: { published: false } })).status, 200);
  server.platform.conversations.clearCaches();
  assert.equal((await fetch(`${server.url}/api/v1/conversations/${id}/report`)).status, 403);
});

test('a minimum group size below 2 is refused, naming the field', async () => {
  const per = await client('prosess@demo.tingsted.no');
  const process = await server.platform.processes.getProcess(null, 'bussene-i-sentrum');
  assert.ok(process.ok);
  const phaseId = process.value.phases[0]?.id ?? '';
  const refused = await per(`/api/v1/phases/${phaseId}/conversation`, { method: 'PUT', json: { question: 'Hvordan bør bussene gå i sentrum?', minGroupSize: 1 }, headers: { 'accept-language': 'en' } });
  assert.equal(refused.status, 400);
  const body = (await refused.json()) as { error: { fields: { field: string; message: string }[] } };
  assert.deepEqual(body.error.fields.map((f) => f.field), ['minGroupSize']);
  assert.match(body.error.fields[0]?.message ?? '', /from 2 to 100/);
});

/** A small LibreTranslate-compatible service: answers after `delay` ms, counting the texts it was asked for. */
async function fakeLibreTranslate(delay: number): Promise<{ url: string; asked: string[]; close: () => Promise<void> }> {
  const asked: string[] = [];
  const http: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const input = JSON.parse(body) as { q: string; source: string; target: string };
      asked.push(input.q);
      setTimeout(() => {
        if (request.url !== '/translate' || request.method !== 'POST') return void response.writeHead(404).end();
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ translatedText: `[${input.target}] ${input.q}`, detectedLanguage: { language: 'nb', confidence: 90 } }));
      }, delay);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, asked, close: () => new Promise((resolve) => http.close(() => resolve())) };
}

test('statement translation: off by default, cached once on, and a provider that is down or slow never blocks', async () => {
  const id = await busConversation();
  const admin = await client('admin@demo.tingsted.no');
  const per = await client('prosess@demo.tingsted.no');
  const english = { 'accept-language': 'en' };
  const listed = (await (await fetch(`${server.url}/api/v1/conversations/${id}/statements`)).json()) as { number: number; body: string }[];
  // Statements an English reader is offered a translation of once it is on (detected as another language).
  const statements: typeof listed = [];
  for (const s of listed) {
    const seen = await server.platform.conversations.statementTranslation(null, id, s.number, 'en', { translate: false, assumed: 'nb' });
    if (seen.ok && seen.value.language !== 'en') statements.push(s);
  }
  const first = statements[0];
  assert.ok(first);
  const path = `/api/v1/conversations/${id}/statements/${first.number}/translation`;

  const off = (await (await fetch(server.url + path, { headers: english })).json()) as { offered: boolean; translation: unknown; original: string };
  assert.equal(off.offered, false, 'off until the administrator sets a service');
  assert.equal(off.original, first.body);
  assert.equal((await fetch(`${server.url}/api/v1/conversations/${id}/statements/-1/translation`)).status, 400);
  assert.equal((await fetch(`${server.url}/api/v1/conversations/${id}/statements/99999/translation`)).status, 404);

  assert.equal((await per('/api/v1/admin/conversations', { method: 'PUT', json: { translationUrl: 'http://x' } })).status, 403);
  const bad = await admin('/api/v1/admin/conversations', { method: 'PUT', json: { translationUrl: 'ftp://nope' } });
  assert.equal(bad.status, 400);
  assert.deepEqual(await fieldsOf(bad), ['translationUrl']);

  const service = await fakeLibreTranslate(0);
  try {
    assert.equal((await admin('/api/v1/admin/conversations', { method: 'PUT', json: { translationUrl: service.url, embedOrigins: '' } })).status, 200);
    const on = (await (await fetch(server.url + path, { headers: english })).json()) as { offered: boolean; language: string; translation: { text: string; machine: boolean } | null; original: string };
    assert.equal(on.offered, true, `a ${on.language} statement is offered to an English reader`);
    assert.equal(on.original, first.body, 'the original is always given');
    assert.deepEqual(on.translation, { text: `[en] ${first.body}`, machine: true, provider: new URL(service.url).host });
    await fetch(server.url + path, { headers: english });
    assert.equal(service.asked.length, 1, 'the second reader gets the cached translation');
    const norwegian = (await (await fetch(server.url + path, { headers: { 'accept-language': 'nb' } })).json()) as { offered: boolean };
    assert.equal(norwegian.offered, false, 'not offered in the statement’s own language');
  } finally {
    await service.close();
  }

  // Down: nothing listens at the address.
  const second = statements[1];
  assert.ok(second);
  const secondPath = `/api/v1/conversations/${id}/statements/${second.number}/translation`;
  assert.equal((await admin('/api/v1/admin/conversations', { method: 'PUT', json: { translationUrl: service.url } })).status, 200);
  const down = await fetch(server.url + secondPath, { headers: english });
  assert.equal(down.status, 200);
  const downBody = (await down.json()) as { offered: boolean; translation: unknown; original: string };
  assert.equal(downBody.offered, true);
  assert.equal(downBody.translation, null);
  assert.equal(downBody.original, second.body);

  // Slow: answered after the timeout with the original alone.
  const slow = await fakeLibreTranslate(6000);
  try {
    assert.equal((await admin('/api/v1/admin/conversations', { method: 'PUT', json: { translationUrl: slow.url } })).status, 200);
    const began = Date.now();
    const late = (await (await fetch(server.url + secondPath, { headers: english })).json()) as { offered: boolean; translation: unknown };
    assert.equal(late.offered, true);
    assert.equal(late.translation, null);
    assert.ok(Date.now() - began >= 2000, 'it waited for the service up to the timeout');
    assert.deepEqual(slow.asked, [second.body]);
    assert.ok(Date.now() - began < 5000, 'the page did not wait for the slow service');
  } finally {
    await slow.close();
    assert.equal((await admin('/api/v1/admin/conversations', { method: 'PUT', json: { translationUrl: '' } })).status, 200);
  }
});

test('embedding origins: administrators list them; a malformed origin is refused by name', async () => {
  const admin = await client('admin@demo.tingsted.no');
  const bad = await admin('/api/v1/admin/conversations', { method: 'PUT', json: { embedOrigins: 'https://ok.example\nhttps://bad.example/path' } });
  assert.equal(bad.status, 400);
  assert.deepEqual(await fieldsOf(bad), ['embedOrigins']);
  const good = await admin('/api/v1/admin/conversations', { method: 'PUT', json: { embedOrigins: 'https://Kommune.example/\nhttp://localhost:8080' } });
  assert.equal(good.status, 200);
  assert.deepEqual(((await good.json()) as { embedOrigins: string[] }).embedOrigins, ['https://kommune.example', 'http://localhost:8080']);
  assert.deepEqual(((await (await admin('/api/v1/admin/conversations')).json()) as { embedOrigins: string[] }).embedOrigins, ['https://kommune.example', 'http://localhost:8080']);
  assert.equal((await admin('/api/v1/admin/conversations', { method: 'PUT', json: { embedOrigins: '' } })).status, 200);
});
