import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let resident: Actor;
let phaseId = '';
let budgetId = '';
let otherBudgetId = '';
const ideas: Record<string, string> = {};

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

const projectCount = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM budget_projects`.execute(platform.db)).rows[0]?.n);

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
  manager = { id: await platform.accounts.ensureUser({ email: 'm@example.no', displayName: 'Mona Manager', password: null, roles: ['process_manager'] }), roles: ['process_manager'] };
  resident = { id: await platform.accounts.ensureUser({ email: 'r@example.no', displayName: 'Rune', password: null, roles: ['resident'] }), roles: ['resident'] };
  const process = await platform.processes.ensureProcess({
    slug: 'budsjett',
    status: 'published',
    title: { nb: 'Nabolagsbudsjett' },
    summary: { nb: 'Ideer blir prosjekter' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [
      { method: 'ideas', title: { nb: 'Ideer' }, startsOn: '2026-10-01', endsOn: '2026-10-31' },
      { method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: '2026-11-01', endsOn: '2026-11-30' },
    ],
  });
  const [ideasPhase, budgetingPhase] = process.phaseIds;
  phaseId = budgetingPhase ?? '';
  ideas.benches = await platform.ideas.importIdea({ phaseId: ideasPhase ?? '', authorId: resident.id, title: 'Benker i parken', body: 'Flere benker ved dammen, så eldre kan hvile.' });
  ideas.light = await platform.ideas.importIdea({ phaseId: ideasPhase ?? '', authorId: resident.id, title: 'Lys på stien', body: 'Gatelys langs turstien.' });
  const elsewhere = await platform.processes.ensureProcess({
    slug: 'annet',
    status: 'published',
    title: { nb: 'Annet' },
    summary: { nb: 'Annet' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'ideas', title: { nb: 'Ideer' }, startsOn: '2026-10-01', endsOn: '2026-12-31' }],
  });
  ideas.foreign = await platform.ideas.importIdea({ phaseId: elsewhere.phaseIds[0] ?? '', authorId: resident.id, title: 'Annet sted', body: 'Ikke her.' });
  budgetId = value(await platform.budgeting.addBudget(manager, { phaseId, name: 'Sentrum', area: 'Sentrum', amount: 500_000 })).id;
  otherBudgetId = value(await platform.budgeting.addBudget(manager, { phaseId, name: 'By', amount: 900_000 })).id;
});
after(async () => drop());

test('a project made from ideas takes the first idea’s title and description, and numbers count 1, 2, 3', async () => {
  const fromIdeas = value(await platform.budgeting.createProject(manager, { phaseId, budgetId, cost: 80_000, costMin: 70_000, costMax: 95_000, ideaIds: [ideas.benches ?? '', ideas.light ?? ''], category: 'Park' }));
  const direct = value(await platform.budgeting.createProject(manager, { phaseId, budgetId, title: 'Sykkelstativ', description: 'Ved skolen', locale: 'nn', cost: 40_000, area: 'Sentrum' }));
  const third = value(await platform.budgeting.createProject(manager, { phaseId, budgetId: otherBudgetId, title: 'Badeplass', cost: 300_000 }));
  assert.deepEqual([fromIdeas.number, direct.number, third.number], [1, 2, 3]);
  const got = value(await platform.budgeting.getProject(manager, { projectId: fromIdeas.id }));
  assert.deepEqual(got.project.title, { nb: 'Benker i parken' });
  assert.deepEqual(got.project.description, { nb: 'Flere benker ved dammen, så eldre kan hvile.' });
  assert.deepEqual([got.project.cost, got.project.costMin, got.project.costMax, got.project.category], [80_000, 70_000, 95_000, 'Park']);
  assert.deepEqual(got.ideas, [{ id: ideas.benches, title: 'Benker i parken' }, { id: ideas.light, title: 'Lys på stien' }]);
  assert.equal(got.processSlug, 'budsjett');
  assert.equal(got.project.review.state, 'pending');
  assert.deepEqual(got.project.can, { edit: true, review: true, update: true });
  assert.equal(got.result, null);
  assert.deepEqual(value(await platform.budgeting.getProject(manager, { projectId: direct.id })).project.title, { nn: 'Sykkelstativ' });
  const audit = await platform.audit.forSubject('budget_project', fromIdeas.id);
  assert.deepEqual(audit.map((e) => e.action), ['budgeting.project_created']);
});

test('a bad cost, an unknown idea or budget, or no title is refused and nothing is saved', async () => {
  const before = await projectCount();
  const zero = await platform.budgeting.createProject(manager, { phaseId, budgetId, title: 'Gratis', cost: 0 });
  assert.deepEqual(!zero.ok && zero.fields, [{ field: 'cost', message: 'budgeting.project.costPositive' }]);
  const negative = await platform.budgeting.createProject(manager, { phaseId, budgetId, title: 'Minus', cost: -100 });
  assert.deepEqual(!negative.ok && negative.fields, [{ field: 'cost', message: 'budgeting.project.costPositive' }]);
  const range = await platform.budgeting.createProject(manager, { phaseId, budgetId, title: 'Spenn', cost: 100, costMax: 50 });
  assert.deepEqual(!range.ok && range.fields, [{ field: 'costMax', message: 'budgeting.project.costRange' }]);
  const foreign = await platform.budgeting.createProject(manager, { phaseId, budgetId, cost: 100, ideaIds: [ideas.foreign ?? ''] });
  assert.deepEqual(!foreign.ok && foreign.fields?.map((f) => [f.field, f.message]), [['ideaIds', 'budgeting.project.ideaUnknown'], ['title', 'budgeting.project.titleRequired']]);
  const noBudget = await platform.budgeting.createProject(manager, { phaseId, budgetId: ideas.benches ?? '', title: 'Feil', cost: 100 });
  assert.deepEqual(!noBudget.ok && noBudget.fields, [{ field: 'budgetId', message: 'budgeting.project.budgetUnknown' }]);
  const asResident = await platform.budgeting.createProject(resident, { phaseId, budgetId, title: 'Mitt', cost: 100 });
  assert.equal(!asResident.ok && asResident.code, 'Forbidden');
  assert.equal(await projectCount(), before);
});

test('the review: not eligible needs a public reason; only eligible projects are on the public ballot', async () => {
  const projects = value(await platform.budgeting.budgetingOf(manager, { phaseId })).projects;
  const [benches, racks, bath] = projects;
  assert.ok(benches && racks && bath);
  const noReason = await platform.budgeting.reviewProject(manager, { projectId: racks.id, state: 'ineligible' });
  assert.deepEqual(!noReason.ok && noReason.fields, [{ field: 'reason', message: 'budgeting.review.reasonRequired' }]);
  const asResident = await platform.budgeting.reviewProject(resident, { projectId: racks.id, state: 'eligible' });
  assert.equal(!asResident.ok && asResident.code, 'Forbidden');
  value(await platform.budgeting.reviewProject(manager, { projectId: benches.id, state: 'eligible', costCheckedBy: 'Bydrift', costCheckedOn: '2026-10-15' }));
  value(await platform.budgeting.reviewProject(manager, { projectId: racks.id, state: 'ineligible', reason: 'Kommunen eier ikke tomta.' }));
  const publicView = value(await platform.budgeting.budgetingOf(resident, { phaseId }));
  assert.deepEqual(publicView.projects.map((p) => p.number), [1]);
  assert.deepEqual(publicView.budgets.map((b) => b.projects), [1, 0]);
  assert.deepEqual(publicView.projects[0]?.can, { edit: false, review: false, update: false });
  const reviewed = value(await platform.budgeting.getProject(null, { projectId: benches.id })).project.review;
  assert.deepEqual([reviewed.state, reviewed.costCheckedBy, reviewed.costCheckedOn, reviewed.reviewedAt], ['eligible', 'Bydrift', '2026-10-15', '2026-11-23T10:00:00.000Z']);
  // An ineligible project's page shows the reason to everyone; a pending one is for staff only.
  assert.deepEqual(value(await platform.budgeting.getProject(null, { projectId: racks.id })).project.review.reason, { nb: 'Kommunen eier ikke tomta.' });
  const pending = await platform.budgeting.getProject(resident, { projectId: bath.id });
  assert.equal(!pending.ok && pending.code, 'NotFound');
  assert.equal(value(await platform.budgeting.budgetingOf(manager, { phaseId })).projects.length, 3);
});

test('editing a project: a changed cost sends it back to review; it may move to another budget of the phase', async () => {
  const [benches] = value(await platform.budgeting.budgetingOf(manager, { phaseId })).projects;
  assert.ok(benches);
  value(await platform.budgeting.updateProject(manager, { projectId: benches.id, title: 'Benker ved dammen', locale: 'nb' }));
  assert.equal(value(await platform.budgeting.getProject(manager, { projectId: benches.id })).project.review.state, 'eligible');
  const badRange = await platform.budgeting.updateProject(manager, { projectId: benches.id, cost: 60_000 });
  assert.deepEqual(!badRange.ok && badRange.fields, [{ field: 'costMin', message: 'budgeting.project.costRange' }]);
  value(await platform.budgeting.updateProject(manager, { projectId: benches.id, cost: 90_000, budgetId: otherBudgetId }));
  const got = value(await platform.budgeting.getProject(manager, { projectId: benches.id })).project;
  assert.deepEqual([got.title, got.cost, got.budgetId, got.review.state, got.review.costCheckedBy], [{ nb: 'Benker ved dammen' }, 90_000, otherBudgetId, 'pending', null]);
  const wrongBudget = await platform.budgeting.updateProject(manager, { projectId: benches.id, budgetId: ideas.benches ?? '' });
  assert.deepEqual(!wrongBudget.ok && wrongBudget.fields, [{ field: 'budgetId', message: 'budgeting.project.budgetUnknown' }]);
});

test('a project on no ballot can be removed; the next project follows the highest number left', async () => {
  const projects = value(await platform.budgeting.budgetingOf(manager, { phaseId })).projects;
  const bath = projects.find((p) => p.number === 3);
  assert.ok(bath);
  value(await platform.budgeting.removeProject(manager, { projectId: bath.id }));
  assert.equal((await platform.budgeting.getProject(manager, { projectId: bath.id })).ok, false);
  const next = value(await platform.budgeting.createProject(manager, { phaseId, budgetId, title: 'Ny', cost: 1 }));
  assert.equal(next.number, 3);
  const gone = await platform.budgeting.removeProject(manager, { projectId: bath.id });
  assert.equal(!gone.ok && gone.code, 'NotFound');
});
