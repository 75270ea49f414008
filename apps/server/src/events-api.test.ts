// Events over the API (issue 19, part 2): staff create and change events, residents sign up and cancel, a full
// event waitlists, the calendar file, and bad input refused with the field named and nothing changed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';

let server: TestServer;
let per: ApiCall;
let kari: ApiCall;
let ola: ApiCall;
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  ola = await apiClient(server.url, 'ola@demo.tingsted.no');
  const manager = await server.platform.db.selectFrom('users').select('id').where('email', '=', 'prosess@demo.tingsted.no').executeTakeFirstOrThrow();
  await server.platform.processes.ensureProcess({
    slug: 'moter-over-api',
    status: 'published',
    title: { nb: 'Møter' },
    summary: { nb: 'Møter om torget.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'event', title: { nb: 'Folkemøter' }, startsOn: '2020-01-01', endsOn: '2099-12-31' }],
  });
});
after(async () => server.close());

const anonymous = (path: string, method = 'GET', json?: unknown) =>
  fetch(server.url + path, { method, ...(json === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) }) });

const event = { title: 'Folkemøte om torget', startsAt: '2099-03-29T18:00', endsAt: '2099-03-29T20:00', timeZone: 'Europe/Oslo', capacity: 1, place: { kind: 'address', address: 'Rådhuset' } };

interface Shown {
  title: string;
  startsAt: string;
  startsAtLocal: string;
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
  myRegistration: { status: string; position: number | null } | null;
  can: { register: boolean; cancel: boolean; edit: boolean };
}

test('staff create an event with local times; residents 403, anonymous 401, an end before the start named', async () => {
  const path = '/api/v1/processes/moter-over-api/events';
  assert.equal((await anonymous(path, 'POST', event)).status, 401);
  assert.equal((await kari(path, { method: 'POST', json: event })).status, 403);
  const backwards = await per(path, { method: 'POST', json: { ...event, endsAt: '2099-03-29T17:00' } });
  assert.equal(backwards.status, 400);
  assert.deepEqual(await fieldsOf(backwards), ['endsAt']);
  const english = await per(path, { method: 'POST', json: { ...event, endsAt: '2099-03-29T17:00' }, headers: { 'accept-language': 'en' } });
  assert.match(((await english.json()) as { error: { fields: { message: string }[] } }).error.fields[0]?.message ?? '', /must end after it starts/);
  assert.equal((await per(`/api/v1/processes/moter-over-api/events`)).status, 200);
  const before = ((await (await anonymous(path)).json()) as { events: unknown[] }).events.length;

  const created = await per(path, { method: 'POST', json: event });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  const shown = (await (await anonymous(`/api/v1/events/${id}`)).json()) as Shown;
  // Oslo is on summer time on 29 March 2099: 18:00 there is 16:00 UTC.
  assert.deepEqual([shown.title, shown.startsAt, shown.startsAtLocal, shown.capacity], ['Folkemøte om torget', '2099-03-29T16:00:00.000Z', '2099-03-29T18:00', 1]);
  assert.equal(((await (await anonymous(path)).json()) as { events: unknown[] }).events.length, before + 1);
  assert.equal((await anonymous('/api/v1/processes/finnes-ikke/events', 'POST', event)).status, 401);
  assert.equal((await per('/api/v1/processes/finnes-ikke/events', { method: 'POST', json: event })).status, 404);
});

test('sign up and cancel: a seat, the waiting list when full, twice refused, the seat moves up', async () => {
  const { id } = (await (await per('/api/v1/processes/moter-over-api/events', { method: 'POST', json: event })).json()) as { id: string };
  const path = `/api/v1/events/${id}/registration`;
  assert.equal((await anonymous(path, 'POST', {})).status, 401);
  const first = await kari(path, { method: 'POST', json: {} });
  assert.equal(first.status, 200);
  assert.deepEqual(await first.json(), { status: 'confirmed' });
  assert.deepEqual(await (await ola(path, { method: 'POST', json: {} })).json(), { status: 'waitlisted' });
  const twice = await kari(path, { method: 'POST', json: {} });
  assert.equal(twice.status, 409);
  assert.equal(((await twice.json()) as { error: { code: string } }).error.code, 'AlreadyRegistered');
  const shown = async (call: ApiCall) => (await (await call(`/api/v1/events/${id}`)).json()) as Shown;
  assert.deepEqual((await shown(ola)).myRegistration, { status: 'waitlisted', position: 1 });
  assert.deepEqual([(await shown(kari)).can.register, (await shown(kari)).can.cancel], [false, true]);

  // Capacity below the one seat taken is refused and nothing changes; the cancelled seat goes to Ola.
  const lower = await per(`/api/v1/events/${id}`, { method: 'PUT', json: { ...event, capacity: 0 } });
  assert.equal(lower.status, 400);
  assert.deepEqual(await fieldsOf(lower), ['capacity']);
  assert.equal((await kari(path, { method: 'DELETE' })).status, 200);
  assert.deepEqual((await shown(ola)).myRegistration, { status: 'confirmed', position: null });
  assert.equal((await shown(kari)).myRegistration, null);
  assert.equal((await kari(path, { method: 'DELETE' })).status, 404);

  // The staff list: Ola holds the seat; residents may not read it.
  const list = (await (await per(`/api/v1/events/${id}/registrations`)).json()) as { attendees: { name: string; status: string }[] };
  assert.deepEqual(list.attendees.map((a) => [a.name, a.status]), [['Ola Nordmann', 'confirmed']]);
  assert.equal((await kari(`/api/v1/events/${id}/registrations`)).status, 403);
  // Attendance waits until the event has started.
  assert.equal((await per(`/api/v1/events/${id}/attendance`, { method: 'PUT', json: { attended: [] } })).status, 409);
});

test('capacity below the people with a seat is refused with the number; after the deadline sign-up is closed', async () => {
  const { id } = (await (await per('/api/v1/processes/moter-over-api/events', { method: 'POST', json: { ...event, capacity: 5 } })).json()) as { id: string };
  for (const call of [kari, ola]) assert.equal((await call(`/api/v1/events/${id}/registration`, { method: 'POST', json: {} })).status, 200);
  const lower = await per(`/api/v1/events/${id}`, { method: 'PUT', json: { ...event, capacity: 1 }, headers: { 'accept-language': 'en' } });
  assert.equal(lower.status, 400);
  assert.match(JSON.stringify(await lower.json()), /2 people already have a seat/);
  assert.equal(((await (await per(`/api/v1/events/${id}`)).json()) as Shown).capacity, 5);

  const closed = await per('/api/v1/processes/moter-over-api/events', { method: 'POST', json: { ...event, registrationDeadline: '2020-01-01T12:00' } });
  const closedId = ((await closed.json()) as { id: string }).id;
  const late = await kari(`/api/v1/events/${closedId}/registration`, { method: 'POST', json: {} });
  assert.equal(late.status, 409);
  assert.equal(((await late.json()) as { error: { code: string } }).error.code, 'RegistrationClosed');
});

test('the .ics file is an iCalendar text in UTC; standalone events are listed at /events', async () => {
  const created = await per('/api/v1/events', { method: 'POST', json: { ...event, title: 'Åpent møte, alle velkommen', capacity: undefined } });
  assert.equal(created.status, 201);
  const { id } = (await created.json()) as { id: string };
  const ics = await anonymous(`/api/v1/events/${id}/calendar.ics`);
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get('content-type') ?? '', /^text\/calendar/);
  const text = await ics.text();
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(text, /\r\nDTSTART:20990329T160000Z\r\n/);
  assert.match(text, /\r\nSUMMARY:Åpent møte\\, alle velkommen\r\n/);
  const feed = await anonymous('/api/v1/processes/moter-over-api/events.ics');
  assert.equal(feed.status, 200);
  assert.equal((await anonymous(`/api/v1/events/00000000-0000-4000-8000-000000000000/calendar.ics`)).status, 404);
  const listed = (await (await anonymous('/api/v1/events')).json()) as { events: { id: string }[] };
  assert.ok(listed.events.some((e) => e.id === id));
});
