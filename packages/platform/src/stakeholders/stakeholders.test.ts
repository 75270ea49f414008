import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { freshDatabase, recordingMailer, tokenFromMail } from '../testing/database.ts';
import { createPlatform, type Platform } from '../platform.ts';
import type { Actor } from '../accounts/index.ts';
import type { Db } from '../db/database.ts';
import type { FileStore } from '../files/files.store.ts';
import { silentLogger } from '../shared/logger.ts';

let platform: Platform;
let mailer: ReturnType<typeof recordingMailer>;
let db: Db;
let drop: () => Promise<void>;

/** Files in memory, so a test can count the stored blobs and make a write fail. */
const blobs = new Map<string, Uint8Array>();
let failPuts = 0;
const memoryStore: FileStore = {
  async put(key, data) {
    if (failPuts > 0 && --failPuts === 0) throw new Error('disk full');
    blobs.set(key, data);
  },
  async get(key) {
    return blobs.get(key) ?? null;
  },
  async delete(key) {
    blobs.delete(key);
  },
};
let facilitator: Actor;
let mayor: Actor;
const people: Actor[] = [];
let panelId = '';
let conversationId = '';

before(async () => {
  const database = await freshDatabase();
  db = database.db;
  mailer = recordingMailer();
  platform = createPlatform(db, {
    dataDir: mkdtempSync(joinPath(tmpdir(), 'tingsted-test-')),
    publicUrl: 'http://localhost:3000',
    mailFrom: 'Tingsted <noreply@example.org>',
    logger: silentLogger,
    mailer,
    jobPollingSeconds: 0.5,
    fileStore: memoryStore,
    clock: () => new Date('2026-11-23T10:00:00Z'),
  });
  drop = async () => {
    await platform.jobs.stop();
    await database.drop();
  };
  facilitator = { id: await platform.accounts.ensureUser({ email: 'f@example.no', displayName: 'F', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  mayor = { id: await platform.accounts.ensureUser({ email: 'mayor@example.no', displayName: 'Mayor', password: null, roles: ['decision_maker'] }), roles: ['decision_maker'] };
  for (let i = 0; i < 4; i++) people.push({ id: await platform.accounts.ensureUser({ email: `s${i}@example.no`, displayName: `S${i}`, password: null, roles: ['resident'] }), roles: ['resident'] });
  const created = await platform.processes.ensureProcess({
    slug: 'panel', status: 'published', title: { nb: 'Panel' }, summary: { nb: 'Panel' }, startsOn: null, endsOn: null, createdBy: facilitator.id,
    phases: [
      { method: 'stakeholders', title: { nb: 'Panel' }, startsOn: '2026-11-01', endsOn: '2026-11-20' },
      { method: 'conversation', title: { nb: 'Samtale' }, startsOn: '2026-11-21', endsOn: '2026-12-31' },
    ],
  });
  const panel = await platform.stakeholders.setUpPanel(facilitator, created.phaseIds[0] ?? '', { inviteLimit: '1' });
  assert.ok(panel.ok);
  panelId = panel.value.id;
  const conversation = await platform.conversations.setUpConversation(facilitator, created.phaseIds[1] ?? '', { question: 'Hva?' });
  assert.ok(conversation.ok);
  conversationId = conversation.value.id;
  await platform.conversations.addSeedStatement(facilitator, conversationId, 'Et første utsagn');
});
after(async () => drop());

const p = (i: number) => people[i] ?? null;

async function join(email: string, actor: Actor | null, name: string) {
  const token = tokenFromMail(mailer.lastTo(email));
  return platform.stakeholders.acceptInvitation(actor, token, { name, speaksFor: 'Sjåfører', introduction: 'Vi kjører drosje i byen.' });
}

test('invitations: facilitators invite; invitees invite up to the limit; the chain is visible to facilitators only', async () => {
  assert.equal((await platform.stakeholders.invite(p(0), panelId, { email: 'x@example.no', role: 'Sjåfører' })).ok, false, 'not a member');
  const bad = await platform.stakeholders.invite(facilitator, panelId, { email: 'not-an-address', role: '' });
  assert.deepEqual(!bad.ok && bad.fields?.map((f) => f.field), ['email', 'role']);
  assert.ok((await platform.stakeholders.invite(facilitator, panelId, { email: 's0@example.no', role: 'Sjåfører' })).ok);
  const twice = await platform.stakeholders.invite(facilitator, panelId, { email: 'S0@example.no', role: 'Sjåfører' });
  assert.deepEqual(!twice.ok && twice.fields?.map((f) => f.message), ['stakeholders.invite.duplicate']);
  assert.ok((await join('s0@example.no', p(0), 'Drosjeforbundet')).ok);
  assert.deepEqual(await join('s0@example.no', p(1), 'Igjen'), { ok: false, code: 'TokenInvalid' }, 'a link works once');
  assert.ok((await platform.stakeholders.invite(p(0), panelId, { email: 's1@example.no', role: 'Passasjerer' })).ok);
  const beyond = await platform.stakeholders.invite(p(0), panelId, { email: 's2@example.no', role: 'Forskere' });
  assert.deepEqual(!beyond.ok && beyond.fields, [{ field: 'email', message: 'stakeholders.invite.limitReached', params: { limit: 1 } }]);
  assert.equal(mailer.lastTo('s2@example.no'), undefined, 'nothing was sent beyond the limit');
  assert.ok((await join('s1@example.no', p(1), 'Passasjerforbundet')).ok);
  assert.equal((await platform.stakeholders.invitationChain(p(0), panelId)).ok, false);
  const chain = await platform.stakeholders.invitationChain(facilitator, panelId);
  assert.deepEqual(chain.ok && chain.value.map((c) => [c.name, c.invitedBy, c.depth]), [['Drosjeforbundet', null, 0], ['Passasjerforbundet', 'Drosjeforbundet', 1]]);
  assert.deepEqual((await platform.stakeholders.introductions(panelId)).map((i) => i.name), ['Drosjeforbundet', 'Passasjerforbundet']);
});

test('facts need a source; review needs a reason to refuse; a disputed fact shows both sides', async () => {
  const noSource = await platform.stakeholders.submitFact(p(0), panelId, { title: 'Drosjer har løyve', body: 'Alle drosjer har løyve.', sources: [] });
  assert.deepEqual(!noSource.ok && noSource.fields?.map((f) => f.message), ['stakeholders.fact.sourceRequired']);
  const badUrl = await platform.stakeholders.submitFact(p(0), panelId, { title: 'Drosjer har løyve', body: 'Alle drosjer har løyve.', sources: [{ kind: 'link', title: 'Lov', url: 'javascript:alert(1)' }] });
  assert.deepEqual(!badUrl.ok && badUrl.fields?.map((f) => f.field), ['sources.0.url']);
  const fact = await platform.stakeholders.submitFact(p(0), panelId, { title: 'Drosjer har løyve', body: 'Alle drosjer har løyve.', sources: [{ kind: 'link', title: 'Yrkestransportloven', url: 'https://lovdata.no/' }] });
  assert.ok(fact.ok);
  const noReason = await platform.stakeholders.reviewFact(facilitator, fact.value.id, { decision: 'changes' });
  assert.deepEqual(!noReason.ok && noReason.fields?.map((f) => f.message), ['field.reasonRequired']);
  assert.ok((await platform.stakeholders.reviewFact(facilitator, fact.value.id, { decision: 'changes', reason: 'Oppgi paragrafen.' })).ok);
  assert.deepEqual(await platform.stakeholders.factSheet(panelId), [], 'not on the sheet before approval');
  assert.ok((await platform.stakeholders.reviseFact(p(0), fact.value.id, { title: 'Drosjer har løyve', body: 'Se § 9.', sources: [{ kind: 'link', title: '§ 9', url: 'https://lovdata.no/paragraf-9' }] })).ok);
  assert.ok((await platform.stakeholders.reviewFact(facilitator, fact.value.id, { decision: 'approve' })).ok);
  // The author was told each time, with the facilitator's reason when there was one.
  const told = (await platform.notifications.listFor(p(0) as Actor, 'nb')).filter((n) => n.kind === 'fact_reviewed');
  assert.deepEqual(told.map((n) => [n.text, n.quote?.text ?? null]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))), [
    ['Fasilitatoren ber om endringer i faktumet ditt «Drosjer har løyve» før det kommer på faktaarket.', 'Oppgi paragrafen.'],
    ['Fasilitatoren godkjente faktumet ditt «Drosjer har løyve»: det står nå på faktaarket.', null],
  ]);
  const changes = told.find((n) => n.quote !== null);
  assert.match(changes?.link ?? '', /\/stakeholders\/facts\/1$/, 'asked for changes: to the page where the fact is revised');
  const counter = await platform.stakeholders.submitFact(p(1), panelId, { title: 'Ikke alle sjåfører trenger løyve', body: 'Samkjøring uten fortjeneste er unntatt.', sources: [{ kind: 'document', title: 'Rundskriv 2015', url: '' }], disputes: '1' });
  assert.ok(counter.ok);
  assert.ok((await platform.stakeholders.reviewFact(facilitator, counter.value.id, { decision: 'approve' })).ok);
  const sheet = await platform.stakeholders.factSheet(panelId);
  assert.deepEqual(sheet.map((f) => [f.number, f.disputes, f.disputedBy]), [[1, null, [2]], [2, 1, []]]);
  assert.deepEqual(sheet[1]?.sources, [{ kind: 'document', title: 'Rundskriv 2015', url: null, document: null }], 'a document cited by title alone still works');
});

test('recommendations rest on facts and statements; once the panel sent one, the decision-maker answers once, with reasons, and people hear', async () => {
  const unknown = await platform.stakeholders.draftRecommendation(p(0), panelId, { title: 'Like regler', body: 'Like regler for alle.', facts: '7', statements: '3' });
  assert.deepEqual(!unknown.ok && unknown.fields?.map((f) => f.field), ['statements', 'facts']);
  const rec = await platform.stakeholders.draftRecommendation(p(0), panelId, { title: 'Like regler', body: 'Like regler for alle.', facts: '1, 2', statements: '0' });
  assert.ok(rec.ok);
  // A single member's draft does not reach the decision-maker: the panel supports it and the facilitator sends it.
  assert.equal((await platform.stakeholders.decideRecommendation(mayor, rec.value.id, { decision: 'accepted', reason: 'For tidlig.' })).ok, false, 'not sent yet');
  assert.ok((await platform.stakeholders.supportRecommendation(p(0), rec.value.id)).ok);
  assert.ok((await platform.stakeholders.sendRecommendation(facilitator, rec.value.id)).ok);
  assert.equal((await platform.stakeholders.decideRecommendation(facilitator, rec.value.id, { decision: 'accepted', reason: 'Ja' })).ok, false, 'only decision-makers');
  const noReason = await platform.stakeholders.decideRecommendation(mayor, rec.value.id, { decision: 'accepted', reason: '' });
  assert.deepEqual(!noReason.ok && noReason.fields?.map((f) => f.message), ['field.reasonRequired']);
  assert.ok((await platform.stakeholders.decideRecommendation(mayor, rec.value.id, { decision: 'accepted', reason: 'Vi endrer forskriften.' })).ok);
  assert.deepEqual(await platform.stakeholders.decideRecommendation(mayor, rec.value.id, { decision: 'rejected', reason: 'Likevel ikke.' }), { ok: false, code: 'AlreadyResponded' });
  const [listed] = await platform.stakeholders.recommendations(panelId);
  assert.deepEqual([listed?.decision, listed?.statements.map((s) => s.number), listed?.facts.length], ['accepted', [0], 2]);
  const notes = await platform.notifications.listFor(p(1) as Actor, 'nb');
  assert.ok(notes.some((n) => n.kind === 'recommendation_decided' && n.link === '/processes/panel/stakeholders#recommendation-1'));
});

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`);
const docx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
const stranger: Actor = { id: '00000000-0000-4000-8000-000000000000', roles: ['resident'] };
const fileRows = async () => Number((await db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const factRows = async () => Number((await db.selectFrom('facts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

test('an uploaded document is readable by its author and facilitators only, and by everyone once the fact is approved', async () => {
  const fact = await platform.stakeholders.submitFact(p(0), panelId, {
    title: 'Løyvene koster 9 000 kroner',
    body: 'Gebyret står i rapporten.',
    sources: [{ kind: 'document', title: '', url: '', file: { filename: 'rapport.pdf', contentType: 'application/pdf', data: pdf('gebyr') } }],
    locale: 'nb',
  });
  assert.ok(fact.ok);
  const mine = await platform.stakeholders.factsForReview(p(0), panelId);
  const source = mine.ok ? mine.value.find((f) => f.id === fact.value.id)?.sources[0] : undefined;
  assert.equal(source?.title, 'rapport.pdf', 'the file name stands in for a missing title');
  assert.deepEqual(source?.document && [source.document.filename, source.document.contentType, source.document.sizeBytes], ['rapport.pdf', 'application/pdf', pdf('gebyr').byteLength]);
  const fileId = source?.document?.id ?? '';
  assert.equal(await platform.files.read(fileId, null), null, 'not public before approval');
  assert.equal(await platform.files.read(fileId, stranger), null);
  assert.equal(await platform.files.read(fileId, p(1)), null, 'another stakeholder cannot read it either');
  assert.equal((await platform.files.read(fileId, p(0)))?.access, 'restricted', 'the author can');
  const forFacilitator = await platform.files.read(fileId, facilitator);
  assert.deepEqual(forFacilitator?.data && [...forFacilitator.data], [...pdf('gebyr')], 'the facilitator reads it byte for byte');
  assert.ok((await platform.stakeholders.reviewFact(facilitator, fact.value.id, { decision: 'approve' })).ok);
  assert.equal((await platform.files.read(fileId, null))?.access, 'public', 'public once approved');
  const onSheet = (await platform.stakeholders.factSheet(panelId)).find((f) => f.id === fact.value.id);
  assert.equal(onSheet?.sources[0]?.document?.id, fileId);
});

test('a wrong, disguised or oversized file, a document without file or title and too many sources are refused; nothing is stored', async () => {
  const before = [await fileRows(), blobs.size, await factRows()];
  const submit = (sources: unknown[]) => platform.stakeholders.submitFact(p(1), panelId, { title: 'Noe', body: 'Noe mer.', sources });
  const link = { kind: 'link', title: 'Lovdata', url: 'https://lovdata.no/' };
  const exe = await submit([link, { kind: 'document', title: 'Program', url: '', file: { filename: 'x.exe', contentType: 'application/x-msdownload', data: new Uint8Array([0x4d, 0x5a, 0x90]) } }]);
  assert.deepEqual(!exe.ok && exe.fields, [{ field: 'sources.1.file', message: 'stakeholders.fact.documentType' }]);
  const png = await submit([{ kind: 'document', title: '', url: '', file: { filename: 'kart.png', contentType: 'image/png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]) } }]);
  assert.deepEqual(!png.ok && png.fields?.map((f) => f.message), ['stakeholders.fact.documentType'], 'images are not documents');
  const disguised = await submit([{ kind: 'document', title: '', url: '', file: { filename: 'rapport.pdf', contentType: 'application/pdf', data: new Uint8Array([0x4d, 0x5a, 0x90, 0x00]) } }]);
  assert.deepEqual(!disguised.ok && disguised.fields?.map((f) => f.message), ['stakeholders.fact.documentType']);
  const big = new Uint8Array(5 * 1024 * 1024 + 1);
  big.set(pdf(''));
  const tooBig = await submit([link, { kind: 'document', title: '', url: '', file: { filename: 'stor.pdf', contentType: 'application/pdf', data: big } }]);
  assert.deepEqual(!tooBig.ok && tooBig.fields, [{ field: 'sources.1.file', message: 'field.fileTooLarge', params: { max: 5 } }]);
  const bare = await submit([{ kind: 'document', title: '', url: 'https://example.org/rapport' }]);
  assert.deepEqual(!bare.ok && bare.fields, [{ field: 'sources.0.file', message: 'stakeholders.fact.documentMissing' }]);
  const eleven = Array.from({ length: 11 }, (_, i) => ({ kind: 'document', title: `Vedlegg ${i}`, url: '', file: { filename: `v${i}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', data: docx } }));
  const tooMany = await submit(eleven);
  assert.deepEqual(!tooMany.ok && tooMany.fields, [{ field: 'sources', message: 'stakeholders.fact.tooManySources', params: { max: 10 } }]);
  // A good document next to a bad title: the good one is not stored either.
  const mixed = await platform.stakeholders.submitFact(p(1), panelId, { title: '', body: 'Noe mer.', sources: [{ kind: 'document', title: '', url: '', file: { filename: 'ok.pdf', contentType: 'application/pdf', data: pdf('ok') } }] });
  assert.deepEqual(!mixed.ok && mixed.fields?.map((f) => f.field), ['title']);
  // The disk fails on the second of two documents: the first is removed again and no fact is created.
  failPuts = 2;
  await assert.rejects(submit([
    { kind: 'document', title: 'En', url: '', file: { filename: 'en.pdf', contentType: 'application/pdf', data: pdf('en') } },
    { kind: 'document', title: 'To', url: '', file: { filename: 'to.pdf', contentType: 'application/pdf', data: pdf('to') } },
  ]), /disk full/);
  failPuts = 0;
  assert.deepEqual([await fileRows(), blobs.size, await factRows()], before, 'no file rows, blobs or facts were left behind');
});

test('revising keeps the documents that are not removed, deletes the removed ones and adds new ones', async () => {
  const upload = (name: string) => ({ filename: name, contentType: 'application/pdf', data: pdf(name) });
  const fact = await platform.stakeholders.submitFact(p(0), panelId, {
    title: 'Ventetiden er 12 minutter',
    body: 'Målt i 2025.',
    sources: [
      { kind: 'document', title: 'Måling A', url: '', file: upload('a.pdf') },
      { kind: 'document', title: 'Måling B', url: '', file: upload('b.pdf') },
      { kind: 'link', title: 'Statistikk', url: 'https://ssb.no/' },
    ],
  });
  assert.ok(fact.ok);
  const view = async () => {
    const all = await platform.stakeholders.factsForReview(p(0), panelId);
    return all.ok ? all.value.find((f) => f.id === fact.value.id) : undefined;
  };
  const [a = '', b = ''] = (await view())?.sources.map((s) => s.document?.id ?? '') ?? [];
  assert.deepEqual(await platform.stakeholders.reviseFact(p(0), fact.value.id, { title: 'X', body: 'Y', sources: [{ fileId: a }] }), { ok: false, code: 'Conflict' }, 'only after changes were asked for');
  assert.ok((await platform.stakeholders.reviewFact(facilitator, fact.value.id, { decision: 'changes', reason: 'Legg ved målingen fra 2026.' })).ok);
  const foreign = await platform.stakeholders.reviseFact(p(0), fact.value.id, { title: 'X', body: 'Y', sources: [{ kind: 'document', title: 'Lånt', fileId: '11111111-1111-4111-8111-111111111111' }] });
  assert.deepEqual(!foreign.ok && foreign.fields, [{ field: 'sources.0.file', message: 'field.fileOfOtherFact' }], "another fact's file cannot be borrowed");
  assert.equal((await platform.stakeholders.reviseFact(p(1), fact.value.id, { title: 'X', body: 'Y', sources: [{ fileId: a }] })).ok, false, 'only the author revises');
  const blobsBefore = blobs.size;
  const revised = await platform.stakeholders.reviseFact(p(0), fact.value.id, {
    title: 'Ventetiden er 11 minutter',
    body: 'Målt i 2025 og 2026.',
    sources: [
      { kind: 'document', title: 'Måling A', url: '', fileId: a },
      { kind: 'document', title: '', url: '', file: upload('c.pdf') },
      { kind: 'link', title: 'Statistikk', url: 'https://ssb.no/' },
    ],
  });
  assert.ok(revised.ok);
  const after = await view();
  assert.equal(after?.status, 'submitted', 'back in review');
  assert.deepEqual(after?.sources.map((s) => [s.kind, s.title, s.document?.filename ?? null]), [['document', 'Måling A', 'a.pdf'], ['document', 'c.pdf', 'c.pdf'], ['link', 'Statistikk', null]]);
  assert.equal(after?.sources[0]?.document?.id, a, 'the kept document is the same file');
  assert.deepEqual([...((await platform.files.read(a, p(0)))?.data ?? [])], [...pdf('a.pdf')]);
  assert.equal(await platform.files.read(b, p(0)), null, 'the removed document is gone');
  assert.equal(await platform.files.read(b, facilitator), null);
  assert.equal(await db.selectFrom('files').select('id').where('id', '=', b).executeTakeFirst(), undefined, 'its row is deleted');
  assert.equal(blobs.size, blobsBefore, 'one document added, one deleted with its bytes');
});
