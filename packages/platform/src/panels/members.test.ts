import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { Role } from '../accounts/accounts.tables.ts';
import { translate } from '../i18n/translate.ts';
import { presentPool, presentWorkspace } from './index.ts';
import { quorumOf } from './administrators.ts';

// Issue 18, part 4: who administers a panel, staff-confirmed members voting, the quorum, registrations
// entered by staff, and the registration form's rate limits with a registration session.

let platform: Platform;
let mailer: Awaited<ReturnType<typeof testPlatform>>['mailer'];
let drop: () => Promise<void>;
let now = new Date('2026-12-09T10:00:00Z');
let creator: Actor;
let administrator: Actor;
let otherManager: Actor;
let moderator: Actor;
let named: Actor;
let panelId = '';
let codes: string[] = [];

const user = async (email: string, roles: Role[]): Promise<Actor> => ({
  id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }),
  roles,
});

const registration = (code: string | undefined, i: number) => ({
  code: code ?? '',
  consent: 'on',
  answers: { Kjønn: i % 2 === 0 ? 'Kvinne' : 'Mann' },
  name: `Person ${i}`,
  email: `person${i}@example.no`,
  phone: '',
});

before(async () => {
  ({ platform, mailer, drop } = await testPlatform({ clock: () => now }));
  creator = await user('skaper@example.no', ['process_manager']);
  administrator = await user('admin@example.no', ['administrator']);
  otherManager = await user('annen@example.no', ['process_manager']);
  moderator = await user('moderator@example.no', ['moderator']);
  named = await user('navngitt@example.no', ['resident']);
  const process = await platform.processes.ensureProcess({
    slug: 'medlemspanel',
    status: 'published',
    title: { nb: 'Medlemspanel' },
    summary: { nb: 'Panel for medlemstester' },
    startsOn: null,
    endsOn: null,
    createdBy: creator.id,
    phases: [{ method: 'panel', title: { nb: 'Panel' }, startsOn: '2026-11-01', endsOn: '2027-03-31' }],
  });
  const created = await platform.panels.createPanel(creator, process.id, { title: 'Medlemspanelet', locale: 'nb' });
  assert.ok(created.ok);
  panelId = created.value.id;
  const lines = ['id,name,address,postcode'];
  for (let i = 1; i <= 60; i++) lines.push(`P${i},Person ${i},Gate ${i},${1000 + i}`);
  assert.ok((await platform.panels.importRegister(creator, panelId, lines.join('\n'))).ok);
  assert.ok((await platform.panels.updateSetup(creator, panelId, { title: 'Medlemspanelet', size: '6', householdRule: '', approvalPercent: '60', endsOn: '2027-03-31', deletePoolOn: '2027-06-30', consentText: 'Vi lagrer svarene.' })).ok);
  assert.ok((await platform.panels.setQuotas(creator, panelId, 'category,value,min,max\nKjønn,Kvinne,0,6\nKjønn,Mann,0,6')).ok);
  assert.ok((await platform.panels.drawInvitations(creator, panelId, { count: '50', seed: 'medlemmer', stratify: '' })).ok);
  codes = (await platform.db.selectFrom('panel_invitations').select('code').where('panel_id', '=', panelId).orderBy('position').execute()).map((r) => r.code);
});
after(async () => drop());

test('the default quorum is two thirds of the members, rounded up; a panel may set its own', () => {
  assert.deepEqual([24, 10, 9, 6, 1, 0].map((n) => quorumOf(n, null)), [16, 7, 6, 4, 1, 0]);
  assert.equal(quorumOf(24, 5), 5);
});

test('administrators: the roles always, named people added and removed by the creator; one policy everywhere', async () => {
  // An administrator (the role) and another process manager run the panel like its creator.
  for (const actor of [administrator, otherManager]) {
    assert.ok((await platform.panels.listPool(actor, panelId)).ok, 'the pool');
    assert.ok((await platform.panels.getPanelForStaff(actor, panelId)).ok, 'the staff page');
    assert.ok((await platform.panels.listAdministrators(actor, panelId)).ok, 'the administrators');
  }
  // A moderator and a resident do not, until named.
  for (const actor of [moderator, named]) {
    assert.deepEqual(await platform.panels.listPool(actor, panelId), { ok: false, code: 'Forbidden' });
    assert.equal((await platform.panels.addAdministrator(actor, panelId, 'navngitt@example.no')).ok, false);
  }
  const unknown = await platform.panels.addAdministrator(creator, panelId, 'ingen@example.no');
  assert.deepEqual(!unknown.ok && unknown.fields?.map((f) => [f.field, f.message]), [['email', 'panels.admins.noAccount']]);
  const malformed = await platform.panels.addAdministrator(creator, panelId, 'ikke-en-adresse');
  assert.deepEqual(!malformed.ok && malformed.fields?.map((f) => [f.field, f.message]), [['email', 'field.emailInvalid']]);
  assert.ok((await platform.panels.addAdministrator(creator, panelId, 'NAVNGITT@example.no')).ok);
  const twice = await platform.panels.addAdministrator(creator, panelId, 'navngitt@example.no');
  assert.deepEqual(!twice.ok && twice.fields?.map((f) => f.message), ['panels.admins.already']);
  // Named, the resident administers: the pool, the set-up, the quota.
  assert.ok((await platform.panels.listPool(named, panelId)).ok);
  assert.ok((await platform.panels.setQuorum(named, panelId, '')).ok);
  const staff = await platform.panels.getPanelForStaff(named, panelId);
  assert.ok(staff.ok && staff.value.administrator);
  // … but only the creator and the roles name administrators.
  assert.deepEqual(await platform.panels.addAdministrator(named, panelId, 'moderator@example.no'), { ok: false, code: 'Forbidden' });
  const list = await platform.panels.listAdministrators(creator, panelId);
  assert.ok(list.ok && list.value.canName);
  assert.deepEqual(list.value.named.map((a) => [a.email, a.creator, a.addedBy]), [
    ['skaper@example.no', true, null],
    ['navngitt@example.no', false, 'skaper'],
  ]);
  const creatorStays = await platform.panels.removeAdministrator(administrator, panelId, creator.id);
  assert.deepEqual(!creatorStays.ok && creatorStays.fields?.map((f) => [f.field, f.message]), [['userId', 'panels.admins.creatorStays']]);
  assert.ok((await platform.panels.removeAdministrator(creator, panelId, named.id)).ok);
  assert.deepEqual(await platform.panels.listPool(named, panelId), { ok: false, code: 'Forbidden' });
  const actions = (await platform.audit.forSubject('panel', panelId)).map((a) => a.action);
  assert.ok(actions.includes('panel.administrator_added') && actions.includes('panel.administrator_removed'));
  // The messages are translated and differ per language.
  const texts = (['nb', 'nn', 'sv', 'da', 'en'] as const).map((l) => translate(l, 'panels.admins.noAccount'));
  assert.equal(new Set(texts).size, 5);
});

test('assisted registration: staff enter a phone or desk registration; they are recorded; bad input writes nothing', async () => {
  assert.deepEqual(await platform.panels.registerAssisted(moderator, panelId, { ...registration(codes[0], 0), channel: 'phone' }), { ok: false, code: 'Forbidden' });
  const bad = await platform.panels.registerAssisted(administrator, panelId, { code: codes[0], consent: '', answers: {}, name: '', email: '', phone: '', channel: 'phone' });
  assert.deepEqual(!bad.ok && bad.fields?.map((f) => [f.field, f.message]), [
    ['consent', 'panels.assisted.consentRequired'],
    ['q0', 'panels.register.answerRequired'],
    ['name', 'field.required'],
    ['phone', 'panels.assisted.contactRequired'],
  ]);
  const badChannel = await platform.panels.registerAssisted(administrator, panelId, { ...registration(codes[0], 0), channel: 'letter' });
  assert.deepEqual(!badChannel.ok && badChannel.fields?.map((f) => f.field), ['channel']);
  assert.equal((await platform.db.selectFrom('panel_respondents').select('id').where('panel_id', '=', panelId).execute()).length, 0, 'nothing written');
  // By phone: a phone number is enough.
  const byPhone = await platform.panels.registerAssisted(administrator, panelId, { ...registration(codes[0], 0), email: '', phone: '+47 912 34 567', channel: 'phone' });
  assert.deepEqual(byPhone.ok && byPhone.value, { number: 1 });
  const byDesk = await platform.panels.registerAssisted(otherManager, panelId, { ...registration(codes[1], 1), channel: 'desk' });
  assert.ok(byDesk.ok);
  const used = await platform.panels.registerAssisted(administrator, panelId, { ...registration(codes[0], 2), channel: 'desk' });
  assert.deepEqual(!used.ok && used.fields?.map((f) => f.message), ['panels.code.used']);
  const rows = await platform.db.selectFrom('panel_respondents').select(['number', 'channel', 'entered_by']).where('panel_id', '=', panelId).orderBy('number').execute();
  assert.deepEqual(rows, [
    { number: 1, channel: 'phone', entered_by: administrator.id },
    { number: 2, channel: 'desk', entered_by: otherManager.id },
  ]);
  const pool = await platform.panels.listPool(creator, panelId);
  assert.ok(pool.ok);
  assert.deepEqual(presentPool(pool.value).rows.map((r) => [r.channel, r.enteredBy, r.email, r.phone]), [
    ['phone', 'admin', '', '+47 912 34 567'],
    ['desk', 'annen', 'person1@example.no', ''],
  ]);
  const logged = (await platform.audit.forSubject('panel', panelId)).filter((a) => a.action === 'panel.respondent_registered_by_staff');
  const byChannel = (a: readonly (string | null)[], b: readonly (string | null)[]) => String(a[1]).localeCompare(String(b[1]));
  assert.deepEqual(logged.map((a) => [a.actor_id, (a.details as { channel: string }).channel]).sort(byChannel), [[otherManager.id, 'desk'], [administrator.id, 'phone']]);
  assert.ok(!JSON.stringify(logged).includes('912 34 567'), 'no personal data in the log');
});

test('self-registration is limited per person and per form; a registration session lifts the per-address limit', async () => {
  const address = '203.0.113.7';
  // Twenty attempts from one address (say, the town hall's network), the 21st is refused.
  for (let i = 0; i < 20; i++) {
    const attempt = await platform.panels.registerRespondent(panelId, { ...registration(`UKJENT-${i}`, i), consent: '' }, address);
    assert.equal(!attempt.ok && attempt.code, 'ValidationFailed');
  }
  const limited = await platform.panels.registerRespondent(panelId, registration(codes[2], 2), address);
  assert.equal(!limited.ok && limited.code, 'RateLimited');
  // Another address, and the account sign-up form, are not affected: each form counts on its own.
  assert.ok((await platform.panels.registerRespondent(panelId, registration(codes[2], 2), '198.51.100.1')).ok);
  assert.ok((await platform.accounts.checkRateLimit('registerAddress', address)).ok);
  // Staff switch a registration session on for the event: the address may register again.
  const badHours = await platform.panels.setRegistrationSession(creator, panelId, '13');
  assert.deepEqual(!badHours.ok && badHours.fields?.map((f) => [f.field, f.message]), [['hours', 'panels.session.hours']]);
  assert.deepEqual(await platform.panels.setRegistrationSession(moderator, panelId, '3'), { ok: false, code: 'Forbidden' });
  const session = await platform.panels.setRegistrationSession(creator, panelId, '3');
  assert.deepEqual(session.ok && session.value.until?.toISOString(), '2026-12-09T13:00:00.000Z');
  for (let i = 3; i < 8; i++) assert.ok((await platform.panels.registerRespondent(panelId, registration(codes[i], i), address)).ok, `registration ${i}`);
  // The per-person limit stays: one code tried six times in an hour.
  for (let i = 0; i < 5; i++) assert.equal((await platform.panels.registerRespondent(panelId, { ...registration(codes[8], 8), consent: '' }, address)).ok, false);
  const perPerson = await platform.panels.registerRespondent(panelId, registration(codes[8], 8), address);
  assert.equal(!perPerson.ok && perPerson.code, 'RateLimited');
  // Once the session is over, the address limit is back.
  now = new Date('2026-12-09T13:30:00Z');
  const after = await platform.panels.registerRespondent(panelId, registration(codes[9], 9), address);
  assert.equal(!after.ok && after.code, 'RateLimited');
  const actions = (await platform.audit.forSubject('panel', panelId)).map((a) => a.action);
  assert.ok(actions.includes('panel.registration_session_started'));
});

test('members confirmed by staff take part and vote; decisions are held against the quorum', async () => {
  // Six registrations on the panel (the lottery itself is tested elsewhere): put them on it directly.
  for (let i = 10; i < 14; i++) assert.ok((await platform.panels.registerRespondent(panelId, registration(codes[i], i))).ok);
  const seats = (await platform.db.selectFrom('panel_respondents').select(['id', 'number']).where('panel_id', '=', panelId).orderBy('number').limit(6).execute()).map((r) => r.number);
  await platform.db.updateTable('panel_respondents').set({ status: 'selected', selected_at: now }).where('panel_id', '=', panelId).where('number', 'in', seats).execute();
  await platform.db.updateTable('panels').set({ drawn_at: now }).where('id', '=', panelId).execute();
  const [first, second, third, fourth] = seats;
  // Linked at once: staff know the member's account.
  const member1 = await user('medlem1@example.no', ['resident']);
  const noAccount = await platform.panels.confirmByStaff(creator, panelId, first, 'ukjent@example.no');
  assert.deepEqual(!noAccount.ok && noAccount.fields?.map((f) => [f.field, f.message]), [['accountEmail', 'panels.confirm.noAccount']]);
  assert.deepEqual(await platform.panels.confirmByStaff(creator, panelId, first, 'medlem1@example.no'), { ok: true, value: { link: null, linked: true } });
  const taken = await platform.panels.confirmByStaff(creator, panelId, second, 'medlem1@example.no');
  assert.deepEqual(!taken.ok && taken.fields?.map((f) => f.message), ['panels.confirm.accountTaken']);
  // Not known: a fresh seat link, e-mailed to the member and given to staff; the member links their account.
  const sentBefore = mailer.sent.length;
  const byLink = await platform.panels.confirmByStaff(administrator, panelId, second);
  assert.ok(byLink.ok && byLink.value.link !== null && !byLink.value.linked);
  const token = new URL(byLink.value.link, 'https://x').searchParams.get('token') ?? '';
  assert.ok(mailer.sent.slice(sentBefore).some((m) => m.text.includes(byLink.value.link ?? '—')));
  const member2 = await user('medlem2@example.no', ['resident']);
  assert.ok((await platform.panels.confirmSeat(member2, panelId, token)).ok);
  const member3 = await user('medlem3@example.no', ['resident']);
  assert.ok((await platform.panels.confirmByStaff(otherManager, panelId, third, 'medlem3@example.no')).ok);
  const member4 = await user('medlem4@example.no', ['resident']);
  assert.ok((await platform.panels.confirmByStaff(creator, panelId, fourth, 'medlem4@example.no')).ok);
  assert.equal((await platform.panels.confirmByStaff(creator, panelId, 40)).ok, false, 'not on the panel');

  const space = await platform.panels.workspace(member2, panelId);
  assert.ok(space.ok && space.value.member?.number === second);
  assert.deepEqual(presentWorkspace(space.value, member2).can.vote, true);
  assert.deepEqual(space.value.quorum, { members: 6, quorum: 4, custom: false });
  const rec = await platform.panels.draftRecommendation(member1, panelId, { title: 'Flere benker', body: 'Sett ut benker langs elva.' });
  assert.ok(rec.ok);
  assert.ok((await platform.panels.openVoting(creator, rec.value.id)).ok);
  assert.ok((await platform.panels.castVote(member1, rec.value.id, 'yes')).ok);
  assert.ok((await platform.panels.castVote(member2, rec.value.id, 'yes')).ok);
  assert.ok((await platform.panels.castVote(member3, rec.value.id, 'yes')).ok);
  // Three of six: every vote yes, and still not decided (the quorum is four).
  const short = await platform.panels.closeVoting(administrator, rec.value.id);
  assert.deepEqual(short.ok && short.value, { adopted: false, decided: false, voted: 3, members: 6, quorum: 4 });
  const view = await platform.panels.workspace(member1, panelId);
  assert.ok(view.ok);
  assert.deepEqual(
    presentWorkspace(view.value, member1).recommendations.map((r) => [r.status, r.voted, r.members, r.quorum]),
    [['no_quorum', 3, 6, 4]],
  );
  // The vote is opened again; the fourth member votes; now it is decided.
  assert.equal((await platform.panels.castVote(member4, rec.value.id, 'no')).ok, false, 'closed');
  assert.ok((await platform.panels.openVoting(creator, rec.value.id)).ok);
  assert.equal((await platform.panels.castVote(member1, rec.value.id, 'no')).ok, false, 'once');
  assert.ok((await platform.panels.castVote(member4, rec.value.id, 'no')).ok);
  const closed = await platform.panels.closeVoting(administrator, rec.value.id);
  assert.deepEqual(closed.ok && closed.value, { adopted: true, decided: true, voted: 4, members: 6, quorum: 4 });
  // A second recommendation stays short of the quorum; the report shows it as not decided.
  const other = await platform.panels.draftRecommendation(member2, panelId, { title: 'Nattbuss', body: 'Nattbuss i helgene.' });
  assert.ok(other.ok);
  assert.ok((await platform.panels.openVoting(creator, other.value.id)).ok);
  assert.ok((await platform.panels.castVote(member2, other.value.id, 'yes')).ok);
  assert.ok((await platform.panels.closeVoting(creator, other.value.id)).ok);
  assert.ok((await platform.panels.publishReport(creator, panelId)).ok);
  const report = await platform.panels.report(null, panelId);
  assert.ok(report.ok);
  assert.deepEqual(report.value.recommendations.map((r) => [r.title, r.status, r.voted, r.members, r.quorum]), [
    ['Flere benker', 'adopted', 4, 6, 4],
    ['Nattbuss', 'no_quorum', 1, 6, 4],
  ]);
  const pub = await platform.panels.publicPanel(null, panelId);
  assert.ok(pub.ok);
  assert.deepEqual(pub.value.recommendations.map((r) => [r.status, r.voted, r.quorum]), [['adopted', 4, 4], ['no_quorum', 1, 4]]);
  const pdf = await platform.panels.reportPdf(null, panelId, 'en');
  assert.ok(pdf.ok);
  assert.equal(translate('nb', 'panels.rec.status.no_quorum'), 'Ikke avgjort: ikke beslutningsdyktig');
});
