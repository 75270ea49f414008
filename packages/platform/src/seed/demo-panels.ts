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
 * the real services (register, invitations, registrations, the selection job's computation, the announced
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
  const register = ['id,name,address,postcode,city,area'];
  for (let i = 1; i <= 240; i++) register.push(`D${i},Innbygger ${i},Demogata ${Math.ceil(i / 2)},${8000 + (i % 9)},Demoby,${i % 5 < 2 ? 'Sentrum' : 'Utkant'}`);
  must(await platform.panels.importRegister(manager, panelId, register.join('\n')), 'register');
  must(await platform.panels.drawInvitations(manager, panelId, { count: '80', seed: 'Bystyremøtet 12. mars', stratify: 'on' }), 'invitations');
  const codes = (await platform.db.selectFrom('panel_invitations').select('code').where('panel_id', '=', panelId).orderBy('position').limit(36).execute()).map((r) => r.code);
  const ages = ['16–39', '40–66', '67+'];
  for (const [i, code] of codes.entries()) {
    must(
      await platform.panels.registerRespondent(panelId, {
        code,
        consent: 'on',
        answers: { Kjønn: i % 2 === 0 ? 'Kvinne' : 'Mann', Alder: ages[i % 3] ?? '16–39', Bydel: i % 5 < 2 ? 'Sentrum' : 'Utkant' },
        name: `Deltaker ${i + 1}`,
        email: `deltaker${i + 1}@example.org`,
        phone: '',
      }),
      'registration',
    );
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
