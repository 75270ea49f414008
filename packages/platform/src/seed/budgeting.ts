// The demo's participatory budget: "Budsjett for nabolaget" with two district budgets and a citywide one, projects
// made directly and from residents' ideas, their reviews (one not eligible), the demo residents' online ballots and
// a few hundred paper ballots in batches entered by one staff member and confirmed by another, then the vote closed,
// the results published and a winning project moved along; then next year's vote in the same process, open now with
// its own budgets and projects, so a visitor can try the ballot. Everything goes through the modules' use cases.
import { createRandom, randomFloat, randomInt, type RandomSource } from '@tingsted/random';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { Platform } from '../platform.ts';

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function must<T>(result: { ok: true; value: T } | { ok: false; code: string; fields?: readonly unknown[] }, what: string): T {
  if (!result.ok) throw new Error(`demo budgeting: ${what} failed (${result.code} ${JSON.stringify(result.fields ?? [])})`);
  return result.value;
}

/** A project of the demo: its budget, cost, what each group of voters thinks of it, and the idea it may come from. */
interface DemoProject {
  budget: 'city' | 'Sentrum' | 'Nordbyen';
  title: string;
  description: string;
  cost: number;
  category: string;
  /** Index into the demo's ideas: the project is made from that idea (title and description from it). */
  idea?: number;
  /** Not eligible, with this public reason. */
  ineligible?: string;
  /** Appeal to each voter group (youth, families, older), 0 = none. */
  appeal: [number, number, number];
}

const ideas = [
  { author: 0, title: 'Lys i lysløypa hele vinteren', body: 'Lysløypa er mørk etter klokka ni. Lys til elleve hele vinteren gjør at flere kan gå på ski etter jobb.' },
  { author: 1, title: 'Skatepark ved idrettshallen', body: 'Ungdommen har ikke noe sted å stå på brett. Asfalten bak idrettshallen er perfekt for en skatepark.' },
  { author: 2, title: 'Flere benker og bord i parkene', body: 'Det er for få steder å sitte i parkene, særlig for eldre og barnefamilier som vil spise matpakke.' },
  { author: 0, title: 'Drikkevann ved stasjonen', body: 'En fontene med drikkevann ved stasjonen, så man slipper å kjøpe vann på flaske.' },
  { author: 1, title: 'Ballbinge ved Nordbyen skole', body: 'Den gamle ballbingen er revet. Barna i Nordbyen trenger et sted å spille fotball etter skoletid.' },
  { author: 2, title: 'Hundeluftepark på Jordet', body: 'Et inngjerdet område der hunder kan løpe fritt.' },
] as const;

const projects: DemoProject[] = [
  { budget: 'city', title: '', description: '', cost: 420_000, category: 'Friluftsliv', idea: 0, appeal: [2, 4, 6] },
  { budget: 'city', title: 'Gratis sommeraktiviteter for barn', description: 'Tre uker med gratis aktiviteter for barn i sommerferien: bading, klatring og kunst.', cost: 180_000, category: 'Barn og unge', appeal: [1, 5, 1] },
  { budget: 'city', title: '', description: '', cost: 120_000, category: 'Møteplasser', idea: 2, appeal: [0.5, 3, 5] },
  { budget: 'city', title: 'Sykkelverksted på biblioteket', description: 'Verktøy og en frivillig sykkelreparatør på biblioteket to kvelder i uka.', cost: 90_000, category: 'Miljø', appeal: [2, 2, 1] },
  { budget: 'city', title: '', description: '', cost: 650_000, category: 'Barn og unge', idea: 1, appeal: [30, 1, 0.2] },
  {
    budget: 'city',
    title: '',
    description: '',
    cost: 150_000,
    category: 'Friluftsliv',
    idea: 5,
    ineligible: 'Jordet er regulert til friområde. En inngjerdet hundeluftepark krever ny regulering, og det rekker vi ikke i budsjettåret.',
    appeal: [1, 1, 1],
  },
  { budget: 'Sentrum', title: 'Grønne vegger på torget', description: 'Klatreplanter på veggene rundt torget gir skygge og fugleliv.', cost: 220_000, category: 'Miljø', appeal: [1, 3, 3] },
  { budget: 'Sentrum', title: 'Scene i byparken', description: 'En enkel utescene for gatemusikk, skolekorps og sommerkonserter.', cost: 140_000, category: 'Kultur', appeal: [4, 2, 1] },
  { budget: 'Sentrum', title: '', description: '', cost: 80_000, category: 'Møteplasser', idea: 3, appeal: [2, 2, 2] },
  { budget: 'Sentrum', title: 'Trygg kryssing ved Sentrum skole', description: 'Opphøyd gangfelt og bedre lys der skolebarna krysser Storgata.', cost: 300_000, category: 'Trafikk', appeal: [0.5, 6, 2] },
  { budget: 'Nordbyen', title: '', description: '', cost: 250_000, category: 'Barn og unge', idea: 4, appeal: [5, 4, 0.5] },
  { budget: 'Nordbyen', title: 'Parsellhage ved Nordbyen senter', description: 'Tjue pallekarmer der naboer kan dyrke grønnsaker og blomster.', cost: 90_000, category: 'Miljø', appeal: [0.5, 2, 4] },
  { budget: 'Nordbyen', title: 'Gatelys langs turstien', description: 'Lys langs turstien mellom Nordbyen og sentrum, som mange går hjem fra bussen.', cost: 160_000, category: 'Trafikk', appeal: [2, 2, 3] },
  { budget: 'Nordbyen', title: 'Benker ved bussholdeplassene', description: 'Benker med tak ved de fire bussholdeplassene i Nordbyen.', cost: 40_000, category: 'Møteplasser', appeal: [0.5, 1, 5] },
];

/** How the paper ballots of each budget are made: how many, the share of each voter group, and the batches. */
const paper = {
  city: { ballots: 220, groups: [0.36, 0.4, 0.24], batches: ['Biblioteket, konvolutt 1', 'Biblioteket, konvolutt 2', 'Rådhuset, konvolutt 1', 'Rådhuset, konvolutt 2'] },
  Sentrum: { ballots: 90, groups: [0.25, 0.45, 0.3], batches: ['Sentrum skole, konvolutt 1', 'Sentrum skole, konvolutt 2'] },
  Nordbyen: { ballots: 72, groups: [0.3, 0.4, 0.3], batches: ['Nordbyen senter, konvolutt 1', 'Nordbyen senter, konvolutt 2'] },
} as const;

/** A group drawn by its share. */
function drawGroup(random: RandomSource, shares: readonly number[]): number {
  let x = randomFloat(random);
  for (const [i, share] of shares.entries()) {
    if (x < share) return i;
    x -= share;
  }
  return shares.length - 1;
}

/**
 * One paper ballot: the voter orders the projects by a weighted draw of their group's appeal (Efraimidis–Spirakis
 * keys), then takes them in that order while they fit in the budget, stopping after one to four projects (the
 * young: one or two).
 */
function paperBallot(random: RandomSource, candidates: readonly { number: number; cost: number; appeal: readonly number[] }[], group: number, budget: number): number[] {
  const keyed = candidates
    .filter((c) => (c.appeal[group] ?? 0) > 0)
    .map((c) => ({ c, key: Math.log(1 - randomFloat(random)) / (c.appeal[group] ?? 1) }))
    .sort((a, b) => b.key - a.key || a.c.number - b.c.number);
  // The young vote for few projects (mostly one big one); the others spread their ballot over more.
  const wanted = 1 + randomInt(random, group === 0 ? 2 : 4);
  const chosen: number[] = [];
  let total = 0;
  for (const { c } of keyed) {
    if (chosen.length === wanted) break;
    if (total + c.cost <= budget) {
      chosen.push(c.number);
      total += c.cost;
    }
  }
  return chosen.sort((a, b) => a - b);
}

/**
 * Seeds the demo's participatory budget into the process `slug` (its first phase takes ideas, its second is the
 * budgeting phase, open when this runs): last year's vote, closed with published results, then next year's vote,
 * open now so a visitor can try voting. Idempotent: each part is skipped when its phase has budgets.
 */
export async function seedDemoBudgeting(
  platform: Platform,
  slug: string,
  ids: { manager: string; administrator: string; residents: readonly [string, string, string] },
): Promise<void> {
  await seedClosedVote(platform, slug, ids);
  await seedOpenVote(platform, slug, { id: ids.manager, roles: ['process_manager'] });
}

/** The vote already held: budgets, projects, online and paper ballots, closed, results published, a winner under way. */
async function seedClosedVote(
  platform: Platform,
  slug: string,
  ids: { manager: string; administrator: string; residents: readonly [string, string, string] },
): Promise<void> {
  const manager: Actor = { id: ids.manager, roles: ['process_manager'] };
  const second: Actor = { id: ids.administrator, roles: ['administrator'] };
  const process = must(await platform.processes.getProcess(manager, slug), 'process');
  const ideasPhase = process.phases.find((p) => p.method === 'ideas');
  const phase = process.phases.find((p) => p.method === 'budgeting');
  if (!ideasPhase || !phase) throw new Error('demo budgeting: the process needs an ideas phase and a budgeting phase');
  const phaseId = phase.id;
  if (must(await platform.budgeting.budgetingOf(manager, { phaseId }), 'read').budgets.length > 0) return;
  const [kari, ola, sara] = ids.residents;
  const residents = [kari, ola, sara];

  const ideaIds: string[] = [];
  for (const [i, idea] of ideas.entries()) {
    const supporters = residents.filter((_, r) => r !== idea.author && (i + r) % 2 === 0);
    ideaIds.push(await platform.ideas.importIdea({ phaseId: ideasPhase.id, authorId: residents[idea.author] ?? kari, title: idea.title, body: idea.body, supporterIds: supporters }));
  }

  must(await platform.budgeting.designBallot(manager, { phaseId, ballotKind: 'basket', minProjects: 1, maxProjects: null, rule: 'mes-add1', tieBreak: ['lowest-cost', 'most-votes', 'lot'], seed: 'Kommunestyret 12. mars', voters: 'residents', minAge: 16 }), 'design');
  const budgetIds = {
    city: must(await platform.budgeting.addBudget(manager, { phaseId, name: 'Hele kommunen', locale: 'nb', area: null, amount: 1_000_000 }), 'citywide budget').id,
    Sentrum: must(await platform.budgeting.addBudget(manager, { phaseId, name: 'Sentrum', locale: 'nb', area: 'Sentrum', amount: 600_000 }), 'Sentrum budget').id,
    Nordbyen: must(await platform.budgeting.addBudget(manager, { phaseId, name: 'Nordbyen', locale: 'nb', area: 'Nordbyen', amount: 400_000 }), 'Nordbyen budget').id,
  };
  const amounts = { city: 1_000_000, Sentrum: 600_000, Nordbyen: 400_000 };

  const checkedOn = addDays(platform.processes.today(), -50);
  const made: { id: string; number: number; project: DemoProject }[] = [];
  for (const project of projects) {
    const fromIdea = project.idea === undefined ? [] : [ideaIds[project.idea] ?? ''];
    const created = must(
      await platform.budgeting.createProject(manager, {
        phaseId,
        budgetId: budgetIds[project.budget],
        ...(project.title ? { title: project.title, description: project.description } : {}),
        locale: 'nb',
        cost: project.cost,
        costMin: Math.round(project.cost * 0.9),
        costMax: Math.round(project.cost * 1.15),
        area: project.budget === 'city' ? null : project.budget,
        category: project.category,
        ideaIds: fromIdea,
      }),
      'project',
    );
    must(
      await platform.budgeting.reviewProject(manager, {
        projectId: created.id,
        ...(project.ineligible ? { state: 'ineligible' as const, reason: project.ineligible } : { state: 'eligible' as const }),
        locale: 'nb',
        costCheckedBy: 'Bygg og eiendom',
        costCheckedOn: checkedOn,
      }),
      'review',
    );
    made.push({ ...created, project });
  }
  const eligible = made.filter((m) => !m.project.ineligible);
  const numbered = (budget: DemoProject['budget']) => eligible.filter((m) => m.project.budget === budget).map((m) => ({ number: m.number, cost: m.project.cost, appeal: m.project.appeal, id: m.id }));
  const idsOf = (budget: DemoProject['budget'], numbers: readonly number[]) => numbered(budget).filter((p) => numbers.includes(p.number)).map((p) => p.id);

  // The demo residents vote online: Kari in Sentrum and citywide, Ola in Nordbyen and citywide, Sara (Elvebakken) citywide.
  const cast = async (who: string, budget: DemoProject['budget'], numbers: number[]) =>
    must(await platform.budgeting.castBallot({ id: who, roles: ['resident'] }, { phaseId, budgetId: budgetIds[budget], projects: idsOf(budget, numbers) }), 'online ballot');
  const n = (i: number) => made[i]?.number ?? 0;
  await cast(kari, 'city', [n(0), n(2)]);
  await cast(kari, 'Sentrum', [n(6), n(8), n(9)]);
  await cast(ola, 'city', [n(4), n(3)]);
  await cast(ola, 'Nordbyen', [n(10), n(13)]);
  await cast(sara, 'city', [n(4), n(1), n(3)]);

  // Paper ballots, drawn from a seed so every demo database holds the same ones; a clerk enters each batch and
  // the administrator confirms it.
  const random = createRandom('demo', 'budgeting-paper-ballots');
  for (const budget of ['city', 'Sentrum', 'Nordbyen'] as const) {
    const plan = paper[budget];
    const lines = Array.from({ length: plan.ballots }, () => paperBallot(random, numbered(budget), drawGroup(random, plan.groups), amounts[budget]).join(' '));
    const size = Math.ceil(plan.ballots / plan.batches.length);
    for (const [b, label] of plan.batches.entries()) {
      const batch = must(await platform.budgeting.enterPaperBatch(manager, { phaseId, budgetId: budgetIds[budget], label, ballots: lines.slice(b * size, (b + 1) * size).join('\n') }), 'paper batch');
      must(await platform.budgeting.confirmBatch(second, { batchId: batch.id }), 'confirm batch');
    }
  }

  // The vote closed ten days ago: the phase's dates move back (the process's follow), then the results are published.
  const today = platform.processes.today();
  must(await platform.processes.movePhase(manager, process.id, phaseId, { startsOn: phase.startsOn, endsOn: addDays(today, -10) }), 'close the vote');
  must(
    await platform.processes.setPhaseDescription(manager, process.id, phaseId, {
      locale: 'nb',
      text: 'Innbyggerne stemte over prosjekter i sin bydel og for hele kommunen. Stemmene ble talt med metoden med like andeler, slik at alle grupper får noe igjen for stemmen sin.',
    }),
    'phase text',
  );
  must(await platform.budgeting.publishResults(manager, { phaseId }), 'publish');

  // The most supported winner of the citywide budget is under way.
  const result = must(await platform.budgeting.budgetingResults(manager, { phaseId, budgetId: budgetIds.city }), 'results');
  const winner = result.selected[0];
  if (winner) {
    must(await platform.budgeting.addProjectUpdate(manager, { projectId: winner.id, status: 'accepted', body: 'Prosjektet er vedtatt og satt i gang. Vi har bestilt materialer.' }), 'status');
    must(await platform.budgeting.addProjectUpdate(manager, { projectId: winner.id, title: 'Arbeidet er i gang', happenedOn: addDays(today, -3), progressPercent: 20 }), 'milestone');
  }
}

/** Next year's projects, on the ballot of the vote that is open now (no ballots yet: a visitor casts the first). */
const nextYear: { budget: 'city' | 'Sentrum' | 'Nordbyen'; title: string; description: string; cost: number; category: string }[] = [
  { budget: 'city', title: 'Badeplass med rampe ved Elvebakken', description: 'En badeplass med rampe, så også de som sitter i rullestol, kommer ut i vannet.', cost: 550_000, category: 'Friluftsliv' },
  { budget: 'city', title: 'Turkart og skilt i marka', description: 'Nye skilt ved alle stikryss og et turkart på de fem største parkeringsplassene.', cost: 210_000, category: 'Friluftsliv' },
  { budget: 'city', title: 'Leksehjelp på biblioteket', description: 'Frivillige og en ansatt gir leksehjelp tre ettermiddager i uka hele skoleåret.', cost: 320_000, category: 'Barn og unge' },
  { budget: 'city', title: 'Solcellepanel på idrettshallen', description: 'Solceller på taket av idrettshallen, som dekker en del av strømmen til lyset.', cost: 900_000, category: 'Miljø' },
  { budget: 'city', title: 'Gratis sykkelutlån', description: 'Ti sykler og to lastesykler som alle kan låne gratis fra rådhuset.', cost: 160_000, category: 'Miljø' },
  { budget: 'Sentrum', title: 'Sittetrapp ved elva', description: 'En sittetrapp i tre ned mot elva, der folk kan spise lunsj og se på vannet.', cost: 280_000, category: 'Møteplasser' },
  { budget: 'Sentrum', title: 'Juletre og lys i Storgata', description: 'Et stort juletre på torget og lys over Storgata i desember.', cost: 120_000, category: 'Kultur' },
  { budget: 'Sentrum', title: 'Flere sykkelstativ', description: 'Overbygde sykkelstativ ved stasjonen og biblioteket.', cost: 150_000, category: 'Trafikk' },
  { budget: 'Nordbyen', title: 'Aktivitetspark for alle aldre', description: 'Treningsapparater for voksne og eldre ved siden av lekeplassen.', cost: 330_000, category: 'Møteplasser' },
  { budget: 'Nordbyen', title: 'Fartsdumper i Skoleveien', description: 'Tre fartsdumper der barna går til skolen.', cost: 90_000, category: 'Trafikk' },
  { budget: 'Nordbyen', title: 'Frukttrær i parken', description: 'Tolv epletrær og plommetrær som alle kan plukke fra.', cost: 60_000, category: 'Miljø' },
];

/**
 * Next year's vote in the same process, open from three days ago until 25 days from now, so a visitor can try the
 * ballot: the same design, budgets for the same districts and citywide, and reviewed projects.
 */
async function seedOpenVote(platform: Platform, slug: string, manager: Actor): Promise<void> {
  const process = must(await platform.processes.getProcess(manager, slug), 'process');
  const today = platform.processes.today();
  let open = process.phases.filter((p) => p.method === 'budgeting')[1];
  if (!open) {
    const title = 'Avstemning om neste års budsjett';
    must(await platform.processes.addPhase(manager, process.id, { method: 'budgeting', title, startsOn: addDays(today, -3), endsOn: addDays(today, 25), locale: 'nb' }), 'next year’s phase');
    open = must(await platform.processes.getProcess(manager, slug), 'process').phases.filter((p) => p.method === 'budgeting')[1];
  }
  if (!open) throw new Error('demo budgeting: next year’s phase was not added');
  const phaseId = open.id;
  if (must(await platform.budgeting.budgetingOf(manager, { phaseId }), 'read').budgets.length > 0) return;
  must(
    await platform.processes.setPhaseDescription(manager, process.id, phaseId, {
      locale: 'nb',
      text: 'Nå stemmer vi over neste års prosjekter. Velg prosjekter for hele kommunen og for bydelen din, innenfor budsjettet. Du kan endre stemmen din til avstemningen slutter.',
    }),
    'next year’s text',
  );
  must(await platform.budgeting.designBallot(manager, { phaseId, ballotKind: 'basket', minProjects: 1, maxProjects: null, rule: 'mes-add1', tieBreak: ['lowest-cost', 'most-votes', 'lot'], seed: 'Kommunestyret 11. mars', voters: 'residents', minAge: 16 }), 'design');
  const budgetIds = {
    city: must(await platform.budgeting.addBudget(manager, { phaseId, name: 'Hele kommunen', locale: 'nb', area: null, amount: 1_200_000 }), 'citywide budget').id,
    Sentrum: must(await platform.budgeting.addBudget(manager, { phaseId, name: 'Sentrum', locale: 'nb', area: 'Sentrum', amount: 400_000 }), 'Sentrum budget').id,
    Nordbyen: must(await platform.budgeting.addBudget(manager, { phaseId, name: 'Nordbyen', locale: 'nb', area: 'Nordbyen', amount: 400_000 }), 'Nordbyen budget').id,
  };
  for (const project of nextYear) {
    const created = must(
      await platform.budgeting.createProject(manager, {
        phaseId,
        budgetId: budgetIds[project.budget],
        title: project.title,
        description: project.description,
        locale: 'nb',
        cost: project.cost,
        area: project.budget === 'city' ? null : project.budget,
        category: project.category,
      }),
      'next year’s project',
    );
    must(await platform.budgeting.reviewProject(manager, { projectId: created.id, state: 'eligible', costCheckedBy: 'Bygg og eiendom', costCheckedOn: addDays(today, -10) }), 'next year’s review');
  }
}
