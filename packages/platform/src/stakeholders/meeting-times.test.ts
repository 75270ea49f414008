// A panel meeting across daylight-saving changes (issue 20, part 3): set in summer time for a day in winter time
// and back, it keeps its local time (18:00 in Oslo) on the page's data, in the e-mail each member gets and in the
// calendar file.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/index.ts';

let platform: Platform;
let mailer: Awaited<ReturnType<typeof testPlatform>>['mailer'];
let drop: () => Promise<void>;
let facilitator: Actor;
let panelId = '';

before(async () => {
  // The week before Oslo leaves summer time (25 October 2026): the clock reads UTC+2 when the meetings are set.
  ({ platform, mailer, drop } = await testPlatform({ clock: () => new Date('2026-10-18T09:00:00Z') }));
  facilitator = { id: await platform.accounts.ensureUser({ email: 'f@example.no', displayName: 'F', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  const created = await platform.processes.ensureProcess({
    slug: 'tid', status: 'published', title: { nb: 'Tid' }, summary: { nb: 'Tid' }, startsOn: null, endsOn: null, createdBy: facilitator.id,
    phases: [{ method: 'stakeholders', title: { nb: 'Panel' }, startsOn: '2026-10-01', endsOn: '2027-04-30' }],
  });
  const panel = await platform.stakeholders.setUpPanel(facilitator, created.phaseIds[0] ?? '', { inviteLimit: 1 });
  assert.ok(panel.ok);
  panelId = panel.value.id;
  const member = await platform.accounts.ensureUser({ email: 'medlem@example.no', displayName: 'Medlem', password: null, roles: ['resident'] });
  await platform.accounts.setNotifyMode({ id: member, roles: ['resident'] }, 'immediate');
  await platform.stakeholders.importStakeholder({ panelId, userId: member, role: 'Nabo', name: 'Medlem', speaksFor: 'Naboene', introduction: 'En introduksjon her.' });
});
after(async () => drop());

const oslo = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

for (const { day, utc, spoken } of [
  // Winter time (UTC+1), set while the clocks still say summer time.
  { day: '2026-10-31', utc: '2026-10-31T17:00:00.000Z', spoken: '31. oktober 2026 kl. 18:00' },
  // The day Oslo moves to summer time (UTC+2): the clocks jumped at 02:00 that morning.
  { day: '2027-03-28', utc: '2027-03-28T16:00:00.000Z', spoken: '28. mars 2027 kl. 18:00' },
]) {
  test(`a meeting at 18:00 on ${day} is 18:00 on the page, in the e-mail and in the calendar file`, async () => {
    const scheduled = await platform.stakeholders.scheduleMeeting(facilitator, panelId, { title: `Møte ${day}`, startsAt: `${day}T18:00`, place: 'Rådhuset, sal A' });
    assert.ok(scheduled.ok);
    const id = scheduled.value.id;

    const page = await platform.stakeholders.viewMeeting(null, id);
    assert.ok(page.ok);
    assert.equal(page.value.startsAt.toISOString(), utc, 'stored as the instant');
    assert.equal(page.value.timeZone, 'Europe/Oslo');
    assert.equal(oslo.format(page.value.startsAt), `${day.split('-').reverse().join('/')}, 18:00`, 'shown as Oslo’s wall clock');

    const mail = mailer.lastTo('medlem@example.no');
    assert.ok(mail, 'the member was e-mailed');
    assert.match(mail.subject, new RegExp(`Møte ${day}`));
    assert.ok(mail.text.includes(spoken), `the e-mail says ${spoken}: ${mail.text}`);
    assert.ok(mail.text.includes('Sted: Rådhuset, sal A'));
    assert.ok(mail.text.includes(`http://localhost:3000/processes/tid/stakeholders/meetings/${id}`));

    const ics = await platform.stakeholders.meetingCalendar(null, id);
    assert.ok(ics.ok);
    assert.ok(ics.value.includes(`DTSTART:${utc.replace(/[-:]/g, '').replace('.000', '')}`), 'the start in UTC');
    const event = new ICAL.Component(ICAL.parse(ics.value)).getFirstSubcomponent('vevent');
    assert.ok(event);
    const start = (event.getFirstPropertyValue('dtstart') as unknown as { toJSDate(): Date }).toJSDate();
    assert.equal(oslo.format(start), `${day.split('-').reverse().join('/')}, 18:00`, 'a calendar in Oslo shows 18:00');
    assert.equal(event.getFirstPropertyValue('location'), 'Rådhuset, sal A');
    assert.equal(event.getFirstPropertyValue('url'), `http://localhost:3000/processes/tid/stakeholders/meetings/${id}`);
  });
}

test('a meeting’s calendar file is refused where the meeting is', async () => {
  const missing = await platform.stakeholders.meetingCalendar(null, '00000000-0000-4000-8000-000000000000');
  assert.equal(!missing.ok && missing.code, 'NotFound');
});
