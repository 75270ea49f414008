import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

function must<T>(result: { ok: true; value: T } | { ok: false; code: string; fields?: readonly unknown[] }, what: string): T {
  if (!result.ok) throw new Error(`demo proposals: ${what} failed (${result.code} ${JSON.stringify(result.fields ?? [])})`);
  return result.value;
}

/**
 * The demo's always-open proposals phase: one proposal past its threshold, answered with a milestone, and one
 * still collecting signatures. Seeding again leaves a phase that has proposals as it is.
 */
export async function seedDemoProposals(platform: Platform, phaseId: string, people: { manager: string; decisionMaker: string; kari: string; ola: string; sara: string }): Promise<void> {
  const resident = (id: string): Actor => ({ id, roles: ['resident'] });
  const staff: Actor = { id: people.manager, roles: ['process_manager'] };
  must(await platform.proposals.setProposalSettings(staff, { phaseId, threshold: 2, signingDays: 90, answerDays: 30, minAge: 15, areas: [] }), 'settings');
  if (must(await platform.proposals.proposalsOf(resident(people.kari), { phaseId }), 'list').proposals.length > 0) return;

  const dogs = must(
    await platform.proposals.draftProposal(resident(people.ola), {
      phaseId,
      title: 'Hundepark i Nordbyen',
      body: 'Mange i Nordbyen har hund, men det finnes ikke et inngjerdet område der hundene kan løpe fritt. Den gamle grusbanen ved skolen står ubrukt.',
      decision: 'Kommunestyret ber kommunedirektøren gjøre den gamle grusbanen ved Nordbyen skole om til en inngjerdet hundepark.',
      area: 'Nordbyen',
    }),
    'draft',
  ).id;
  must(await platform.proposals.publishProposal(resident(people.ola), { id: dogs }), 'publish');
  must(await platform.proposals.signProposal(resident(people.kari), { id: dogs, showName: true }), 'sign');
  must(await platform.proposals.signProposal(resident(people.sara), { id: dogs, showName: false }), 'sign');
  const decider: Actor = { id: people.decisionMaker, roles: ['decision_maker'] };
  must(await platform.proposals.answerProposal(decider, { id: dogs, status: 'accepted', body: 'Kommunestyret vedtok forslaget. Hundeparken bygges på grusbanen, med gjerde og benker.' }), 'answer');
  must(await platform.proposals.addProposalMilestone(staff, { id: dogs, title: 'Gjerdet er bestilt', date: platform.processes.today(), progress: 20 }), 'milestone');

  const water = must(
    await platform.proposals.draftProposal(resident(people.kari), {
      phaseId,
      title: 'Drikkevannspost på torget',
      body: 'Om sommeren er det varmt på torget, og det finnes ikke noe sted å fylle vannflasken. En drikkevannspost hjelper barn, eldre og turister.',
      decision: 'Kommunestyret vedtar å sette opp en drikkevannspost på torget før neste sommer.',
      area: 'Sentrum',
    }),
    'draft',
  ).id;
  must(await platform.proposals.publishProposal(resident(people.kari), { id: water }), 'publish');
  must(await platform.proposals.signProposal(resident(people.ola), { id: water, showName: true }), 'sign');
}
