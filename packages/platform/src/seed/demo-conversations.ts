import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { seedPanelRecommendations } from './demo-recommendations.ts';

/**
 * The shared data folder (Pol.is openData and others): `TINGSTED_SHARED_DATA`, or `<repo root>/../shared/data`
 * where the repository root is the nearest folder above this file holding `packages/platform`.
 */
export function sharedDataDir(): string {
  const fromEnv = process.env.TINGSTED_SHARED_DATA;
  if (fromEnv) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'packages', 'platform'))) return resolve(dir, '..', 'shared', 'data');
    dir = dirname(dir);
  }
  return resolve(process.cwd(), '..', 'shared', 'data');
}

/** Where the vTaiwan UberX conversation comes from, shown on its page. */
export const uberxAttribution = {
  name: 'vTaiwan: UberX (2015–2016), Pol.is openData by The Computational Democracy Project',
  url: 'https://github.com/compdemocracy/openData',
  licence: 'CC BY 4.0',
};

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Demo conversations and a stakeholder panel: an open conversation about buses with seed statements, and the
 * vTaiwan UberX case (stakeholders, facts, the Pol.is conversation imported from the shared data folder,
 * a meeting, recommendations and a decision). Idempotent; when the shared data is missing the import is
 * skipped with a note in the log and everything else is seeded.
 */
export async function seedConversations(
  platform: Platform,
  users: { manager: string; decisionMaker: string; residents: readonly string[] },
  options: { sharedData: boolean } = { sharedData: true },
): Promise<void> {
  const manager: Actor = { id: users.manager, roles: ['process_manager'] };
  const today = platform.processes.today();

  const buses = await platform.processes.ensureProcess({
    slug: 'bussene-i-sentrum',
    status: 'published',
    title: { nb: 'Bussene i sentrum', en: 'Buses in the town centre' },
    summary: {
      nb: 'Hvordan bør bussene gå gjennom sentrum? Stem på utsagn og se hvor folk er enige.',
      en: 'How should buses run through the centre? Vote on statements and see where people agree.',
    },
    startsOn: null,
    endsOn: null,
    createdBy: users.manager,
    respondBy: addDays(today, 90),
    charter: {
      question: { nb: 'Hvordan bør bussene gå gjennom sentrum?', en: 'How should buses run through the centre?' },
      decision_maker: { nb: 'Utvalg for teknikk og miljø.', en: 'The committee for technical services and environment.' },
      response_commitment: { nb: 'Utvalget svarer på anbefalingene innen fristen.', en: 'The committee answers the recommendations by the deadline.' },
    },
    phases: [{ method: 'conversation', title: { nb: 'Samtale om bussene', en: 'Conversation about buses' }, startsOn: addDays(today, -5), endsOn: addDays(today, 40) }],
  });
  if (buses.created) {
    const set = await platform.conversations.setUpConversation(manager, buses.phaseIds[0] ?? '', {
      question: 'Hvordan bør bussene gå gjennom sentrum?',
      description: 'Stem enig, uenig eller hopp over på ett utsagn om gangen. Skriv gjerne dine egne utsagn.',
      allowAnonymous: true,
      preModeration: true,
    });
    if (set.ok) {
      const seeds = [
        'Bussene bør gå hvert tiende minutt på dagtid',
        'Storgata bør stenges for privatbiler',
        'Billetten bør være gratis for barn og unge',
        'Det trengs flere leskur med benker',
        'Nattbuss i helgene er viktigere enn hyppigere dagavganger',
        'Bussene bør prioriteres i lyskryssene',
        'Parkering i sentrum bør bli dyrere',
        'Ekspressbuss til sykehuset er viktig',
      ];
      for (const body of seeds) await platform.conversations.addSeedStatement(manager, set.value.id, body);
      // A few residents have voted already, so the map has something to show.
      const pattern = [1, -1, 1, 1, 0, 1, -1, 1];
      for (const [i, userId] of users.residents.entries()) {
        for (let s = 0; s < seeds.length; s++) {
          const vote = ((pattern[s] ?? 0) * (i % 2 === 0 ? 1 : -1)) as -1 | 0 | 1;
          await platform.conversations.castVote({ actor: { id: userId, roles: ['resident'] } }, set.value.id, { statement: s, vote: s === 3 ? 1 : vote });
        }
      }
      await platform.conversations.recompute(set.value.id);
    }
  }

  const uber = await platform.processes.ensureProcess({
    slug: 'uberx-og-drosjereglene',
    status: 'published',
    title: { nb: 'UberX og drosjereglene (vTaiwan)', en: 'UberX and the taxi rules (vTaiwan)' },
    summary: {
      nb: 'Et eksempel fra vTaiwan: skal UberX følge de samme reglene som drosjer? Interessenter, fakta, samtale, møte, anbefalinger og svar.',
      en: 'An example from vTaiwan: should UberX follow the same rules as taxis? Stakeholders, facts, conversation, meeting, recommendations and response.',
    },
    startsOn: null,
    endsOn: null,
    createdBy: users.manager,
    respondBy: addDays(today, 30),
    charter: {
      question: { nb: 'Skal UberX følge de samme reglene som drosjer?', en: 'Should UberX follow the same rules as taxis?' },
      decision_maker: { nb: 'Samferdselsdepartementet (i eksempelet).', en: 'The Ministry of Transportation (in the example).' },
      response_commitment: { nb: 'Departementet svarer på hver anbefaling med begrunnelse.', en: 'The ministry answers each recommendation with reasons.' },
    },
    phases: [
      { method: 'stakeholders', title: { nb: 'Interessentpanel', en: 'Stakeholder panel' }, startsOn: addDays(today, -60), endsOn: addDays(today, -31) },
      { method: 'conversation', title: { nb: 'Samtale på Pol.is', en: 'Conversation on Pol.is' }, startsOn: addDays(today, -30), endsOn: addDays(today, -1) },
    ],
  });
  if (!uber.created) return;
  const panelPhase = uber.phaseIds[0] ?? '';
  const conversationPhase = uber.phaseIds[1] ?? '';
  const panel = await platform.stakeholders.setUpPanel(manager, panelPhase, { inviteLimit: 2 });
  const conversation = await platform.conversations.setUpConversation(manager, conversationPhase, {
    question: 'Skal UberX følge de samme reglene som drosjer?',
    description: 'Samtalen ble ført på Pol.is i vTaiwan i 2015. Utsagnene er på kinesisk (tradisjonell).',
  });
  if (!panel.ok || !conversation.ok) return;

  const folder = join(sharedDataDir(), 'polis', 'openData', 'vtaiwan.uberx');
  if (options.sharedData && existsSync(join(folder, 'comments.csv')) && existsSync(join(folder, 'votes.csv'))) {
    const read = (name: string) => (existsSync(join(folder, name)) ? readFileSync(join(folder, name), 'utf8') : undefined);
    const imported = await platform.conversations.importPolis(
      manager,
      conversation.value.id,
      { comments: read('comments.csv'), votes: read('votes.csv'), participantsVotes: read('participants-votes.csv'), summary: read('summary.csv') },
      uberxAttribution,
    );
    if (imported.ok) {
      await platform.conversations.recompute(conversation.value.id);
      platform.config.logger.info({ ...imported.value }, 'demo: vTaiwan UberX conversation imported');
    } else {
      platform.config.logger.warn({ code: imported.code, fields: imported.fields }, 'demo: vTaiwan UberX import failed');
    }
  } else {
    platform.config.logger.info({ folder }, 'demo: shared Pol.is data not found; the UberX conversation is seeded without its votes');
  }

  // Stakeholders joined through invitations (the seed plays both sides of each invitation).
  const panelId = panel.value.id;
  const joined: string[] = [];
  const people = [
    { role: 'Sjåfører', name: 'Taxisjåførenes forening', speaksFor: 'Drosjesjåfører med løyve', introduction: 'Vi representerer sjåfører som kjører med løyve og vil ha like konkurransevilkår.' },
    { role: 'Selskaper', name: 'Uber Taiwan', speaksFor: 'Plattformselskapet', introduction: 'Vi driver plattformen som kobler passasjerer og sjåfører.' },
    { role: 'Passasjerer', name: 'Passasjerforbundet', speaksFor: 'Reisende i byene', introduction: 'Vi taler for passasjerenes sikkerhet, pris og tilgjengelighet.' },
  ];
  for (const [i, person] of people.entries()) {
    const userId = users.residents[i];
    if (!userId) continue;
    await platform.stakeholders.importStakeholder({ panelId, userId, ...person });
    joined.push(userId);
  }
  for (const [title, days, description] of [
    ['Invitasjoner sendt', -60, 'Fasilitatorene inviterte sjåfører, selskaper og passasjerer.'],
    ['Fakta samlet inn', -45, 'Interessentene delte fakta med kilder.'],
    ['Samtale på Pol.is', -30, 'Alle kunne stemme på utsagn.'],
    ['Direktesendt møte', -5, 'Konsensus og uenighet ble drøftet.'],
  ] as const) {
    await platform.stakeholders.addStep(manager, panelId, { title, happensOn: addDays(today, days), description });
  }
  const first = joined[0];
  if (first) {
    const fact = await platform.stakeholders.submitFact({ id: first, roles: ['resident'] }, panelId, {
      title: 'Drosjer må ha løyve og forsikring for passasjerer',
      body: 'Etter gjeldende regler må den som kjører mot betaling ha løyve, og bilen må være forsikret for persontransport.',
      sources: [{ kind: 'link', title: 'vTaiwan: UberX-saken', url: 'https://info.vtaiwan.tw/' }],
    });
    if (fact.ok) await platform.stakeholders.reviewFact(manager, fact.value.id, { decision: 'approve' });
    const second = joined[1];
    if (second && fact.ok) {
      const dispute = await platform.stakeholders.submitFact({ id: second, roles: ['resident'] }, panelId, {
        title: 'Sjåførene på plattformen er forsikret gjennom selskapet',
        body: 'Selskapet oppgir at turer formidlet gjennom plattformen er dekket av en kollektiv forsikring.',
        sources: [{ kind: 'document', title: 'Selskapets forsikringsvilkår (2015)', url: null }],
        disputes: String(fact.value.number),
      });
      if (dispute.ok) await platform.stakeholders.reviewFact(manager, dispute.value.id, { decision: 'approve' });
    }
  }
  const meeting = await platform.stakeholders.scheduleMeeting(manager, panelId, {
    title: 'Direktesendt konsultasjonsmøte',
    startsAt: `${addDays(today, -5)}T14:00`,
    streamUrl: 'https://www.youtube.com/@vTaiwan',
    agenda: 'Velkommen\nDet alle er enige om\nDer vi er uenige\nUtkast til anbefalinger',
  });
  if (meeting.ok) {
    await platform.stakeholders.recordMinutes(manager, meeting.value.id, 'Deltakerne var enige om at sikkerhet og forsikring må gjelde alle som kjører mot betaling. Uenigheten gjaldt løyvekravet.');
    await seedPanelRecommendations(platform, {
      panelId,
      manager,
      decisionMaker: { id: users.decisionMaker, roles: ['decision_maker'] },
      members: joined,
      meetingId: meeting.value.id,
      nextMeetingDay: addDays(today, 7),
    });
  }
}
