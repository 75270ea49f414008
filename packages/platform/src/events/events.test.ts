// Events with sign-up: seats and the waiting list (moved up strictly in the order people joined it), the
// registration deadline, signing up twice, capacity changes, and the reminder job the day before.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform, type recordingMailer } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { reminderJob } from './jobs.ts';

let platform: Platform;
let mailer: ReturnType<typeof recordingMailer>;
let drop: () => Promise<void>;
let manager: Actor;
const people: Actor[] = [];
let now = new Date('2027-03-01T10:00:00Z');

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

function failure(result: { ok: boolean; code?: string; fields?: readonly { field: string; message: string }[] }) {
  assert.equal(result.ok, false);
  return { code: result.code, fields: (result.fields ?? []).map((f) => `${f.field}:${f.message}`) };
}

before(async () => {
  ({ platform, mailer, drop } = await testPlatform({ clock: () => now }));
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'Mona Manager', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  for (const [i, name] of ['Anna', 'Bjørn', 'Cecilie', 'Didrik', 'Eva'].entries()) {
    const id = await platform.accounts.ensureUser({ email: `p${i}@example.no`, displayName: name, password: null, roles: [] });
    people.push({ id, roles: [], emailVerified: true });
  }
  await platform.processes.ensureProcess({
    slug: 'torget',
    status: 'published',
    title: { nb: 'Torget' },
    summary: { nb: 'Hva skal torget brukes til?' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Idéer' }, startsOn: '2027-02-01', endsOn: '2027-02-28' },
      { method: 'event', title: { nb: 'Folkemøte' }, startsOn: '2027-03-01', endsOn: '2027-04-30' },
    ],
  });
});
after(async () => drop());

const place = { kind: 'address' as const, address: 'Rådhuset, Storgata 1' };

async function eventWith(capacity: number | undefined, extra: { registrationDeadline?: string; startsAt?: string; endsAt?: string } = {}) {
  return value(await platform.events.createEvent(manager, { slug: 'torget', title: 'Folkemøte om torget', startsAt: '2027-03-20T18:00', endsAt: '2027-03-20T20:00', timeZone: 'Europe/Oslo', ...(capacity === undefined ? {} : { capacity }), place, ...extra })).id;
}

const statusOf = async (eventId: string, person: Actor) => value(await platform.events.getEvent(person, { id: eventId })).myRegistration;

test('a full event waitlists; cancelled seats go to the waiting list in the order people joined it, who are told', async () => {
  const eventId = await eventWith(2);
  const [anna, bjorn, cecilie, didrik, eva] = people as [Actor, Actor, Actor, Actor, Actor];
  assert.deepEqual(value(await platform.events.register(anna, { id: eventId })), { status: 'confirmed' });
  assert.deepEqual(value(await platform.events.register(bjorn, { id: eventId })), { status: 'confirmed' });
  assert.deepEqual(value(await platform.events.register(cecilie, { id: eventId })), { status: 'waitlisted' });
  assert.deepEqual(value(await platform.events.register(didrik, { id: eventId })), { status: 'waitlisted' });
  assert.deepEqual(value(await platform.events.register(eva, { id: eventId })), { status: 'waitlisted' });
  assert.deepEqual(await statusOf(eventId, didrik), { status: 'waitlisted', position: 2 });
  const shown = value(await platform.events.getEvent(null, { id: eventId }));
  assert.deepEqual([shown.confirmed, shown.waitlisted, shown.spotsLeft], [2, 3, 0]);

  // Didrik leaves the line before his turn: Cecilie, then Eva move up as seats free, never Didrik.
  value(await platform.events.cancelRegistration(didrik, { id: eventId }));
  assert.deepEqual(await statusOf(eventId, eva), { status: 'waitlisted', position: 2 });
  value(await platform.events.cancelRegistration(anna, { id: eventId }));
  assert.deepEqual(await statusOf(eventId, cecilie), { status: 'confirmed', position: null });
  assert.deepEqual(await statusOf(eventId, eva), { status: 'waitlisted', position: 1 });
  // Signing up again after cancelling puts Anna at the end of the line, behind Eva.
  assert.deepEqual(value(await platform.events.register(anna, { id: eventId })), { status: 'waitlisted' });
  value(await platform.events.cancelRegistration(bjorn, { id: eventId }));
  assert.deepEqual(await statusOf(eventId, eva), { status: 'confirmed', position: null });
  assert.deepEqual(await statusOf(eventId, anna), { status: 'waitlisted', position: 1 });
  assert.equal(await statusOf(eventId, bjorn), null);

  // Those moved up hear of it (notification list), the others do not.
  const told = async (person: Actor) => (await platform.notifications.listFor(person, 'nb')).some((n) => n.link === `/events/${eventId}`);
  assert.deepEqual([await told(cecilie), await told(eva), await told(anna), await told(didrik)], [true, true, false, false]);

  // Staff see seats first, then the line in order.
  const list = value(await platform.events.registrations(manager, { id: eventId })).attendees;
  assert.deepEqual(list.map((a) => [a.name, a.status, a.position]), [['Cecilie', 'confirmed', null], ['Eva', 'confirmed', null], ['Anna', 'waitlisted', 1]]);
  assert.equal(failure(await platform.events.registrations(anna, { id: eventId })).code, 'Forbidden');
});

test('signing up twice, after the deadline, or cancelling what one does not hold is refused with a reason, and nothing changes', async () => {
  const eventId = await eventWith(10, { registrationDeadline: '2027-03-10T12:00' });
  const [anna, bjorn] = people as [Actor, Actor];
  value(await platform.events.register(anna, { id: eventId }));
  assert.equal(failure(await platform.events.register(anna, { id: eventId })).code, 'AlreadyRegistered');
  assert.equal(value(await platform.events.getEvent(null, { id: eventId })).confirmed, 1);
  assert.equal(failure(await platform.events.cancelRegistration(bjorn, { id: eventId })).code, 'NotFound');
  assert.equal(failure(await platform.events.register(null, { id: eventId })).code, 'NotSignedIn');
  // 12:00 in Oslo is 11:00 UTC in March (winter time): one minute before is still open, at 11:00 UTC it closes.
  now = new Date('2027-03-10T10:59:00Z');
  assert.equal(value(await platform.events.getEvent(bjorn, { id: eventId })).can.register, true);
  now = new Date('2027-03-10T11:00:00Z');
  assert.equal(failure(await platform.events.register(bjorn, { id: eventId })).code, 'RegistrationClosed');
  assert.equal(value(await platform.events.getEvent(bjorn, { id: eventId })).can.register, false);
  assert.equal(value(await platform.events.getEvent(null, { id: eventId })).confirmed, 1);
  now = new Date('2027-03-01T10:00:00Z');
});

test('staff input is checked: end before start, deadline after start, a place, a capacity below the seats taken', async () => {
  const bad = await platform.events.createEvent(manager, { slug: 'torget', title: ' ', startsAt: '2027-03-20T18:00', endsAt: '2027-03-20T17:00', timeZone: 'Mars/Olympus', place: { kind: 'online', url: 'http://x' }, registrationDeadline: '2027-03-21T00:00' });
  assert.deepEqual(failure(bad).fields.sort((a, b) => a.localeCompare(b)), ['endsAt:field.eventEndsBeforeStart', 'place.url:field.urlInvalid', 'registrationDeadline:field.deadlineAfterStart', 'timeZone:field.timeZoneUnknown', 'title:field.required'].sort((a, b) => a.localeCompare(b)));
  assert.equal(failure(await platform.events.createEvent(people[0] ?? null, { slug: 'torget', title: 'X', startsAt: '2027-03-20T18:00', endsAt: '2027-03-20T19:00', place })).code, 'Forbidden');

  const eventId = await eventWith(3);
  for (const person of people.slice(0, 4)) value(await platform.events.register(person, { id: eventId }));
  const edit = { id: eventId, title: 'Folkemøte om torget', startsAt: '2027-03-20T18:00', endsAt: '2027-03-20T20:00', timeZone: 'Europe/Oslo', place };
  const lower = failure(await platform.events.updateEvent(manager, { ...edit, capacity: 2 }));
  assert.deepEqual(lower, { code: 'ValidationFailed', fields: ['capacity:field.capacityBelowRegistered'] });
  assert.equal(value(await platform.events.getEvent(null, { id: eventId })).capacity, 3);
  // A larger capacity moves the first in line up.
  value(await platform.events.updateEvent(manager, { ...edit, capacity: 4 }));
  assert.deepEqual(await statusOf(eventId, people[3] as Actor), { status: 'confirmed', position: null });
  const audit = await platform.db.selectFrom('audit_log').select('action').where('subject_id', '=', eventId).execute();
  assert.deepEqual(audit.map((a) => a.action).sort((a, b) => a.localeCompare(b)), ['events.created', 'events.updated']);
});

test('local times are stored as instants and shown in the event’s zone across the change to summer time', async () => {
  // The last Sunday of March 2027: Oslo's clocks go from 02:00 to 03:00, so 10:00 is 08:00 UTC (the day before: 09:00).
  const id = value(await platform.events.createStandaloneEvent(manager, { title: 'Vårmøte', startsAt: '2027-03-28T10:00', endsAt: '2027-03-28T12:00', timeZone: 'Europe/Oslo', place })).id;
  const event = value(await platform.events.getEvent(null, { id }));
  assert.deepEqual([event.startsAt, event.startsAtLocal, event.processSlug], ['2027-03-28T08:00:00.000Z', '2027-03-28T10:00', null]);
  const before = value(await platform.events.createStandaloneEvent(manager, { title: 'Lørdagsmøte', startsAt: '2027-03-27T10:00', endsAt: '2027-03-27T12:00', place })).id;
  assert.equal(value(await platform.events.getEvent(null, { id: before })).startsAt, '2027-03-27T09:00:00.000Z');
  // Municipality-wide events are listed with the others, soonest first.
  const titles = value(await platform.events.listEvents(null, {})).events.map((e) => e.title);
  assert.ok(titles.indexOf('Lørdagsmøte') < titles.indexOf('Vårmøte'));
});

test('the online link is shown only to people signed up and staff', async () => {
  const id = value(await platform.events.createStandaloneEvent(manager, { title: 'Digitalt møte', startsAt: '2027-04-01T18:00', endsAt: '2027-04-01T19:00', place: { kind: 'online', url: 'https://meet.example.no/torget' } })).id;
  const [anna, bjorn] = people as [Actor, Actor];
  value(await platform.events.register(anna, { id }));
  assert.equal(value(await platform.events.getEvent(null, { id })).place.url, null);
  assert.equal(value(await platform.events.getEvent(bjorn, { id })).place.url, null);
  assert.equal(value(await platform.events.getEvent(anna, { id })).place.url, 'https://meet.example.no/torget');
  assert.equal(value(await platform.events.getEvent(manager, { id })).place.url, 'https://meet.example.no/torget');
  assert.ok(!value(await platform.events.calendar(bjorn, { id })).includes('meet.example.no'));
  assert.ok(value(await platform.events.calendar(anna, { id })).includes('meet.example.no'));
});

test('registration questions: a required choice must be answered with one of its options', async () => {
  const id = value(await platform.events.createStandaloneEvent(manager, { title: 'Middag', startsAt: '2027-04-02T18:00', endsAt: '2027-04-02T20:00', place, questions: [{ kind: 'choice', label: 'Mat', required: true, choices: ['Vanlig', 'Vegetar'] }, { kind: 'short_text', label: 'Allergier' }] })).id;
  const question = value(await platform.events.getEvent(null, { id })).questions[0];
  assert.ok(question);
  const anna = people[0] as Actor;
  assert.deepEqual(failure(await platform.events.register(anna, { id, answers: {} })).fields, [`answers.${question.id}:field.required`]);
  assert.deepEqual(failure(await platform.events.register(anna, { id, answers: { [question.id]: 'Kjøtt' } })).fields, [`answers.${question.id}:field.unknownChoice`]);
  value(await platform.events.register(anna, { id, answers: { [question.id]: 'Vegetar' } }));
  assert.deepEqual(value(await platform.events.registrations(manager, { id })).attendees[0]?.answers, { [question.id]: 'Vegetar' });
});

test('after the event: attendance, minutes and ideas entered from the meeting, only once it has started', async () => {
  const eventId = await eventWith(undefined);
  const [anna, bjorn] = people as [Actor, Actor];
  value(await platform.events.register(anna, { id: eventId }));
  value(await platform.events.register(bjorn, { id: eventId }));
  assert.equal(failure(await platform.events.markAttendance(manager, { id: eventId, attended: [anna.id] })).code, 'EventNotStarted');
  now = new Date('2027-03-21T09:00:00Z');
  try {
    assert.equal(failure(await platform.events.cancelRegistration(anna, { id: eventId })).code, 'RegistrationClosed');
    assert.deepEqual(value(await platform.events.markAttendance(manager, { id: eventId, attended: [anna.id] })), { attended: 1 });
    const list = value(await platform.events.registrations(manager, { id: eventId })).attendees;
    assert.deepEqual(list.map((a) => [a.name, a.attended]), [['Anna', true], ['Bjørn', false]]);
    value(await platform.events.publishMinutes(manager, { id: eventId, minutes: 'Vi snakket om benker.' }));
    const shown = value(await platform.events.getEvent(null, { id: eventId }));
    assert.deepEqual([shown.minutes, shown.attended, shown.state], ['Vi snakket om benker.', 1, 'past']);
    const ideaId = value(await platform.events.addIdea(manager, { id: eventId, title: 'Flere benker', body: 'Sagt på møtet: flere benker ved fontenen.' })).id;
    assert.deepEqual(await platform.events.ideaIdsOf(eventId), [ideaId]);
    assert.equal(failure(await platform.events.addIdea(anna, { id: eventId, title: 'x', body: 'y' })).code, 'Forbidden');
  } finally {
    now = new Date('2027-03-01T10:00:00Z');
  }
});

test('the reminder job e-mails seat holders once, the day before, in their language with the local time', async () => {
  const soon = value(await platform.events.createStandaloneEvent(manager, { title: 'Nabomøte', startsAt: '2027-03-02T18:00', endsAt: '2027-03-02T19:00', place })).id;
  const later = value(await platform.events.createStandaloneEvent(manager, { title: 'Senere møte', startsAt: '2027-03-09T18:00', endsAt: '2027-03-09T19:00', place })).id;
  const waiting = value(await platform.events.createStandaloneEvent(manager, { title: 'Lite møte', startsAt: '2027-03-02T12:00', endsAt: '2027-03-02T13:00', capacity: 1, place })).id;
  const [anna, bjorn] = people as [Actor, Actor];
  for (const id of [soon, later]) value(await platform.events.register(anna, { id }));
  value(await platform.events.register(bjorn, { id: waiting }));
  value(await platform.events.register(anna, { id: waiting }));
  mailer.sent.length = 0;
  now = new Date('2027-03-01T18:00:00Z');
  await platform.jobs.startWorkers();
  await platform.jobs.send(reminderJob, {});
  for (let i = 0; i < 100 && mailer.sent.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const subjects = mailer.sent.map((m) => `${m.to}: ${m.subject.replace(/ – .*$/, '')}`).sort((a, b) => a.localeCompare(b));
  assert.deepEqual(subjects, ['p0@example.no: Påminnelse: «Nabomøte»', 'p1@example.no: Påminnelse: «Lite møte»'].sort((a, b) => a.localeCompare(b)));
  assert.match(mailer.sent.find((m) => m.to === 'p0@example.no')?.text ?? '', /2\. mars 2027 kl\. 18:00.*Rådhuset/s);
  // A second run finds nothing new.
  assert.equal(await platform.events.sendReminders(), 0);
  // Six days later the other event's day has come.
  now = new Date('2027-03-08T20:00:00Z');
  assert.equal(await platform.events.sendReminders(), 1);
  now = new Date('2027-03-01T10:00:00Z');
});

test('one’s own data: the export lists registrations with answers; deleting the account gives the seat to the next in line', async () => {
  const eventId = await eventWith(1);
  const [, , cecilie, didrik] = people as [Actor, Actor, Actor, Actor];
  value(await platform.events.register(cecilie, { id: eventId }));
  value(await platform.events.register(didrik, { id: eventId }));
  const exported = await platform.events.exportFor(cecilie.id);
  assert.ok(exported.eventRegistrations?.some((r) => r.title === 'Folkemøte om torget' && r.status === 'confirmed'));
  assert.deepEqual(await platform.events.deletionPlanFor(cecilie.id), [{ section: 'eventRegistrations', count: exported.eventRegistrations?.length ?? 0, outcome: 'deleted' }]);
  await platform.events.forgetUser(cecilie.id);
  assert.deepEqual(await statusOf(eventId, didrik), { status: 'confirmed', position: null });
});

test('documents are published with an event, checked by their content, all or none', async () => {
  const eventId = await eventWith(5);
  const pdf = Buffer.from('%PDF-1.7\n').toString('base64');
  const exe = Buffer.from('MZ\x90\x00').toString('base64');
  const refused = failure(await platform.events.addDocuments(manager, { id: eventId, files: [{ filename: 'saker.pdf', contentType: 'application/pdf', data: pdf }, { filename: 'virus.pdf', contentType: 'application/pdf', data: exe }] }));
  assert.deepEqual(refused, { code: 'ValidationFailed', fields: ['files:field.documentType'] });
  assert.deepEqual(value(await platform.events.getEvent(null, { id: eventId })).documents, []);
  assert.equal(failure(await platform.events.addDocuments(people[0] ?? null, { id: eventId, files: [{ filename: 'saker.pdf', contentType: 'application/pdf', data: pdf }] })).code, 'Forbidden');
  const { ids } = value(await platform.events.addDocuments(manager, { id: eventId, files: [{ filename: 'saker.pdf', contentType: 'application/pdf', data: pdf }] }));
  assert.deepEqual(value(await platform.events.getEvent(null, { id: eventId })).documents.map((d) => [d.filename, d.url]), [['saker.pdf', `/files/${ids[0]}`]]);
  assert.equal((await platform.files.read(ids[0] ?? '', null))?.filename, 'saker.pdf');
});
