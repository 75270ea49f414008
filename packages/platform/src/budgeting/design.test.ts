import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import type { Actor } from '../accounts/accounts.policy.ts';

let platform: Platform;
let drop: () => Promise<void>;
let manager: Actor;
let admin: Actor;
let resident: Actor;
let phaseId = '';
let surveyPhaseId = '';
let draftPhaseId = '';

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => new Date('2026-11-23T10:00:00Z') }));
  const user = async (email: string, role: 'process_manager' | 'administrator' | 'resident') => ({ id: await platform.accounts.ensureUser({ email, displayName: email, password: null, roles: [role] }), roles: [role] });
  manager = await user('m@example.no', 'process_manager');
  admin = await user('a@example.no', 'administrator');
  resident = await user('r@example.no', 'resident');
  const process = (slug: string, status: 'published' | 'draft', method: 'budgeting' | 'survey') =>
    platform.processes.ensureProcess({
      slug,
      status,
      title: { nb: slug },
      summary: { nb: slug },
      startsOn: null,
      endsOn: null,
      createdBy: manager.id,
      phases: [{ method, title: { nb: 'Fase' }, startsOn: '2026-11-01', endsOn: '2026-11-30' }],
    });
  phaseId = (await process('budsjett', 'published', 'budgeting')).phaseIds[0] ?? '';
  surveyPhaseId = (await process('undersokelse', 'published', 'survey')).phaseIds[0] ?? '';
  draftPhaseId = (await process('utkast', 'draft', 'budgeting')).phaseIds[0] ?? '';
});
after(async () => drop());

test('a budgeting phase starts with the default design: basket, MES with Add1, lowest cost → most votes → lot', async () => {
  const view = value(await platform.budgeting.budgetingOf(null, { phaseId }));
  assert.deepEqual(view.design, {
    ballotKind: 'basket',
    minProjects: null,
    maxProjects: null,
    pointsTotal: null,
    rankLimit: null,
    rule: 'mes-add1',
    greedyThreshold: null,
    tieBreak: ['lowest-cost', 'most-votes', 'lot'],
    seed: 'tingsted',
    currency: 'NOK',
    voters: 'residents',
    minAge: null,
  });
  assert.equal(view.state, 'open');
  assert.deepEqual(view.can, { manage: false, vote: false, enterPaper: false, publish: false });
  assert.deepEqual(value(await platform.budgeting.budgetingOf(resident, { phaseId })).can, { manage: false, vote: true, enterPaper: false, publish: false });
  assert.deepEqual(value(await platform.budgeting.budgetingOf(manager, { phaseId })).can, { manage: true, vote: true, enterPaper: true, publish: false });
  // Not a budgeting phase, or a draft the reader may not see: not found.
  assert.equal((await platform.budgeting.budgetingOf(manager, { phaseId: surveyPhaseId })).ok, false);
  const draft = await platform.budgeting.budgetingOf(resident, { phaseId: draftPhaseId });
  assert.equal(!draft.ok && draft.code, 'NotFound');
  assert.equal((await platform.budgeting.budgetingOf(manager, { phaseId: draftPhaseId })).ok, true);
});

test('the manager sets the design; the parts must fit together; residents and strangers may not', async () => {
  const anonymous = await platform.budgeting.designBallot(null, { phaseId, ballotKind: 'points' });
  assert.equal(!anonymous.ok && anonymous.code, 'NotSignedIn');
  const forbidden = await platform.budgeting.designBallot(resident, { phaseId, ballotKind: 'points', pointsTotal: 10 });
  assert.equal(!forbidden.ok && forbidden.code, 'Forbidden');
  const noPoints = await platform.budgeting.designBallot(manager, { phaseId, ballotKind: 'points' });
  assert.deepEqual(!noPoints.ok && noPoints.fields, [{ field: 'pointsTotal', message: 'field.required' }]);
  const noLimit = await platform.budgeting.designBallot(manager, { phaseId, ballotKind: 'ranking' });
  assert.deepEqual(!noLimit.ok && noLimit.fields, [{ field: 'rankLimit', message: 'field.required' }]);
  const inverted = await platform.budgeting.designBallot(manager, { phaseId, minProjects: 4, maxProjects: 2 });
  assert.deepEqual(!inverted.ok && inverted.fields, [{ field: 'maxProjects', message: 'budgeting.design.maxBelowMin' }]);
  assert.equal(value(await platform.budgeting.budgetingOf(manager, { phaseId })).design.ballotKind, 'basket');
  value(await platform.budgeting.designBallot(manager, { phaseId, ballotKind: 'ranking', rankLimit: 3, rule: 'greedy', voters: 'everyone', minAge: 15, tieBreak: ['most-votes', 'lot'] }));
  // An administrator manages too; fields left out keep their value.
  value(await platform.budgeting.designBallot(admin, { phaseId, minProjects: 1 }));
  const design = value(await platform.budgeting.budgetingOf(null, { phaseId })).design;
  assert.deepEqual([design.ballotKind, design.rankLimit, design.rule, design.voters, design.minAge, design.minProjects, design.tieBreak], ['ranking', 3, 'greedy', 'everyone', 15, 1, ['most-votes', 'lot']]);
  const audit = await platform.audit.forSubject('phase', phaseId);
  assert.equal(audit.filter((e) => e.action === 'budgeting.design_changed').length, 2);
});

test('budgets: one per district and one citywide; the amount is positive; only empty budgets are removed', async () => {
  const forbidden = await platform.budgeting.addBudget(resident, { phaseId, name: 'Sentrum', area: 'Sentrum', amount: 1000 });
  assert.equal(!forbidden.ok && forbidden.code, 'Forbidden');
  const sentrum = value(await platform.budgeting.addBudget(manager, { phaseId, name: 'Sentrum', area: 'Sentrum', amount: 500_000 })).id;
  const city = value(await platform.budgeting.addBudget(manager, { phaseId, name: 'Hele byen', locale: 'nn', area: null, amount: 1_000_000 })).id;
  const twice = await platform.budgeting.addBudget(manager, { phaseId, name: 'Sentrum igjen', area: 'Sentrum', amount: 10 });
  assert.deepEqual(!twice.ok && twice.fields, [{ field: 'area', message: 'budgeting.budget.areaTaken' }]);
  const secondCity = await platform.budgeting.addBudget(manager, { phaseId, name: 'By', area: '  ', amount: 10 });
  assert.deepEqual(!secondCity.ok && secondCity.fields, [{ field: 'area', message: 'budgeting.budget.areaTaken' }]);
  const zero = await platform.budgeting.addBudget(manager, { phaseId, name: 'Nord', area: 'Nord', amount: 0 });
  assert.deepEqual(!zero.ok && zero.fields, [{ field: 'amount', message: 'budgeting.budget.amountPositive' }]);
  const negative = await platform.budgeting.updateBudget(manager, { budgetId: sentrum, amount: -5 });
  assert.deepEqual(!negative.ok && negative.fields, [{ field: 'amount', message: 'budgeting.budget.amountPositive' }]);
  value(await platform.budgeting.updateBudget(manager, { budgetId: sentrum, name: 'Midtbyen', locale: 'nn', amount: 600_000 }));
  const view = value(await platform.budgeting.budgetingOf(null, { phaseId }));
  assert.deepEqual(
    view.budgets.map((b) => [b.name, b.area, b.amount, b.projects, b.ballots]),
    [
      [{ nb: 'Sentrum', nn: 'Midtbyen' }, 'Sentrum', 600_000, 0, 0],
      [{ nn: 'Hele byen' }, null, 1_000_000, 0, 0],
    ],
  );
  value(await platform.budgeting.createProject(manager, { phaseId, budgetId: sentrum, title: 'Benker', cost: 20_000 }));
  const inUse = await platform.budgeting.removeBudget(manager, { budgetId: sentrum });
  assert.equal(!inUse.ok && inUse.code, 'Conflict');
  value(await platform.budgeting.removeBudget(manager, { budgetId: city }));
  assert.deepEqual(value(await platform.budgeting.budgetingOf(manager, { phaseId })).budgets.map((b) => b.id), [sentrum]);
  const actions = (await sql<{ action: string }>`SELECT action FROM audit_log WHERE action LIKE 'budgeting.budget%' ORDER BY id`.execute(platform.db)).rows.map((r) => r.action);
  assert.deepEqual(actions.sort(), ['budgeting.budget_added', 'budgeting.budget_added', 'budgeting.budget_removed', 'budgeting.budget_updated']);
});
