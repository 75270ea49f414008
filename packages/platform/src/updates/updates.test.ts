// Updates to a process's people, through the services: who they reach (participants, followers, deleted
// accounts left out), each reader's language, the unsubscribe link, refusals that store nothing, and scheduled
// times in the municipality's time zone across the start of summer time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let mailer: Awaited<ReturnType<typeof testPlatform>>['mailer'];
let drop: () => Promise<void>;
// Ideas and comments are dated by the database's clock; the platform's clock starts at the real time.
let now = new Date();

let manager: Actor;
let resident: Actor;
let kari: Actor;
let john: Actor;
let siri: Actor;
let gone: Actor;
let processId = '';
let emptyProcessId = '';
let laterPhaseId = '';

const user = async (email: string, roles: Actor['roles'][number][], locale: 'nb' | 'en' | 'sv' = 'nb'): Promise<Actor> => {
  const actor: Actor = { id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }), roles, emailVerified: true };
  assert.ok((await platform.accounts.updateProfile(actor, { displayName: email.split('@')[0] ?? email, locale })).ok);
  return actor;
};

before(async () => {
  ({ platform, mailer, drop } = await testPlatform({ clock: () => now }));
  await platform.municipality.ensure({ name: 'Testvik kommune', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nb', areas: [] });
  manager = await user('manager@example.no', ['process_manager']);
  resident = await user('resident@example.no', ['resident']);
  kari = await user('kari@example.no', ['resident'], 'nb');
  john = await user('john@example.no', ['resident'], 'en');
  siri = await user('siri@example.no', ['resident'], 'sv');
  gone = await user('gone@example.no', ['resident'], 'nb');
  await platform.accounts.setNotifyMode(john, 'daily');
  await platform.accounts.setNotifyMode(siri, 'none');
  const process = await platform.processes.ensureProcess({
    slug: 'ny-park',
    status: 'published',
    title: { nb: 'Ny park', en: 'New park' },
    summary: { nb: 'Parken' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2020-01-01', endsOn: '2090-12-31' },
      { method: 'survey', title: { nb: 'Undersøkelse' }, startsOn: '2091-01-01', endsOn: '2091-12-31' },
    ],
  });
  processId = process.id;
  laterPhaseId = process.phaseIds[1] ?? '';
  emptyProcessId = (await platform.processes.ensureProcess({ slug: 'tom', status: 'published', title: { nb: 'Tom' }, summary: { nb: 'Tom' }, startsOn: '2020-01-01', endsOn: '2090-12-31', createdBy: manager.id })).id;
  // Kari posts (and so follows her idea), John and the one who leaves comment, Siri only follows.
  const idea = await platform.ideas.postIdea(kari, { phaseId: process.phaseIds[0] ?? '', title: 'Benker ved dammen', body: 'Flere benker, takk.' });
  assert.ok(idea.ok);
  assert.ok((await platform.ideas.postComment(john, { ideaId: idea.value.id, body: 'Enig!' })).ok);
  assert.ok((await platform.ideas.postComment(gone, { ideaId: idea.value.id, body: 'Ja.' })).ok);
  assert.ok((await platform.ideas.followIdea(siri, idea.value.id, true)).ok);
  assert.ok((await platform.reports.deleteAccount(gone, 'DELETE')).ok);
});
after(async () => drop());

const text = { nb: 'Byggestart i mai' };
const body = { nb: 'Gravingen starter 4. mai.\nVelkommen til åpning i august.' };

test('only process managers and administrators may list, preview and send updates', async () => {
  const anonymous = await platform.updates.listUpdates(null, { id: processId });
  assert.equal(!anonymous.ok && anonymous.code, 'NotSignedIn');
  const refused = await platform.updates.createUpdate(resident, { id: processId, language: 'nb', subject: text, body, audience: 'both' });
  assert.equal(!refused.ok && refused.code, 'Forbidden');
  const preview = await platform.updates.previewAudience(resident, { id: processId, audience: 'both' });
  assert.equal(!preview.ok && preview.code, 'Forbidden');
  const admin = await user('admin@example.no', ['administrator']);
  assert.ok((await platform.updates.listUpdates(admin, { id: processId })).ok);
});

test('the audience: participants, followers or both; a deleted account is not counted; no-e-mail people only in the list', async () => {
  const count = async (audience: 'participants' | 'followers' | 'both') => {
    const result = await platform.updates.previewAudience(manager, { id: processId, audience });
    assert.ok(result.ok);
    return result.value;
  };
  assert.deepEqual(await count('participants'), { recipients: 2, byEmail: 2, listOnly: 0 });
  assert.deepEqual(await count('followers'), { recipients: 2, byEmail: 1, listOnly: 1 });
  assert.deepEqual(await count('both'), { recipients: 3, byEmail: 2, listOnly: 1 });
});

test('an update that would reach nobody is refused with the reason named, and nothing is stored', async () => {
  const empty = await platform.updates.createUpdate(manager, { id: emptyProcessId, language: 'nb', subject: text, body, audience: 'both' });
  assert.deepEqual(!empty.ok && [empty.code, empty.fields], ['ValidationFailed', [{ field: 'audience', message: 'field.noRecipients' }]]);
  const phase = await platform.updates.createUpdate(manager, { id: processId, language: 'nb', subject: text, body, audience: 'participants', phaseId: laterPhaseId });
  assert.deepEqual(!phase.ok && phase.fields, [{ field: 'audience', message: 'field.noRecipientsPhase' }]);
  const listed = await platform.updates.listUpdates(manager, { id: emptyProcessId });
  assert.deepEqual(listed.ok && listed.value.updates, []);
});

test('bad input names each field: the original text, a half translation, a time that has passed', async () => {
  const before = mailer.sent.length;
  const result = await platform.updates.createUpdate(manager, {
    id: processId,
    language: 'nb',
    subject: { nb: ' ', en: 'Work starts' },
    body: { nb: 'Tekst' },
    audience: 'both',
    sendAt: '2001-01-01T10:00',
  });
  assert.deepEqual(!result.ok && result.fields?.map((f) => `${f.field}:${f.message}`), ['subject.nb:field.required', 'body.en:field.translationHalf', 'sendAt:field.sendAtPast']);
  const badTime = await platform.updates.createUpdate(manager, { id: processId, language: 'nb', subject: text, body, audience: 'both', sendAt: 'tomorrow' });
  assert.deepEqual(!badTime.ok && badTime.fields, [{ field: 'sendAt', message: 'field.dateTimeInvalid' }]);
  const listed = await platform.updates.listUpdates(manager, { id: processId });
  assert.deepEqual(listed.ok && listed.value.updates, []);
  assert.equal(mailer.sent.length, before);
});

let kariToken = '';

test('sent now: each reader in their language where translated, the original with its language named, counts and audit', async () => {
  const before = mailer.sent.length;
  const sent = await platform.updates.createUpdate(manager, {
    id: processId,
    language: 'nb',
    subject: { ...text, en: 'Work starts in May' },
    body: { ...body, en: 'Digging starts on 4 May.' },
    audience: 'both',
  });
  assert.ok(sent.ok);
  assert.deepEqual([sent.value.status, sent.value.reached, sent.value.emailed, sent.value.listed], ['sent', 3, 2, 3]);
  const mails = mailer.sent.slice(before);
  assert.deepEqual(mails.map((m) => m.to).sort((a, b) => a.localeCompare(b)), ['john@example.no', 'kari@example.no'], 'Siri chose no e-mail; the deleted account is gone');
  const toKari = mails.find((m) => m.to === 'kari@example.no');
  const toJohn = mails.find((m) => m.to === 'john@example.no');
  assert.equal(toKari?.subject, 'Byggestart i mai – «Ny park»');
  assert.match(toKari?.text ?? '', /Byggestart i mai\n\nGravingen starter 4\. mai\.\nVelkommen til åpning i august\.\n/);
  assert.equal(toJohn?.subject, 'Work starts in May – "New park"');
  assert.match(toJohn?.text ?? '', /Digging starts on 4 May\./);
  assert.doesNotMatch(toJohn?.text ?? '', /Gravingen|no translation/);
  const link = /http:\/\/localhost:3000\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(toKari?.text ?? '');
  assert.ok(link, 'every e-mail has an unsubscribe link');
  kariToken = link[1] ?? '';
  // Siri reads Swedish: there is no Swedish text, so her list shows the original and names its language.
  const [forSiri] = await platform.notifications.listFor(siri, 'sv');
  assert.equal(forSiri?.text, 'Nytt om ”Ny park”: Byggestart i mai');
  assert.deepEqual(forSiri?.quote, { label: 'Meddelandet (på norskt bokmål)', text: 'Gravingen starter 4. mai. Velkommen til åpning i august.' });
  const [forJohn] = await platform.notifications.listFor(john, 'en');
  assert.equal(forJohn?.text, 'Update on "New park": Work starts in May');
  // John takes a daily digest: the update's e-mail was its own message, so the digest does not repeat it.
  const digestsBefore = mailer.sent.length;
  await platform.notifications.sendDigests();
  assert.equal(mailer.sent.slice(digestsBefore).filter((m) => m.to === 'john@example.no').length, 0);
  const trail = await platform.audit.forSubject('process_update', sent.value.id);
  assert.deepEqual(trail.map((e) => e.action).sort((a, b) => a.localeCompare(b)), ['updates.create', 'updates.send']);
});

test('the unsubscribe link works without signing in and stops that process’s updates for that person', async () => {
  const bad = await platform.updates.unsubscribeInfo({ token: 'not-a-real-token-at-all-xxxxxxxx' }, 'nb');
  assert.equal(!bad.ok && bad.code, 'TokenInvalid');
  const info = await platform.updates.unsubscribeInfo({ token: kariToken }, 'nb');
  assert.deepEqual(info.ok && info.value, { processTitle: 'Ny park', processSlug: 'ny-park', unsubscribed: false });
  assert.ok((await platform.updates.unsubscribe({ token: kariToken }, 'nb')).ok);
  assert.ok((await platform.updates.unsubscribe({ token: kariToken }, 'nb')).ok, 'a second click is fine');
  const again = await platform.updates.unsubscribeInfo({ token: kariToken }, 'nb');
  assert.equal(again.ok && again.value.unsubscribed, true);
  const preview = await platform.updates.previewAudience(manager, { id: processId, audience: 'both' });
  assert.deepEqual(preview.ok && preview.value, { recipients: 2, byEmail: 1, listOnly: 1 });
  // In her own data: the update she received and the unsubscription; deleting her account deletes both.
  const own = await platform.updates.exportFor(kari.id);
  assert.deepEqual([own.processUpdates?.map((u) => u.subject), own.updateUnsubscribes?.map((u) => u.processId)], [['Byggestart i mai'], [processId]]);
  assert.deepEqual(await platform.updates.deletionPlanFor(kari.id), [
    { section: 'processUpdates', count: 1, outcome: 'deleted' },
    { section: 'updateUnsubscribes', count: 1, outcome: 'deleted' },
  ]);
});

test('scheduled in the municipality’s time zone: 10:00 is 09:00 UTC before summer time and 08:00 UTC after; cancelled ones stay unsent', async () => {
  now = new Date('2027-03-20T12:00:00Z');
  const schedule = async (sendAt: string) => {
    now = new Date(now.getTime() + 60_000);
    const result = await platform.updates.createUpdate(manager, { id: processId, language: 'nb', subject: { nb: `Møte ${sendAt}` }, body, audience: 'participants', sendAt });
    assert.ok(result.ok);
    assert.equal(result.value.status, 'scheduled');
    return result.value;
  };
  const winter = await schedule('2027-03-27T10:00');
  const summer = await schedule('2027-03-28T10:00');
  const cancelled = await schedule('2027-03-28T09:00');
  assert.equal(winter.sendAt, '2027-03-27T09:00:00.000Z');
  assert.equal(summer.sendAt, '2027-03-28T08:00:00.000Z');
  assert.equal(cancelled.can.cancel, true);
  const cancel = await platform.updates.cancelUpdate(manager, { id: processId, updateId: cancelled.id });
  assert.equal(cancel.ok && cancel.value.status, 'cancelled');
  const twice = await platform.updates.cancelUpdate(manager, { id: processId, updateId: cancelled.id });
  assert.equal(!twice.ok && twice.code, 'Conflict');
  const before = mailer.sent.length;
  now = new Date('2027-03-28T07:59:00Z');
  assert.equal(await platform.updates.sendDue(), 1, 'only the winter one is due');
  const due = mailer.sent.slice(before);
  assert.deepEqual(due.map((m) => [m.to, m.subject]), [['john@example.no', 'Møte 2027-03-27T10:00 – "New park"']], 'John (participant, takes e-mail) gets it; Kari unsubscribed');
  assert.match(due[0]?.text ?? '', /This message is written in Norwegian Bokmål: no translation into your language was given\./);
  now = new Date('2027-03-28T08:00:00Z');
  assert.equal(await platform.updates.sendDue(), 1);
  assert.equal(await platform.updates.sendDue(), 0, 'sent once');
  const listed = await platform.updates.listUpdates(manager, { id: processId });
  assert.ok(listed.ok);
  assert.deepEqual(listed.value.updates.map((u) => [u.subject.nb, u.status, u.reached]), [
    ['Møte 2027-03-28T09:00', 'cancelled', 0],
    ['Møte 2027-03-28T10:00', 'sent', 1],
    ['Møte 2027-03-27T10:00', 'sent', 1],
    ['Byggestart i mai', 'sent', 3],
  ]);
});
