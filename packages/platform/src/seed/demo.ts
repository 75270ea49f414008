import { seedDemoCensus } from './demo-census.ts';
import type { Platform } from '../platform.ts';
import { seedDemoModeration } from './demo-moderation.ts';
import type { LocalizedText } from '../shared/localized.ts';
import type { CharterField, PhaseMethod } from '../processes/processes.tables.ts';
import { seedConversations } from './demo-conversations.ts';
import { seedDemoPanel } from './demo-panels.ts';
import { seedDemoBudgeting } from './budgeting.ts';
import { seedDemoMap } from './demo-map.ts';
import { seedDemoProposals } from './proposals.ts';
import { seedDemoEvents } from './demo-events.ts';

/** The password every demo account shares; printed by `tingsted seed` and in the README. */
export const demoPassword = 'demo-passord-2026';

/** The demo accounts: staff in every role, a decision-maker and a few residents. */
export const demoUsers = [
  { email: 'admin@demo.tingsted.no', displayName: 'Ada Administrator', roles: ['administrator'] },
  { email: 'prosess@demo.tingsted.no', displayName: 'Per Prosessansvarlig', roles: ['process_manager'] },
  { email: 'moderator@demo.tingsted.no', displayName: 'Mona Moderator', roles: ['moderator'] },
  { email: 'ordforer@demo.tingsted.no', displayName: 'Olav Ordfører', roles: ['decision_maker'] },
  { email: 'kari@demo.tingsted.no', displayName: 'Kari Nordmann', roles: ['resident'], area: 'Sentrum', birthYear: 1958 },
  { email: 'ola@demo.tingsted.no', displayName: 'Ola Nordmann', roles: ['resident'], area: 'Nordbyen', birthYear: 1991 },
  { email: 'sara@demo.tingsted.no', displayName: 'Sara Haugen', roles: ['resident'], area: 'Elvebakken', birthYear: 2004 },
] as const;

/** Demo kommune's areas (districts), which residents choose from and reports count by. */
export const demoAreas = ['Sentrum', 'Nordbyen', 'Elvebakken', 'Sjøsiden', 'Åsen'];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function charter(nb: Partial<Record<CharterField, string>>, en: Partial<Record<CharterField, string>>): Partial<Record<CharterField, LocalizedText>> {
  const out: Partial<Record<CharterField, LocalizedText>> = {};
  for (const key of Object.keys(nb) as CharterField[]) out[key] = { nb: nb[key] ?? '', ...(en[key] ? { en: en[key] } : {}) };
  return out;
}

/**
 * Seeds "Demo kommune": settings, staff, residents and processes in draft, open and closed states, with
 * charters, timelines relative to today, and ideas in every status with answers and progress.
 * Idempotent: a process that exists is left as it is.
 */
export async function seedDemo(
  platform: Platform,
  options: { /** Import the Pol.is conversation from the shared data folder (default yes; most tests skip it). */ sharedData?: boolean } = {},
): Promise<{ users: number; processes: number }> {
  await platform.municipality.ensure({ name: 'Demo kommune', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nb', areas: demoAreas });
  const ids: Record<string, string> = {};
  for (const user of demoUsers) {
    ids[user.email] = await platform.accounts.ensureUser({ email: user.email, displayName: user.displayName, password: demoPassword, roles: user.roles });
    if ('area' in user) {
      await platform.accounts.updateResidentProfile({ id: ids[user.email] ?? '', roles: user.roles }, { area: user.area, birthYear: user.birthYear });
    }
  }
  const id = (email: string) => ids[email] ?? '';
  const manager = id('prosess@demo.tingsted.no');
  const today = platform.processes.today();
  const phase = (method: PhaseMethod, nb: string, en: string, from: number, to: number, settings = {}) => ({
    method,
    title: { nb, en },
    startsOn: addDays(today, from),
    endsOn: addDays(today, to),
    settings,
  });

  const centre = await platform.processes.ensureProcess({
    slug: 'ny-sentrumsplan',
    status: 'published',
    title: { nb: 'Ny sentrumsplan', nn: 'Ny sentrumsplan', en: 'A new plan for the town centre' },
    summary: {
      nb: 'Hvordan skal sentrum se ut i 2040? Kommunen vil høre hva du mener før planen legges fram for kommunestyret.',
      nn: 'Korleis skal sentrum sjå ut i 2040? Kommunen vil høyre kva du meiner før planen vert lagd fram for kommunestyret.',
      en: 'What should the town centre look like in 2040? The municipality wants to hear from you before the plan goes to the council.',
    },
    startsOn: null,
    endsOn: null,
    createdBy: manager,
    respondBy: addDays(today, 120),
    charter: charter(
      {
        question: 'Hva er viktigst for deg i et levende sentrum?',
        why_involved: 'Sentrum brukes av alle som bor og jobber her. Dere kjenner det best.',
        scope_can_change: 'Møteplasser, grøntområder, gang- og sykkelveier, lys og benker.',
        scope_cannot_change: 'Riksveien gjennom sentrum og vedtatte byggeprosjekter.',
        decision_maker: 'Kommunestyret vedtar planen.',
        response_commitment: 'Plan- og bygningsetaten svarer på hvert innspill før planen behandles, og kommunestyret begrunner vedtaket.',
        target_groups: 'Alle innbyggere, særlig unge, eldre og næringsdrivende i sentrum.',
        outreach: 'Plakater, skolebesøk og åpent møte på biblioteket.',
        method_rationale: 'Idéer gir bredde; undersøkelsen viser hvor mange som står bak dem.',
        funding: 'Planarbeidet er finansiert i budsjettet for 2026.',
      },
      {
        question: 'What matters most to you in a lively town centre?',
        why_involved: 'Everyone who lives and works here uses the centre. You know it best.',
        scope_can_change: 'Meeting places, green spaces, walking and cycling routes, lighting and benches.',
        scope_cannot_change: 'The national road through the centre and building projects already approved.',
        decision_maker: 'The municipal council adopts the plan.',
        response_commitment: 'The planning office answers every input before the plan is debated, and the council gives reasons for its decision.',
        target_groups: 'All residents, especially young and old people and businesses in the centre.',
        method_rationale: 'Ideas give breadth; the survey shows how many stand behind them.',
      },
    ),
    phases: [
      {
        ...phase('information', 'Informasjon om planen', 'About the plan', -40, -21),
        description: {
          nb: '## Hva er en sentrumsplan?\nEn sentrumsplan bestemmer hvordan gater, plasser og bygninger i sentrum skal brukes de neste tjue årene.\n\n## Slik kan du delta\n- Les om planen her\n- Del idéer og støtt andres\n- Svar på undersøkelsen\n\nLes mer i [planprogrammet](https://example.no/planprogram.pdf).',
          en: '## What is a town-centre plan?\nIt decides how streets, squares and buildings in the centre are used for the next twenty years.\n\n## How to take part\n- Read about the plan here\n- Share ideas and support others\n- Answer the survey',
        },
      },
      phase('ideas', 'Idéer til sentrum', 'Ideas for the centre', -20, 30),
      phase('survey', 'Spørreundersøkelse', 'Survey', 31, 60, { publicResults: true }),
    ],
  });
  if (centre.created) {
    const ideasPhase = centre.phaseIds[1] ?? '';
    const a = await platform.ideas.importIdea({ phaseId: ideasPhase, authorId: id('kari@demo.tingsted.no'), title: 'Flere benker langs elva', body: 'Det er for få steder å sette seg ned langs elvepromenaden, særlig for eldre.', supporterIds: [id('ola@demo.tingsted.no'), id('sara@demo.tingsted.no')] });
    const b = await platform.ideas.importIdea({ phaseId: ideasPhase, authorId: id('ola@demo.tingsted.no'), title: 'Bilfritt torg på lørdager', body: 'Steng torget for biler på lørdager og la markedet ta plass.', supporterIds: [id('kari@demo.tingsted.no')] });
    const c = await platform.ideas.importIdea({ phaseId: ideasPhase, authorId: id('sara@demo.tingsted.no'), title: 'Lys i smuget ved kinoen', body: 'Smuget mellom kinoen og busstasjonen er mørkt og utrygt om kvelden.' });
    const comment = await platform.ideas.postComment({ id: id('sara@demo.tingsted.no'), roles: ['resident'] }, { ideaId: a, body: 'Enig! Gjerne med ryggstøtte.' });
    if (comment.ok) await seedDemoModeration(platform, { ideaId: c, commentId: comment.value.id, reporters: [id('ola@demo.tingsted.no'), id('kari@demo.tingsted.no')] });
    await platform.feedback.answerIdea({ id: id('ordforer@demo.tingsted.no'), roles: ['decision_maker'] }, b, { status: 'under_consideration', body: 'Vi ser på dette sammen med torghandlerne.' });
    // An update to the process's participants and followers, scheduled for the morning the survey opens.
    await platform.updates.createUpdate({ id: manager, roles: ['process_manager'] }, {
      id: centre.id,
      language: 'nb',
      subject: { nb: 'Spørreundersøkelsen åpner i dag', en: 'The survey opens today' },
      body: { nb: 'Takk for alle idéene! Nå kan du svare på spørreundersøkelsen om sentrumsplanen. Det tar fem minutter.', en: 'Thank you for all the ideas! You can now answer the survey about the town-centre plan. It takes five minutes.' },
      audience: 'both',
      sendAt: `${addDays(today, 31)}T09:00`,
    });
  }

  await platform.processes.ensureProcess({
    slug: 'trygg-skolevei',
    status: 'published',
    title: { nb: 'Trygg skolevei', en: 'Safe routes to school' },
    summary: {
      nb: 'Meld inn steder der barn opplever skoleveien som utrygg, og stem på tiltakene som bør komme først.',
      en: 'Tell us where children feel unsafe on their way to school, and vote on which measures should come first.',
    },
    startsOn: null,
    endsOn: null,
    createdBy: manager,
    respondBy: addDays(today, 90),
    charter: charter(
      {
        question: 'Hvor er skoleveien utrygg, og hva bør gjøres først?',
        why_involved: 'Barn og foreldre vet hvor skoleveien er farlig.',
        scope_can_change: 'Fotgjengerfelt, fartsdumper, belysning og skilting.',
        scope_cannot_change: 'Fylkesveiene, som fylket har ansvar for.',
        decision_maker: 'Utvalg for teknikk og miljø.',
        response_commitment: 'Utvalget svarer på alle innspill innen fristen under.',
        target_groups: 'Elever, foreldre og ansatte ved skolene.',
        method_rationale: 'Idéer med støtte viser hvilke steder som haster mest.',
      },
      {},
    ),
    phases: [phase('ideas', 'Meld inn steder', 'Report places', -10, 45, { preScreening: true })],
  });

  // The participatory budget: ideas first, then the vote (open while the seed casts the demo's ballots; the
  // budgeting seed closes it and publishes the results).
  await platform.processes.ensureProcess({
    slug: 'budsjett-for-nabolaget',
    status: 'published',
    title: { nb: 'Budsjett for nabolaget', en: 'A budget for the neighbourhood' },
    summary: { nb: 'Innbyggerne foreslo og stemte over prosjekter for to millioner kroner.', en: 'Residents proposed and voted on projects worth two million kroner.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager,
    charter: charter(
      {
        question: 'Hva skal to millioner kroner brukes til i nabolaget ditt?',
        why_involved: 'Dere vet best hva som mangler der dere bor.',
        scope_can_change: 'Prosjekter som koster under budsjettet og kan gjennomføres innen ett år.',
        scope_cannot_change: 'Drift av skoler og sykehjem, og prosjekter kommunestyret alt har vedtatt.',
        decision_maker: 'Kommunestyret vedtar de vinnende prosjektene slik avstemningen viser.',
        response_commitment: 'Alle prosjekter blir vurdert, og vi forteller hvordan de vinnende går.',
        target_groups: 'Alle innbyggere fra 16 år i bydelene.',
        method_rationale: 'Metoden med like andeler gir hver gruppe sin del av budsjettet.',
      },
      {},
    ),
    phases: [phase('ideas', 'Idéer til prosjekter', 'Project ideas', -75, -46), phase('budgeting', 'Forslag og avstemning', 'Proposals and vote', -45, 10)],
  });

  const library = await platform.processes.ensureProcess({
    slug: 'bibliotekets-apningstider',
    status: 'published',
    title: { nb: 'Bibliotekets åpningstider', en: 'Library opening hours' },
    summary: { nb: 'Når passer det deg å bruke biblioteket? Svar på fem korte spørsmål.', en: 'When does the library suit you? Answer five short questions.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager,
    respondBy: addDays(today, 75),
    charter: charter(
      {
        question: 'Hvilke åpningstider passer best for innbyggerne?',
        why_involved: 'Biblioteket er for alle, og åpningstidene bør passe flest mulig.',
        scope_can_change: 'Fordelingen av åpningstimer over uka.',
        scope_cannot_change: 'Det totale antallet timer, som er fastsatt i budsjettet.',
        decision_maker: 'Kultursjefen.',
        response_commitment: 'Resultatene publiseres her, og nye åpningstider kunngjøres før sommeren.',
        target_groups: 'Alle, også de som ikke bruker biblioteket i dag.',
        method_rationale: 'En kort undersøkelse når mange på kort tid.',
      },
      {},
    ),
    phases: [phase('survey', 'Spørreundersøkelse', 'Survey', -5, 40, { publicResults: true })],
  });
  if (library.created) {
    const surveyPhase = library.phaseIds[0] ?? '';
    const staff = { id: manager, roles: ['process_manager' as const] };
    const add = async (input: Parameters<typeof platform.surveys.addQuestion>[2]) => {
      const result = await platform.surveys.addQuestion(staff, surveyPhase, input);
      return result.ok ? result.value.id : '';
    };
    const how = await add({ kind: 'single_choice', prompt: 'Hvor ofte bruker du biblioteket?', locale: 'nb', required: true, choices: ['Hver uke', 'Hver måned', 'Sjeldnere', 'Aldri'] });
    const when = await add({ kind: 'multiple_choice', prompt: 'Når ønsker du at biblioteket er åpent?', locale: 'nb', choices: ['Tidlig morgen', 'Ettermiddag', 'Kveld', 'Lørdag', 'Søndag'] });
    await add({ kind: 'page_break', prompt: '', locale: 'nb' });
    const happy = await add({ kind: 'scale', prompt: 'Hvor fornøyd er du med åpningstidene i dag?', locale: 'nb', min: 1, max: 5, required: true });
    await add({ kind: 'long_text', prompt: 'Er det noe annet vi bør vite?', locale: 'nb' });
    const answers: [string, Record<string, unknown>][] = [
      ['kari@demo.tingsted.no', { [how]: 'c1', [when]: ['c3', 'c4'], [happy]: 2 }],
      ['ola@demo.tingsted.no', { [how]: 'c2', [when]: ['c3'], [happy]: 3 }],
      ['sara@demo.tingsted.no', { [how]: 'c1', [when]: ['c2', 'c5'], [happy]: 4 }],
    ];
    for (const [email, given] of answers) await platform.surveys.submitResponse({ id: id(email), roles: ['resident'] }, surveyPhase, given);
  }

  const bathing = await platform.processes.ensureProcess({
    slug: 'ny-badeplass',
    status: 'closed',
    title: { nb: 'Ny badeplass ved fjorden', en: 'A new bathing spot by the fjord' },
    summary: { nb: 'Innspillene er behandlet, og kommunestyret vedtok badeplassen i juni.', en: 'The input has been answered, and the council approved the bathing spot in June.' },
    startsOn: null,
    endsOn: null,
    createdBy: manager,
    respondBy: addDays(today, -150),
    charter: charter(
      {
        question: 'Hvordan skal den nye badeplassen bli?',
        why_involved: 'Badeplassen skal brukes av alle, hele sommeren.',
        scope_can_change: 'Brygger, toaletter, stupebrett og beplantning.',
        scope_cannot_change: 'Plasseringen ved Sandvika.',
        decision_maker: 'Kommunestyret.',
        response_commitment: 'Alle innspill ble besvart før vedtaket i juni.',
        target_groups: 'Familier, ungdom og folk med nedsatt funksjonsevne.',
        method_rationale: 'Idéer og støtte viste hva folk ønsket seg mest.',
      },
      {},
    ),
    phases: [phase('ideas', 'Idéer til badeplassen', 'Ideas for the bathing spot', -300, -200)],
  });
  if (bathing.created) {
    const ideasPhase = bathing.phaseIds[0] ?? '';
    const decider = { id: id('ordforer@demo.tingsted.no'), roles: ['decision_maker' as const] };
    const staff = { id: manager, roles: ['process_manager' as const] };
    const idea = (author: string, title: string, body: string, supporters: string[]) =>
      platform.ideas.importIdea({ phaseId: ideasPhase, authorId: id(author), title, body, supporterIds: supporters.map(id) });
    const ramp = await idea('kari@demo.tingsted.no', 'Rampe for rullestol ut i vannet', 'Alle skal kunne bade, også de som sitter i rullestol.', ['ola@demo.tingsted.no', 'sara@demo.tingsted.no']);
    const toilet = await idea('ola@demo.tingsted.no', 'Toalett som er åpent hele sommeren', 'I dag stenger toalettene i august.', ['kari@demo.tingsted.no']);
    const jetty = await idea('sara@demo.tingsted.no', 'Flytebrygge med stupebrett', 'Ungdommen trenger et sted å stupe trygt.', ['kari@demo.tingsted.no', 'ola@demo.tingsted.no']);
    const kiosk = await idea('kari@demo.tingsted.no', 'Kiosk på stranda', 'En liten kiosk med is og kaffe.', []);
    await idea('ola@demo.tingsted.no', 'Parkering for bobiler', 'Bobilturister trenger et sted å stå.', []);
    await platform.feedback.answerIdea(decider, ramp, { status: 'accepted', body: 'Rampen er med i vedtaket og bygges før sommeren.' });
    await platform.feedback.addMilestone(staff, ramp, { title: 'Rampen er tegnet', date: addDays(today, -120), progress: 30 });
    await platform.feedback.answerIdea(decider, toilet, { status: 'implemented', body: 'Toalettene holder nå åpent fra 1. juni til 31. august.' });
    await platform.feedback.addMilestone(staff, toilet, { title: 'Nye åpningstider innført', date: addDays(today, -100), progress: 100 });
    await platform.feedback.answerIdea(decider, jetty, { status: 'under_consideration', body: 'Vi utreder sikkerheten ved stupebrett før vi bestemmer oss.' });
    await platform.feedback.answerIdea(decider, kiosk, { status: 'rejected', body: 'Kommunen kan ikke drive kiosk, men vi har lyst ut plassen for private drivere.' });
  }
  await seedConversations(platform, { manager, decisionMaker: id('ordforer@demo.tingsted.no'), residents: [id('kari@demo.tingsted.no'), id('ola@demo.tingsted.no'), id('sara@demo.tingsted.no')] }, { sharedData: options.sharedData !== false });
  await seedDemoPanel(platform, { manager, decisionMaker: id('ordforer@demo.tingsted.no'), members: ['kari@demo.tingsted.no', 'ola@demo.tingsted.no', 'sara@demo.tingsted.no'].map(id) });
  await seedDemoBudgeting(platform, 'budsjett-for-nabolaget', { manager, administrator: id('admin@demo.tingsted.no'), residents: [id('kari@demo.tingsted.no'), id('ola@demo.tingsted.no'), id('sara@demo.tingsted.no')] });
  await seedDemoMap(platform, { manager, residents: [id('kari@demo.tingsted.no'), id('ola@demo.tingsted.no'), id('sara@demo.tingsted.no')], startsOn: addDays(today, -10), endsOn: addDays(today, 40) });
  // Citizen proposals, always open: residents put proposals to the council when enough people sign.
  const proposals = await platform.processes.ensureProcess({
    slug: 'innbyggerforslag',
    status: 'published',
    title: { nb: 'Innbyggerforslag', nn: 'Innbyggjarforslag', sv: 'Medborgarförslag', da: 'Borgerforslag', en: 'Citizen proposals' },
    summary: {
      nb: 'Har du et forslag til kommunestyret? Skriv det her. Får det nok signaturer, skal kommunen svare.',
      en: 'Do you have a proposal for the council? Write it here. If enough people sign it, the municipality will answer.',
    },
    startsOn: null,
    endsOn: null,
    createdBy: manager,
    charter: charter(
      {
        question: 'Hva bør kommunestyret ta opp?',
        why_involved: 'Innbyggerne ser ofte hva som mangler før kommunen gjør det.',
        scope_can_change: 'Saker kommunen selv bestemmer over.',
        scope_cannot_change: 'Saker som er avgjort av staten, og enkeltsaker om navngitte personer.',
        decision_maker: 'Kommunestyret.',
        response_commitment: 'Et forslag med nok signaturer får status og et offisielt svar innen 30 dager.',
      },
      {},
    ),
    phases: [phase('proposals', 'Innbyggerforslag', 'Citizen proposals', -30, 3650)],
  });
  await seedDemoProposals(platform, proposals.phaseIds[0] ?? '', {
    manager,
    decisionMaker: id('ordforer@demo.tingsted.no'),
    kari: id('kari@demo.tingsted.no'),
    ola: id('ola@demo.tingsted.no'),
    sara: id('sara@demo.tingsted.no'),
  });
  await seedDemoEvents(platform, { manager, residents: [id('kari@demo.tingsted.no'), id('ola@demo.tingsted.no'), id('sara@demo.tingsted.no')] });
  await seedDemoCensus(platform, { administrator: id('admin@demo.tingsted.no'), year: Number(today.slice(0, 4)) });
  return { users: demoUsers.length, processes: 10 };
}
