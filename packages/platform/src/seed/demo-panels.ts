import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function must<T>(result: { ok: true; value: T } | { ok: false; code: string; fields?: readonly unknown[] }, what: string): T {
  if (!result.ok) throw new Error(`demo panel: ${what} failed (${result.code} ${JSON.stringify(result.fields ?? [])})`);
  return result.value;
}

/**
 * A finished citizens' panel for the demo: "Badeplasspanelet" of the closed bathing-spot process, run through every step with
 * the real services (register, two invitation rounds — a first stratified by area, age band and sex with a
 * reserve, part of it released, and a second aimed at the young people still missing, with a reserve — registrations, the selection job's computation, the announced
 * draw, confirmations, a replacement, materials, recommendations with an amendment and votes, the published
 * report and the decision-maker's answers with progress). Idempotent: skipped when the process has a panel.
 */
export async function seedDemoPanel(platform: Platform, ids: { manager: string; decisionMaker: string; members: readonly string[] }): Promise<void> {
  const today = platform.processes.today();
  // The panel belongs to the closed demo process about the new bathing spot (the demo's process count stays).
  const bathing = await platform.processes.getProcess(null, 'ny-badeplass');
  if (!bathing.ok || (await platform.panels.panelOfProcess(bathing.value.id))) return;
  const created = { id: bathing.value.id };
  const manager: Actor = { id: ids.manager, roles: ['process_manager'] };
  const decider: Actor = { id: ids.decisionMaker, roles: ['decision_maker'] };
  const panelId = must(await platform.panels.createPanel(manager, created.id, { title: 'Badeplasspanelet', locale: 'nb' }), 'create').id;
  must(
    await platform.panels.updateSetup(manager, panelId, {
      title: 'Badeplasspanelet',
      size: '12',
      householdRule: 'on',
      approvalPercent: '80',
      endsOn: addDays(today, -200),
      deletePoolOn: addDays(today, 30),
      consentText: 'Demo kommune lagrer svarene og kontaktopplysningene dine bare for å trekke panelet og kontakte deg om det. Bare panelets administratorer kan se dem, og de slettes 100 dager etter at panelet er ferdig.',
    }),
    'setup',
  );
  must(await platform.panels.importCensus(manager, panelId, 'category,value,population\nKjønn,Kvinne,10150\nKjønn,Mann,9850\nAlder,16–39,7600\nAlder,40–66,8200\nAlder,67+,4200\nBydel,Sentrum,9000\nBydel,Utkant,11000'), 'census');
  const hall = { mode: 'in_person', place: 'Rådhuset, bystyresalen', streamUrl: '' };
  for (const [days, title, programme] of [
    [-260, 'Første samling: stedet og mulighetene', 'Velkommen, bli kjent, befaring i Sandvika. Innlegg fra landskapsarkitekten.'],
    [-240, 'Andre samling: høring', 'Innspill fra Handikapforbundet, livredningsklubben, grunneierne og ungdomsrådet.'],
    [-220, 'Tredje samling: anbefalinger', 'Skrive, endre og stemme over anbefalingene.'],
  ] as const) {
    const day = addDays(today, days);
    must(await platform.panels.addSession(manager, panelId, { title, startsAt: `${day}T10:00`, endsAt: `${day}T16:00`, programme, ...hall }), 'session');
  }
  // The register has area, sex and age band, so the rounds are stratified by all three. Two people a household
  // (the household rule invites one, by its first row); the strata are spread evenly over the households.
  const ages = ['16–39', '40–66', '67+'];
  const register = ['id,name,address,postcode,city,area,age_band,sex'];
  for (let i = 1; i <= 240; i++) {
    const h = Math.ceil(i / 2);
    register.push(`D${i},Innbygger ${i},Demogata ${h},${8000 + (h % 9)},Demoby,${h % 5 < 2 ? 'Sentrum' : 'Utkant'},${ages[h % 3]},${h % 2 === 0 ? 'Kvinne' : 'Mann'}`);
  }
  must(await platform.panels.importRegister(manager, panelId, register.join('\n')), 'register');
  const contact = { replyBy: '', contactName: 'Ingrid Berg, prosjektleder', contactPhone: '+47 22 00 00 00', contactEmail: 'badeplass@demo.tingsted.no' };
  // Round 1: letters and a reserve per stratum (area × age band × sex) in proportion to the register.
  const first = must(await platform.panels.roundPlan(manager, panelId, { letters: 48, reserve: 12 }), 'first round plan');
  const firstStrata = first.strata.filter((s) => s.proposedCount + s.proposedReserve > 0).map((s) => ({ area: s.area, ageBand: s.ageBand, sex: s.sex, count: s.proposedCount, reserve: s.proposedReserve }));
  must(await platform.panels.drawInvitationRound(manager, panelId, { strata: firstStrata, seed: 'Bystyremøtet 12. mars', ...contact }), 'first round');
  must(await platform.panels.releaseRoundReserve(manager, panelId, { round: 1, count: 4 }), 'release reserve');
  // Who answers: what the register says of them. Of the young people (16–39) only one answers the first letters,
  // so the second round is aimed at them; three in four of the others answer.
  const answered = async (round: number, take: (row: { ageBand: string }, index: number) => boolean) => {
    const letters = await platform.db
      .selectFrom('panel_invitations as i')
      .innerJoin('panel_register as r', 'r.id', 'i.register_id')
      .select(['i.code', 'r.area', 'r.age_band', 'r.sex'])
      .where('i.panel_id', '=', panelId)
      .where('i.round', '=', round)
      .where((eb) => eb.or([eb('i.reserve', '=', false), eb('i.released_at', 'is not', null)]))
      .orderBy('i.position')
      .execute();
    return letters.filter((l, i) => take({ ageBand: l.age_band }, i));
  };
  let registered = 0;
  const register_ = async (people: readonly { code: string; area: string; age_band: string; sex: string }[]) => {
    for (const person of people) {
      registered++;
      must(
        await platform.panels.registerRespondent(panelId, {
          code: person.code,
          consent: 'on',
          answers: { Kjønn: person.sex, Alder: person.age_band, Bydel: person.area },
          name: `Deltaker ${registered}`,
          email: `deltaker${registered}@example.org`,
          phone: '',
        }),
        'registration',
      );
    }
  };
  let young = 0;
  await register_(await answered(1, (row, i) => (row.ageBand === '16–39' ? young++ === 0 : i % 4 !== 3)));
  // Round 2: aimed at the groups still short of their quota (the proposal divides what is missing by each
  // stratum's response so far), with a reserve of a quarter.
  const second = must(await platform.panels.roundPlan(manager, panelId), 'second round plan');
  const secondStrata = second.strata.filter((s) => s.proposedCount > 0).map((s) => ({ area: s.area, ageBand: s.ageBand, sex: s.sex, count: s.proposedCount, reserve: Math.min(Math.ceil(s.proposedCount / 4), Math.max(0, s.candidates - s.proposedCount)) }));
  if (secondStrata.length > 0) {
    must(await platform.panels.drawInvitationRound(manager, panelId, { strata: secondStrata, seed: 'Bystyremøtet 9. april', ...contact }), 'second round');
    await register_(await answered(2, () => true));
  }
  must(await platform.panels.startSelection(manager, panelId), 'start selection');
  if (platform.jobs.workersRunning()) {
    // This process runs the jobs (a test server with workers): the queued selection job is the one run; wait for
    // it, as staff wait for the page, instead of running the same selection alongside it.
    for (let waited = 0; ; waited += 200) {
      const panel = await platform.db.selectFrom('panels').select('selection').where('id', '=', panelId).executeTakeFirst();
      const state = panel?.selection?.state;
      if (state === 'ready') break;
      if (state !== 'queued' && state !== 'running') throw new Error(`demo panel: the selection did not succeed (${JSON.stringify(panel?.selection)})`);
      if (waited > 300_000) throw new Error('demo panel: the selection job did not finish within five minutes');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } else {
    // No workers here: run the selection now; the queued job finds the panel drawn when a server runs it.
    const selection = await platform.panels.runSelection(panelId);
    if (!selection?.ok) throw new Error(`demo panel: the selection did not succeed (${JSON.stringify(selection)})`);
  }
  // The draw is announced with a seed from a lottery two days ahead; the demo then moves the announcement and the
  // seed's time nine days back, as if that lottery had been drawn a week ago, and enters its numbers.
  const daysMs = 24 * 60 * 60 * 1000;
  const wallClock = (instant: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant).replace(' ', 'T');
  const seedTime = new Date(Date.now() + 2 * daysMs);
  const seedDay = wallClock(new Date(seedTime.getTime() - 9 * daysMs)).slice(0, 10);
  must(await platform.panels.announceDraw(manager, panelId, { seedSource: `Lotto (Norsk Tipping), vinnertallene fra trekningen ${seedDay}`, seedNotBefore: wallClock(seedTime), diceRoll: '' }), 'announcement');
  const announced = await platform.db.selectFrom('panels').select(['hash_published_at', 'seed_not_before']).where('id', '=', panelId).executeTakeFirstOrThrow();
  const back = (d: Date | null) => new Date((d?.getTime() ?? Date.now()) - 9 * daysMs);
  await platform.db.updateTable('panels').set({ hash_published_at: back(announced.hash_published_at), seed_not_before: back(announced.seed_not_before) }).where('id', '=', panelId).execute();
  const drawn = must(await platform.panels.drawPanel(manager, panelId, '3 11 19 27 34 42 7'), 'draw');
  // The first seats go to demo residents' accounts (so they can open the workspace); the rest are confirmed by staff.
  const respondents = await platform.db.selectFrom('panel_respondents').select(['id', 'number']).where('panel_id', '=', panelId).where('status', '=', 'selected').orderBy('number').execute();
  for (const [i, r] of respondents.entries()) {
    if (i < ids.members.length) {
      await platform.db.updateTable('panel_respondents').set({ status: 'confirmed', user_id: ids.members[i] ?? null, confirmed_at: new Date(), public_name: i === 0 ? 'Kari Nordmann' : null }).where('id', '=', r.id).execute();
    } else must(await platform.panels.confirmByStaff(manager, panelId, String(r.number)), 'confirm');
  }
  const last = drawn.numbers.at(-1);
  if (last !== undefined) must(await platform.panels.replaceMember(manager, panelId, { number: String(last), reason: 'Flyttet fra kommunen' }), 'replacement');
  must(await platform.panels.addItem(manager, panelId, { kind: 'presentation', title: 'Slik kan Sandvika bli', body: 'Tre skisser: naturstrand, brygge med rampe, eller begge deler i to trinn.', link: '', source: 'Landskapsarkitekt Ingrid Berg', smallGroup: '', sessionId: '' }), 'presentation');
  must(await platform.panels.addItem(manager, panelId, { kind: 'submission', title: 'Innspill fra Handikapforbundet', body: 'En badeplass for alle trenger rampe helt ut i vannet, fast dekke fra parkeringen og et stort toalett.', link: '', source: 'Demo Handikapforbund', smallGroup: '', sessionId: '' }), 'submission');
  const members = ids.members.map((id): Actor => ({ id, roles: ['resident'] }));
  const author = members[0] ?? manager;
  must(await platform.panels.addItem(author, panelId, { kind: 'note', title: 'Adkomst', body: 'Gruppen vil ha sommerbuss til Sandvika i helgene, så færre trenger bil.', link: '', source: '', smallGroup: 'Gruppe 1', sessionId: '' }), 'note');
  const recommendations = [
    { title: 'Rampe helt ut i vannet', body: 'Badeplassen bør ha en rampe for rullestol helt ut i vannet og fast dekke fra parkeringen.', yes: 11, no: 1 },
    { title: 'Sommerbuss til Sandvika', body: 'Kommunen bør sette opp buss til badeplassen i helgene fra juni til august.', yes: 10, no: 2 },
    { title: 'Stupetårn på brygga', body: 'Brygga bør få et stupetårn på fem meter.', yes: 7, no: 5 },
  ];
  const recIds: string[] = [];
  for (const rec of recommendations) recIds.push(must(await platform.panels.draftRecommendation(author, panelId, { title: rec.title, body: rec.body }), 'recommendation').id);
  const amendment = must(await platform.panels.proposeAmendment(members[1] ?? manager, recIds[0] ?? '', { body: 'Badeplassen bør ha en rampe for rullestol helt ut i vannet, fast dekke fra parkeringen og et stort toalett.', rationale: 'Uten toalett blir ikke stedet tilgjengelig likevel.' }), 'amendment');
  must(await platform.panels.decideAmendment(manager, amendment.id, 'accepted'), 'amendment decision');
  // The demo residents vote through the service; the other members' votes are recorded as the staff counted them in the room.
  const seated = await platform.db.selectFrom('panel_respondents').select('id').where('panel_id', '=', panelId).where('status', 'in', ['selected', 'confirmed']).orderBy('number').execute();
  for (const [r, rec] of recommendations.entries()) {
    const recId = recIds[r] ?? '';
    must(await platform.panels.openVoting(manager, recId), 'open voting');
    const choices = seated.map((_, i) => (i < rec.yes ? 'yes' : 'no'));
    for (const [i, seat] of seated.entries()) {
      const member = i < members.length ? members[i] : undefined;
      if (member) must(await platform.panels.castVote(member, recId, choices[i]), 'vote');
      else await platform.db.insertInto('panel_votes').values({ recommendation_id: recId, respondent_id: seat.id, choice: choices[i] === 'yes' ? 'yes' : 'no' }).execute();
    }
    must(await platform.panels.closeVoting(manager, recId), 'close voting');
  }
  must(await platform.panels.publishReport(manager, panelId), 'report');
  must(await platform.panels.answerRecommendation(decider, recIds[0] ?? '', { decision: 'accepted', reasons: 'Rampe, fast dekke og stort toalett er med i vedtaket om badeplassen.', decidedOn: addDays(today, -150), progressPercent: '30', progressNote: 'Rampen er tegnet og sendt ut på anbud.' }), 'answer');
  must(await platform.panels.answerRecommendation(decider, recIds[1] ?? '', { decision: 'partly_accepted', reasons: 'Fylkeskommunen kjører sommerbuss i juli, ikke i juni og august. Kommunen spør om en utvidelse neste år.', decidedOn: addDays(today, -150), progressPercent: '50', progressNote: 'Sommerbussen kjørte i juli.' }), 'answer');
}
