import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/index.ts';
import { normalizeOrigin } from './conversation-settings.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let administrator: Actor;
let phaseId = '';
let id = '';
const visitors = Array.from({ length: 6 }, (_, i) => ({ actor: null, visitorToken: `report-test-visitor-token-${i}` }));

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'M', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  administrator = { id: await platform.accounts.ensureUser({ email: 'a@example.no', displayName: 'A', password: null, roles: ['administrator'] }), roles: ['administrator'] };
  const created = await platform.processes.ensureProcess({
    slug: 'rapport',
    status: 'published',
    title: { nb: 'Rapport' },
    summary: { nb: 'Hva mener du?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'conversation', title: { nb: 'Samtale' }, startsOn: '2026-11-01', endsOn: '2026-12-31' }],
  });
  phaseId = created.phaseIds[0] ?? '';
  const set = await platform.conversations.setUpConversation(manager, phaseId, { question: 'Hvordan bør parken bli?', allowAnonymous: true, minVotes: 1, minGroupSize: 2 });
  assert.ok(set.ok);
  id = set.value.id;
  for (const body of ['Parken trenger flere benker', 'Hunder bør gå i bånd', 'Lekeplassen bør utvides']) assert.ok((await platform.conversations.addSeedStatement(manager, id, body)).ok);
});
after(async () => drop());

test('the report comes from a stored revision, counts raw votes by day, and an older revision still opens', async () => {
  assert.equal((await platform.conversations.conversationReport(manager, id)).ok, false, 'no stored result yet');
  for (const [i, visitor] of visitors.entries()) {
    for (const statement of [0, 1, 2]) assert.ok((await platform.conversations.castVote(visitor, id, { statement, vote: (i + statement) % 2 === 0 ? 'agree' : 'disagree' })).ok);
  }
  await platform.conversations.recompute(id);
  const first = await platform.conversations.conversationReport(manager, id);
  assert.ok(first.ok);
  assert.equal(first.value.revision, 1);
  assert.equal(first.value.participation.votes, 18);
  assert.deepEqual(first.value.participation.days.map((d) => [d.votes, d.newParticipants]), [[18, 6]]);
  assert.deepEqual(first.value.moderation, { statements: 3, reported: 0, reports: 0, approved: 0, hidden: 0, restored: 0 });
  const cited = [...first.value.groups.flatMap((g) => g.statements), ...first.value.consensus, ...first.value.divisive, ...first.value.bridging];
  assert.ok(cited.length > 0);
  for (const s of cited) {
    assert.equal(s.number, s.polisId + 1, 'people see numbers from 1');
    assert.equal(s.percent, Math.round((s.count * 100) / s.seen));
  }
  assert.deepEqual(first.value.divisive[0]?.totals.reduce((a, b) => a + b, 0), 6, 'everyone voted on every statement');

  // A resident may not read it while the phase is open, until the manager publishes it.
  assert.deepEqual(await platform.conversations.conversationReport(null, id), { ok: false, code: 'Forbidden' });
  assert.equal((await platform.conversations.publishReport(null, id, true)).ok, false);
  assert.ok((await platform.conversations.publishReport(manager, id, true)).ok);
  assert.ok((await platform.conversations.conversationReport(null, id)).ok);

  // A later vote is in the next revision only.
  assert.ok((await platform.conversations.castVote({ actor: null, visitorToken: 'report-test-visitor-token-late' }, id, { statement: 0, vote: 'pass' })).ok);
  await platform.conversations.recompute(id);
  const second = await platform.conversations.conversationReport(manager, id);
  assert.ok(second.ok);
  assert.equal(second.value.revision, 2);
  assert.equal(second.value.participation.votes, 19);
  const older = await platform.conversations.conversationReport(manager, id, 1);
  assert.ok(older.ok);
  assert.equal(older.value.participation.votes, 18, 'the older revision counts only the votes it had seen');
  assert.equal(older.value.latestRevision, 2);
  assert.deepEqual(await platform.conversations.conversationReport(manager, id, 99), { ok: false, code: 'NotFound' });

  const pdf = await platform.conversations.reportPdf(manager, id, 1, { locale: 'sv', municipality: 'Demo', municipalityLocale: 'nb', baseUrl: 'https://demo.example' });
  assert.ok(pdf.ok);
  assert.equal(Buffer.from(pdf.value.pdf.subarray(0, 4)).toString('latin1'), '%PDF');
});

test('the report’s moderation counts are the moderators’ record: reported, hidden and restored, even once shown again', async () => {
  const listed = await platform.conversations.listStatements(null, id);
  assert.ok(listed.ok);
  const [first, second] = listed.value.map((s) => String(s.id));
  assert.ok(first && second);
  const residents: Actor[] = [];
  for (const name of ['r1', 'r2']) residents.push({ id: await platform.accounts.ensureUser({ email: `${name}@example.no`, displayName: name, password: null, roles: ['resident'] }), roles: ['resident'] });
  for (const resident of residents) assert.ok((await platform.moderation.reportContent(resident, { type: 'statement', id: first, reason: 'off_topic' })).ok);
  assert.ok((await platform.moderation.reportContent(residents[0] ?? null, { type: 'statement', id: second, reason: 'spam' })).ok);
  assert.ok((await platform.moderation.hideItem(manager, { type: 'statement', id: first, reason: 'Utenfor temaet.' })).ok);
  assert.ok((await platform.moderation.restoreItem(manager, { type: 'statement', id: first })).ok);
  assert.ok((await platform.moderation.approveItem(manager, { type: 'statement', id: second })).ok);
  const report = await platform.conversations.conversationReport(manager, id);
  assert.ok(report.ok);
  // Both statements are shown now; the record still says one was hidden and shown again.
  assert.deepEqual(report.value.moderation, { statements: 3, reported: 2, reports: 3, approved: 1, hidden: 1, restored: 1 });
});

test('a minimum group size below 2 is refused by field', async () => {
  const refused = await platform.conversations.setUpConversation(manager, phaseId, { question: 'Hvordan bør parken bli?', minGroupSize: 1 });
  assert.deepEqual(!refused.ok && refused.fields, [{ field: 'minGroupSize', message: 'field.between', params: { min: 2, max: 100 } }]);
});

test('settings: origins are normalised and checked; a translation service that is down leaves the original', async () => {
  assert.equal(normalizeOrigin('HTTPS://Kommune.Example/'), 'https://kommune.example');
  assert.equal(normalizeOrigin('https://kommune.example/side'), null);
  assert.equal((await platform.conversations.setConversationSettings(manager, { embedOrigins: '' })).ok, false, 'administrators only');
  const saved = await platform.conversations.setConversationSettings(administrator, { translationUrl: 'http://127.0.0.1:9', embedOrigins: 'https://kommune.example\nhttps://kommune.example/' });
  assert.ok(saved.ok);
  assert.deepEqual(saved.value.embedOrigins, ['https://kommune.example']);
  assert.equal(await platform.conversations.embedAllowed('https://kommune.example'), true);
  assert.equal(await platform.conversations.embedAllowed('https://other.example'), false);
  const shown = await platform.conversations.statementTranslation(null, id, 0, 'en', { translate: true, assumed: 'nb' });
  assert.ok(shown.ok);
  assert.equal(shown.value.offered, true);
  assert.equal(shown.value.translation, null);
  assert.equal(shown.value.original, 'Parken trenger flere benker');
  assert.ok((await platform.conversations.setConversationSettings(administrator, { translationUrl: '', embedOrigins: '' })).ok);
});
