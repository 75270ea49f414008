import type { Platform } from '../platform.ts';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Demo events (issue 19, part 2): a process "Torget for alle" with an ideas phase and an event phase holding a
 * meeting that took place (attendance marked, minutes published, an idea entered from it), an open meeting
 * ahead, and a workshop that is full with a waiting list; and a municipality-wide online information meeting.
 * Idempotent: nothing is added when the process exists.
 */
export async function seedDemoEvents(platform: Platform, people: { manager: string; residents: readonly string[] }): Promise<void> {
  const today = platform.processes.today();
  const process = await platform.processes.ensureProcess({
    slug: 'torget-for-alle',
    status: 'published',
    title: { nb: 'Torget for alle', nn: 'Torget for alle', en: 'A square for everyone' },
    summary: {
      nb: 'Torget skal pusses opp. Kom på folkemøte og verksted og si hva torget skal brukes til.',
      nn: 'Torget skal pussast opp. Kom på folkemøte og verkstad og sei kva torget skal brukast til.',
      en: 'The square is being renovated. Come to a public meeting or a workshop and say what it should be used for.',
    },
    startsOn: null,
    endsOn: null,
    createdBy: people.manager,
    phases: [
      { method: 'ideas', title: { nb: 'Idéer til torget', en: 'Ideas for the square' }, startsOn: addDays(today, -60), endsOn: addDays(today, -31) },
      { method: 'event', title: { nb: 'Folkemøter og verksted', en: 'Public meetings and workshop' }, startsOn: addDays(today, -30), endsOn: addDays(today, 40) },
    ],
  });
  if (!process.created) return;
  const manager = { id: people.manager, roles: ['process_manager' as const] };
  const residents = people.residents.map((id) => ({ id, roles: ['resident' as const], emailVerified: true }));
  const at = (days: number, time: string) => `${addDays(today, days)}T${time}`;
  const townHall = { kind: 'address' as const, address: 'Rådhuset, Storgata 1 (bystyresalen)' };
  const access = 'Trinnfri inngang fra Storgata. Teleslynge i salen. Tegnspråktolk kan bestilles innen en uke før.';

  const past = await platform.events.createEvent(manager, {
    slug: 'torget-for-alle',
    title: 'Første folkemøte om torget',
    description: 'Arkitektene viste tre skisser, og vi samlet innspill.',
    startsAt: at(-7, '18:00'),
    endsAt: at(-7, '20:00'),
    capacity: 80,
    place: townHall,
    accessibility: access,
  });
  const open = await platform.events.createEvent(manager, {
    slug: 'torget-for-alle',
    title: 'Folkemøte: forslaget til nytt torg',
    description: 'Vi viser forslaget som bygger på innspillene fra første møte. Kaffe og kaker fra kl. 17.30.',
    startsAt: at(10, '18:00'),
    endsAt: at(10, '20:00'),
    capacity: 60,
    place: townHall,
    accessibility: access,
    registrationDeadline: at(9, '12:00'),
    questions: [
      { kind: 'choice', label: 'Vil du ha tolk?', required: true, choices: ['Nei', 'Tegnspråktolk', 'Tolk til engelsk'] },
      { kind: 'short_text', label: 'Allergier (til bevertningen)' },
    ],
  });
  const workshop = await platform.events.createEvent(manager, {
    slug: 'torget-for-alle',
    title: 'Verksted: benker, lys og lek',
    description: 'Et lite verksted der vi tegner sammen med landskapsarkitekten. Få plasser.',
    startsAt: at(14, '17:00'),
    endsAt: at(14, '19:00'),
    capacity: 2,
    place: { kind: 'address', address: 'Biblioteket, møterom 2' },
    accessibility: 'Heis til andre etasje.',
  });
  const online = await platform.events.createStandaloneEvent(manager, {
    title: 'Digitalt informasjonsmøte: slik deltar du',
    description: 'Kommunen forteller hvordan du kan delta i planer og budsjett. Still spørsmål i chatten.',
    startsAt: at(20, '19:00'),
    endsAt: at(20, '20:00'),
    place: { kind: 'online', url: 'https://meet.example.no/demo-kommune-deltakelse' },
    accessibility: 'Teksting på norsk.',
  });
  if (!past.ok || !open.ok || !workshop.ok || !online.ok) throw new Error('the demo events could not be created');

  // The full workshop: two seats taken, the third person waits.
  for (const resident of residents) await platform.events.register(resident, { id: workshop.value.id });
  const [first] = residents;
  if (first) await platform.events.register(first, { id: online.value.id });

  // The meeting that took place: seat holders entered as they signed up back then, attendance, minutes and an idea.
  for (const resident of residents.slice(0, 2)) {
    await platform.db
      .insertInto('event_registrations')
      .values({ event_id: past.value.id, user_id: resident.id, status: 'confirmed', registered_at: new Date(`${addDays(today, -14)}T10:00:00Z`) })
      .execute();
  }
  await platform.events.markAttendance(manager, { id: past.value.id, attended: residents.slice(0, 1).map((r) => r.id) });
  await platform.events.publishMinutes(manager, {
    id: past.value.id,
    minutes: 'Om lag 40 kom. Flest ønsket mer grønt, benker med ryggstøtte og bedre lys om kvelden. Markedet skal fortsatt ha plass på lørdager.',
  });
  await platform.events.addIdea(manager, { id: past.value.id, title: 'Benker med ryggstøtte rundt fontenen', body: 'Sagt på folkemøtet: eldre trenger steder å hvile med ryggstøtte.' });
}
