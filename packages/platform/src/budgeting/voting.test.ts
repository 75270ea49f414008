import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import type { Role } from '../accounts/accounts.tables.ts';

let platform: Platform;
let drop: () => Promise<void>;
const clock = { now: new Date('2026-11-23T10:00:00Z') };
let manager: Actor;
const people: Record<string, Actor> = {};
let phaseId = '';
const budget: Record<string, string> = {};
const project: Record<string, string> = {};

async function person(email: string, roles: Role[], profile?: { area: string; birthYear: string }): Promise<Actor> {
  const actor = { id: await platform.accounts.ensureUser({ email, displayName: email.split('@')[0] ?? email, password: null, roles }), roles };
  if (profile) assert.ok((await platform.accounts.updateResidentProfile(actor, profile)).ok);
  return actor;
}

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => clock.now }));
  await platform.municipality.ensure({ name: 'Testvik kommune', logoUrl: null, primaryColour: '#1f5f8b', defaultLocale: 'nb', areas: ['Sentrum', 'Nordbyen'] });
  manager = await person('m@example.no', ['process_manager']);
  people.sentrum = await person('s1@example.no', ['resident'], { area: 'Sentrum', birthYear: '1990' });
  people.sentrum2 = await person('s2@example.no', ['resident'], { area: 'Sentrum', birthYear: '2000' });
  people.nord = await person('n@example.no', ['resident'], { area: 'Nordbyen', birthYear: '1985' });
  people.young = await person('y@example.no', ['resident'], { area: 'Sentrum', birthYear: '2015' });
  people.noArea = await person('x@example.no', ['resident']);
  const created = await platform.processes.ensureProcess({
    slug: 'budsjett',
    status: 'published',
    title: { nb: 'Nabolagsbudsjett' },
    summary: { nb: 'Stem på prosjekter' },
    startsOn: null,
    endsOn: null,
    createdBy: manager.id,
    phases: [{ method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: '2026-11-01', endsOn: '2026-11-30' }],
  });
  phaseId = created.phaseIds[0] ?? '';
  value(await platform.budgeting.designBallot(manager, { phaseId, ballotKind: 'basket', maxProjects: 3, minAge: 16 }));
  budget.sentrum = value(await platform.budgeting.addBudget(manager, { phaseId, name: 'Sentrum', area: 'Sentrum', amount: 100_000 })).id;
  budget.nord = value(await platform.budgeting.addBudget(manager, { phaseId, name: 'Nordbyen', area: 'Nordbyen', amount: 80_000 })).id;
  budget.city = value(await platform.budgeting.addBudget(manager, { phaseId, name: 'Hele kommunen', amount: 200_000 })).id;
  for (const [key, cost, budgetKey] of [['a', 60_000, 'sentrum'], ['b', 50_000, 'sentrum'], ['c', 30_000, 'sentrum'], ['d', 10_000, 'sentrum'], ['e', 5_000, 'sentrum'], ['n', 40_000, 'nord'], ['k', 150_000, 'city']] as const) {
    project[key] = value(await platform.budgeting.createProject(manager, { phaseId, budgetId: budget[budgetKey] ?? '', title: `Prosjekt ${key}`, cost })).id;
  }
  // e stays pending: it is not on the ballot.
  for (const key of ['a', 'b', 'c', 'd', 'n', 'k']) value(await platform.budgeting.reviewProject(manager, { projectId: project[key] ?? '', state: 'eligible' }));
});
after(async () => drop());

const ballotRows = async (voterId: string) =>
  (await sql<{ id: string; receipt: string }>`SELECT id, receipt FROM budget_ballots WHERE voter_id = ${voterId}`.execute(platform.db)).rows;

test('a basket ballot within the budget is stored and gives a receipt', async () => {
  const receipt = value(await platform.budgeting.castBallot(people.sentrum ?? null, { phaseId, budgetId: budget.sentrum, projects: [project.a ?? '', project.c ?? ''] }));
  assert.equal(receipt.budgetId, budget.sentrum);
  assert.deepEqual(receipt.projects.map((p) => [p.number, p.cost, p.points]), [[1, 60_000, null], [3, 30_000, null]]);
  assert.equal(receipt.total, 90_000);
  assert.match(receipt.code, /^[2-9A-HJ-NP-Z]{10}$/);
  assert.equal(receipt.changeableUntil, '2026-11-30');
  const mine = value(await platform.budgeting.myBallot(people.sentrum ?? null, { phaseId }));
  const sentrum = mine.budgets.find((b) => b.budgetId === budget.sentrum);
  assert.equal(sentrum?.receipt?.code, receipt.code);
  assert.equal(sentrum?.funded, null);
  assert.deepEqual(mine.budgets.map((b) => [b.eligible, b.why]), [[true, null], [false, 'budgeting.eligibility.otherArea'], [true, null]]);
});

test('over budget, too many projects or a project not on the ballot: 422 naming projects, nothing stored', async () => {
  const voter = people.sentrum2 ?? null;
  const over = await platform.budgeting.castBallot(voter, { phaseId, budgetId: budget.sentrum, projects: [project.a ?? '', project.b ?? ''] });
  assert.equal(!over.ok && over.code, 'BallotInvalid');
  assert.deepEqual(!over.ok && over.fields, [{ field: 'projects', message: 'budgeting.ballot.overBudget', params: { total: 110_000, budget: 100_000 } }]);
  const many = await platform.budgeting.castBallot(voter, { phaseId, budgetId: budget.sentrum, projects: [project.b ?? '', project.c ?? '', project.d ?? '', project.a ?? ''] });
  assert.deepEqual(!many.ok && many.fields?.map((f) => f.message), ['budgeting.ballot.tooMany', 'budgeting.ballot.overBudget']);
  const pending = await platform.budgeting.castBallot(voter, { phaseId, budgetId: budget.sentrum, projects: [project.e ?? ''] });
  assert.deepEqual(!pending.ok && pending.fields?.map((f) => f.message), ['budgeting.ballot.unknownProject']);
  const elsewhere = await platform.budgeting.castBallot(voter, { phaseId, budgetId: budget.sentrum, projects: [project.n ?? ''] });
  assert.deepEqual(!elsewhere.ok && elsewhere.fields?.map((f) => f.message), ['budgeting.ballot.unknownProject']);
  assert.deepEqual(await ballotRows(voter?.id ?? ''), []);
});

test('eligibility at vote time: another district, too young, no registered area', async () => {
  const other = await platform.budgeting.castBallot(people.nord ?? null, { phaseId, budgetId: budget.sentrum, projects: [project.d ?? ''] });
  assert.equal(!other.ok && other.code, 'BallotInvalid');
  assert.deepEqual(!other.ok && other.fields, [{ field: 'budgetId', message: 'budgeting.eligibility.otherArea' }]);
  const young = await platform.budgeting.castBallot(people.young ?? null, { phaseId, budgetId: budget.city, projects: [project.k ?? ''] });
  assert.deepEqual(!young.ok && young.fields, [{ field: 'budgetId', message: 'budgeting.eligibility.tooYoung' }]);
  const noArea = await platform.budgeting.castBallot(people.noArea ?? null, { phaseId, budgetId: budget.city, projects: [project.k ?? ''] });
  assert.deepEqual(!noArea.ok && noArea.fields, [{ field: 'budgetId', message: 'budgeting.eligibility.areaMissing' }]);
  const mine = value(await platform.budgeting.myBallot(people.noArea ?? null, { phaseId }));
  assert.deepEqual(mine.budgets.map((b) => b.why), ['budgeting.eligibility.areaMissing', 'budgeting.eligibility.areaMissing', 'budgeting.eligibility.areaMissing']);
  // Without naming a budget: Nordbyen's resident may vote in two (their district and the citywide one).
  const unnamed = await platform.budgeting.castBallot(people.nord ?? null, { phaseId, projects: [project.n ?? ''] });
  assert.deepEqual(!unnamed.ok && unnamed.fields, [{ field: 'budgetId', message: 'budgeting.ballot.budgetRequired' }]);
  const anonymous = await platform.budgeting.castBallot(null, { phaseId, budgetId: budget.city, projects: [project.k ?? ''] });
  assert.equal(!anonymous.ok && anonymous.code, 'NotSignedIn');
});

test('casting again replaces the ballot: the same row, a new receipt code', async () => {
  const voter = people.nord ?? null;
  const first = value(await platform.budgeting.castBallot(voter, { phaseId, budgetId: budget.nord, projects: [project.n ?? ''] }));
  const before = await ballotRows(voter?.id ?? '');
  const city = value(await platform.budgeting.castBallot(voter, { phaseId, budgetId: budget.city, projects: [project.k ?? ''] }));
  assert.equal(city.budgetId, budget.city);
  const second = value(await platform.budgeting.castBallot(voter, { phaseId, budgetId: budget.nord, projects: [project.n ?? ''] }));
  assert.notEqual(second.code, first.code);
  const rows = await ballotRows(voter?.id ?? '');
  assert.equal(rows.length, 2);
  assert.ok(rows.some((r) => r.id === before[0]?.id && r.receipt === second.code));
  const mine = value(await platform.budgeting.myBallot(voter, { phaseId }));
  assert.equal(mine.budgets.find((b) => b.budgetId === budget.nord)?.receipt?.code, second.code);
});

test('the database allows one ballot per voter per budget, whatever the code does', async () => {
  const voter = people.sentrum?.id ?? '';
  await assert.rejects(
    sql`INSERT INTO budget_ballots (phase_id, budget_id, voter_id, source, projects, receipt) VALUES (${phaseId}, ${budget.sentrum}, ${voter}, 'online', ARRAY[${project.d}]::uuid[], 'ABCDEFGHJK')`.execute(platform.db),
    /budget_ballots_one_per_voter/,
  );
});

test('the design, budgets and projects are locked once ballots exist', async () => {
  const design = await platform.budgeting.designBallot(manager, { phaseId, maxProjects: 4 });
  assert.equal(!design.ok && design.code, 'Conflict');
  const amount = await platform.budgeting.updateBudget(manager, { budgetId: budget.sentrum ?? '', amount: 120_000 });
  assert.equal(!amount.ok && amount.code, 'Conflict');
  const edit = await platform.budgeting.updateProject(manager, { projectId: project.a ?? '', cost: 70_000 });
  assert.equal(!edit.ok && edit.code, 'Conflict');
  const review = await platform.budgeting.reviewProject(manager, { projectId: project.e ?? '', state: 'eligible' });
  assert.equal(!review.ok && review.code, 'Conflict');
  const remove = await platform.budgeting.removeProject(manager, { projectId: project.a ?? '' });
  assert.equal(!remove.ok && remove.code, 'Conflict');
  const view = value(await platform.budgeting.budgetingOf(manager, { phaseId }));
  assert.deepEqual(view.projects.find((p) => p.id === project.a)?.can, { edit: false, review: false, update: true });
  assert.equal(view.budgets.find((b) => b.id === budget.sentrum)?.ballots, 1);
});

test('voting after the phase closed is refused and changes nothing', async () => {
  clock.now = new Date('2026-12-01T09:00:00Z');
  try {
    const late = await platform.budgeting.castBallot(people.sentrum ?? null, { phaseId, budgetId: budget.sentrum, projects: [project.d ?? ''] });
    assert.equal(!late.ok && late.code, 'PhaseClosed');
    const mine = value(await platform.budgeting.myBallot(people.sentrum ?? null, { phaseId }));
    assert.equal(mine.budgets.find((b) => b.budgetId === budget.sentrum)?.receipt?.total, 90_000);
    const view = value(await platform.budgeting.budgetingOf(null, { phaseId }));
    assert.equal(view.state, 'closed');
    assert.deepEqual(view.can, { manage: false, vote: false, enterPaper: false, publish: false });
  } finally {
    clock.now = new Date('2026-11-23T10:00:00Z');
  }
});
