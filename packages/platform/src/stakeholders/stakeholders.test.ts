import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, tokenFromMail, type recordingMailer } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let mailer: ReturnType<typeof recordingMailer>;
let drop: () => Promise<void>;
let facilitator: Actor;
let mayor: Actor;
const people: Actor[] = [];
let panelId = '';
let conversationId = '';

before(async () => {
  ({ platform, mailer, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
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
  const counter = await platform.stakeholders.submitFact(p(1), panelId, { title: 'Ikke alle sjåfører trenger løyve', body: 'Samkjøring uten fortjeneste er unntatt.', sources: [{ kind: 'document', title: 'Rundskriv 2015', url: '' }], disputes: '1' });
  assert.ok(counter.ok);
  assert.ok((await platform.stakeholders.reviewFact(facilitator, counter.value.id, { decision: 'approve' })).ok);
  const sheet = await platform.stakeholders.factSheet(panelId);
  assert.deepEqual(sheet.map((f) => [f.number, f.disputes, f.disputedBy]), [[1, null, [2]], [2, 1, []]]);
  assert.deepEqual(sheet[1]?.sources, [{ kind: 'document', title: 'Rundskriv 2015', url: null }]);
});

test('recommendations rest on facts and statements; the decision-maker answers once, with reasons, and people hear', async () => {
  const unknown = await platform.stakeholders.draftRecommendation(p(0), panelId, { title: 'Like regler', body: 'Like regler for alle.', facts: '7', statements: '3' });
  assert.deepEqual(!unknown.ok && unknown.fields?.map((f) => f.field), ['statements', 'facts']);
  const rec = await platform.stakeholders.draftRecommendation(p(0), panelId, { title: 'Like regler', body: 'Like regler for alle.', facts: '1, 2', statements: '0' });
  assert.ok(rec.ok);
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
