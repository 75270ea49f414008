import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';
import { seedDemo } from './demo.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let phaseId = '';

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

before(async () => {
  ({ platform, drop } = await testPlatform());
  await seedDemo(platform, { sharedData: false });
  const id = await platform.accounts.ensureUser({ email: 'prosess@demo.tingsted.no', displayName: 'Per Prosessansvarlig', password: null, roles: ['process_manager'] });
  manager = { id, roles: ['process_manager'] };
  const process = value(await platform.processes.getProcess(null, 'budsjett-for-nabolaget'));
  phaseId = process.phases.find((p) => p.method === 'budgeting')?.id ?? '';
});
after(async () => {
  await drop?.();
});

test('the demo budget has two district budgets and a citywide one, closed, with its projects reviewed', async () => {
  const view = value(await platform.budgeting.budgetingOf(manager, { phaseId }));
  assert.equal(view.state, 'closed');
  assert.deepEqual(view.budgets.map((b) => `${b.name.nb}:${b.area ?? '–'}:${b.amount}`).sort((a, b) => a.localeCompare(b)), ['Hele kommunen:–:1000000', 'Nordbyen:Nordbyen:400000', 'Sentrum:Sentrum:600000']);
  assert.equal(view.projects.length, 14);
  assert.deepEqual(view.projects.map((p) => p.number), Array.from({ length: 14 }, (_, i) => i + 1));
  const ineligible = view.projects.filter((p) => p.review.state === 'ineligible');
  assert.equal(ineligible.length, 1);
  assert.match(ineligible[0]?.review.reason.nb ?? '', /regulert til friområde/);
  assert.equal(view.projects.filter((p) => p.review.state === 'pending').length, 0);
  assert.equal(view.projects.filter((p) => p.ideaIds.length > 0).length, 6, 'some projects come from ideas');
  assert.ok(view.projects.every((p) => p.review.costCheckedBy === 'Bygg og eiendom'));
});

test('a few hundred ballots count, the results are published, and the rules differ enough to compare', async () => {
  const view = value(await platform.budgeting.budgetingOf(manager, { phaseId }));
  const total = view.budgets.reduce((n, b) => n + b.ballots, 0);
  assert.equal(total, 382 + 5, 'the seeded paper ballots and the demo residents’ online ones');
  const batches = value(await platform.budgeting.listBatches(manager, { phaseId })).batches;
  assert.equal(batches.length, 8);
  assert.ok(batches.every((b) => b.confirmedAt !== null && b.confirmedBy !== b.enteredBy));
  const citywide = view.budgets.find((b) => b.area === null)?.id ?? '';
  const published = value(await platform.budgeting.budgetingResults(null, { phaseId, budgetId: citywide }));
  assert.ok(published.publishedAt);
  assert.equal(published.rule, 'mes-add1');
  const greedy = value(await platform.budgeting.budgetingResults(manager, { phaseId, budgetId: citywide, rule: 'greedy' }));
  assert.notDeepEqual(greedy.selected.map((s) => s.id), published.selected.map((s) => s.id), 'greedy and Equal Shares choose differently');
});

test('the first winner is under way, and the demo resident sees what her ballot funded', async () => {
  const view = value(await platform.budgeting.budgetingOf(manager, { phaseId }));
  const citywide = view.budgets.find((b) => b.area === null)?.id ?? '';
  const winner = value(await platform.budgeting.budgetingResults(null, { phaseId, budgetId: citywide })).selected[0];
  assert.ok(winner);
  const project = value(await platform.budgeting.getProject(null, { projectId: winner.id }));
  assert.equal(project.project.status, 'accepted');
  assert.equal(project.updates.length, 2);
  const kari = await platform.accounts.ensureUser({ email: 'kari@demo.tingsted.no', displayName: 'Kari Nordmann', password: null, roles: ['resident'] });
  const mine = value(await platform.budgeting.myBallot({ id: kari, roles: ['resident'] }, { phaseId }));
  assert.equal(mine.budgets.filter((b) => b.receipt !== null).length, 2, 'Kari voted in Sentrum and citywide');
  assert.ok(mine.budgets.some((b) => (b.funded ?? []).length > 0));
});

test('next year’s vote is open now in the same process, with budgets and reviewed projects and no ballots yet', async () => {
  const process = value(await platform.processes.getProcess(null, 'budsjett-for-nabolaget'));
  const budgeting = process.phases.filter((p) => p.method === 'budgeting');
  assert.deepEqual(budgeting.map((p) => p.state), ['closed', 'open']);
  assert.equal(process.currentPhaseId, budgeting[1]?.id, 'the process shows the open vote');
  const open = value(await platform.budgeting.budgetingOf(null, { phaseId: budgeting[1]?.id ?? '' }));
  assert.equal(open.state, 'open');
  assert.equal(open.design.ballotKind, 'basket');
  assert.deepEqual(open.budgets.map((b) => [b.area, b.ballots]), [[null, 0], ['Sentrum', 0], ['Nordbyen', 0]]);
  assert.equal(open.projects.length, 11);
  assert.ok(open.projects.every((p) => p.review.state === 'eligible'));
  const kari = await platform.accounts.ensureUser({ email: 'kari@demo.tingsted.no', displayName: 'Kari Nordmann', password: null, roles: ['resident'] });
  const mine = value(await platform.budgeting.myBallot({ id: kari, roles: ['resident'] }, { phaseId: budgeting[1]?.id ?? '' }));
  assert.deepEqual(mine.budgets.map((b) => b.eligible), [true, true, false], 'Kari may vote citywide and in Sentrum');
});

test('seeding again changes nothing', async () => {
  const before = value(await platform.budgeting.budgetingOf(manager, { phaseId }));
  await seedDemo(platform, { sharedData: false });
  const again = value(await platform.budgeting.budgetingOf(manager, { phaseId }));
  assert.deepEqual(again.budgets.map((b) => b.ballots), before.budgets.map((b) => b.ballots));
  assert.equal(again.projects.length, before.projects.length);
  const process = value(await platform.processes.getProcess(null, 'budsjett-for-nabolaget'));
  assert.equal(process.phases.filter((p) => p.method === 'budgeting').length, 2, 'next year’s vote once');
});
