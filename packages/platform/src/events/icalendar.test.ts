// The .ics files: parsed by ical.js, every physical line at most 75 octets and ended by CRLF, text escaped and
// read back as written, and the local time right on both days Oslo's clocks change (last Sunday of March and of
// October 2027).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { calendarOf, escapeText, foldLine } from './icalendar.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2027-03-01T10:00:00Z') }));
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'Mona', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
});
after(async () => drop());

/** Checks the RFC 5545 framing ical.js is lenient about, then parses; the VEVENTs. */
function strictlyParsed(text: string) {
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
  assert.ok(!/\r(?!\n)/.test(text), 'no bare CR');
  for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets: ${line}`);
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.name, 'vcalendar');
  assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
  assert.ok(calendar.getFirstPropertyValue('prodid'));
  const events = calendar.getAllSubcomponents('vevent');
  for (const event of events) for (const required of ['uid', 'dtstamp', 'dtstart']) assert.ok(event.hasProperty(required), `VEVENT without ${required.toUpperCase()}`);
  return events;
}

const oslo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const localIn = (time: unknown) => oslo.format((time as { toJSDate(): Date }).toJSDate());

test('text is escaped and long lines are folded without splitting a character', () => {
  assert.equal(escapeText('a, b; c\\d\ne'), 'a\\, b\\; c\\\\d\\ne');
  const folded = foldLine(`SUMMARY:${'ø'.repeat(100)}`);
  for (const line of folded.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75);
  assert.equal(folded.replace(/\r\n /g, ''), `SUMMARY:${'ø'.repeat(100)}`);
  const title = 'Møte; om torget, benker\\lys – og «mer» '.repeat(4).trim();
  const [event] = strictlyParsed(calendarOf({ name: 'Kalender', stamp: new Date('2027-01-01T00:00:00Z'), entries: [{ uid: 'x@tingsted', title, description: 'Linje 1\nLinje 2', startsAt: new Date('2027-05-01T10:00:00Z'), endsAt: new Date('2027-05-01T11:00:00Z'), location: 'Storgata 1, 3. etg.', url: null, updatedAt: new Date('2027-01-01T00:00:00Z') }] }));
  assert.equal(event?.getFirstPropertyValue('summary'), title);
  assert.equal(event?.getFirstPropertyValue('description'), 'Linje 1\nLinje 2');
  assert.equal(event?.getFirstPropertyValue('location'), 'Storgata 1, 3. etg.');
});

test('an event on the days the clocks change shows the local time it was entered with', async () => {
  const place = { kind: 'address' as const, address: 'Rådhuset' };
  for (const [day, utc] of [['2027-03-28', '08:00'], ['2027-10-31', '09:00']] as const) {
    const id = (await platform.events.createStandaloneEvent(manager, { title: `Møte ${day}`, startsAt: `${day}T10:00`, endsAt: `${day}T12:30`, timeZone: 'Europe/Oslo', place }));
    assert.ok(id.ok);
    const ics = await platform.events.calendar(null, { id: id.value.id });
    assert.ok(ics.ok);
    const [event] = strictlyParsed(ics.value);
    const start = event?.getFirstPropertyValue('dtstart') as { toJSDate(): Date; zone: { tzid: string } };
    assert.equal(start.zone.tzid, 'UTC');
    assert.equal(start.toJSDate().toISOString(), `${day}T${utc}:00.000Z`);
    const [y, m, d] = day.split('-');
    assert.equal(localIn(start), `${d}/${m}/${y}, 10:00`);
    assert.equal(localIn(event?.getFirstPropertyValue('dtend')), `${d}/${m}/${y}, 12:30`);
  }
});

test('a process feed holds its events; a draft process has none for the public', async () => {
  await platform.processes.ensureProcess({ slug: 'feed', status: 'published', title: { nb: 'Torget, våren 2027' }, summary: { nb: 's' }, startsOn: null, endsOn: null, createdBy: manager.id, phases: [{ method: 'event', title: { nb: 'Møter' }, startsOn: '2027-03-01', endsOn: '2027-06-30' }] });
  await platform.processes.ensureProcess({ slug: 'utkast', status: 'draft', title: { nb: 'Utkast' }, summary: { nb: 's' }, startsOn: null, endsOn: null, createdBy: manager.id, phases: [{ method: 'event', title: { nb: 'Møter' }, startsOn: '2027-03-01', endsOn: '2027-06-30' }] });
  for (const [slug, startsAt] of [['feed', '2027-04-01T18:00'], ['feed', '2027-05-01T18:00'], ['utkast', '2027-04-01T18:00']] as const) {
    assert.ok((await platform.events.createEvent(manager, { slug, title: `Møte ${startsAt}`, startsAt, endsAt: startsAt.replace('18:00', '20:00'), place: { kind: 'address', address: 'Torget' } })).ok);
  }
  const feed = await platform.events.processCalendar(null, { slug: 'feed' });
  assert.ok(feed.ok);
  const events = strictlyParsed(feed.value);
  assert.deepEqual(events.map((e) => e.getFirstPropertyValue('summary')), ['Møte 2027-04-01T18:00', 'Møte 2027-05-01T18:00']);
  assert.match(feed.value, /X-WR-CALNAME:Torget\\, våren 2027/);
  const draft = await platform.events.processCalendar(null, { slug: 'utkast' });
  assert.equal(draft.ok ? 'ok' : draft.code, 'NotFound');
});
