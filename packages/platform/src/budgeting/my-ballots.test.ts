// A voter's own page (issue 16: "your ballot helped fund these projects" on their own page): every ballot they cast,
// with its receipt, and once the results are out, how each project on it fared; and staff moving a vote's dates
// before it closes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../accounts/accounts.policy.ts';
import { ioFixture, problems, type IoFixture } from '../testing/budgeting.ts';

let f: IoFixture;

function value<T>(result: { ok: true; value: T } | { ok: false }): T {
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

/** A phase with one citywide budget of `amount`, the design given, and eligible projects of the costs given. */
async function phaseWith(slug: string, amount: number, design: Record<string, unknown>, costs: number[]) {
  const phaseId = await f.phase(slug);
  value(await f.platform.budgeting.designBallot(f.manager, { phaseId, voters: 'everyone', ...design }));
  const budgetId = value(await f.platform.budgeting.addBudget(f.manager, { phaseId, name: 'Hele byen', area: null, amount })).id;
  const projects: string[] = [];
  for (const [i, cost] of costs.entries()) {
    const { id } = value(await f.platform.budgeting.createProject(f.manager, { phaseId, budgetId, title: `Prosjekt ${i + 1}`, cost }));
    value(await f.platform.budgeting.reviewProject(f.manager, { projectId: id, state: 'eligible' }));
    projects.push(id);
  }
  return { phaseId, budgetId, projects };
}

const mine = async (actor: Actor | null) => f.platform.budgeting.myBallots(actor, {});

before(async () => {
  f = await ioFixture();
});
after(async () => f?.drop());

describe('my ballots', () => {
  test('only the signed-in voter’s own ballots, each with its receipt, newest first; outcomes once published', async () => {
    const anonymous = await mine(null);
    assert.equal(!anonymous.ok && anonymous.code, 'NotSignedIn');
    assert.deepEqual(value(await mine(f.kari)).ballots, [], 'nothing before voting');

    // Equal Shares over a basket: Kari and Ola both want project 1; Kari also 2, Ola also 3. Budget 1000.
    const basket = await phaseWith('mine-basket', 1000, { ballotKind: 'basket', rule: 'mes' }, [600, 300, 300]);
    const [p1, p2, p3] = basket.projects as [string, string, string];
    const kariReceipt = value(await f.platform.budgeting.castBallot(f.kari, { phaseId: basket.phaseId, projects: [p1, p2] }));
    value(await f.platform.budgeting.castBallot(f.ola, { phaseId: basket.phaseId, projects: [p1, p3] }));
    const ranking = await phaseWith('mine-ranking', 1000, { ballotKind: 'ranking', rankLimit: 3, rule: 'greedy' }, [100, 200, 300]);
    value(await f.platform.budgeting.castBallot(f.kari, { phaseId: ranking.phaseId, ranking: [ranking.projects[2]!, ranking.projects[0]!] }));

    const open = value(await mine(f.kari)).ballots;
    assert.deepEqual(open.map((b) => [b.processSlug, b.ballotKind, b.state, b.publishedAt, b.outcomes]), [
      ['mine-ranking', 'ranking', 'open', null, null],
      ['mine-basket', 'basket', 'open', null, null],
    ]);
    const kariBasket = open[1]!;
    assert.equal(kariBasket.receipt.code, kariReceipt.code, 'the verification code given when she voted');
    assert.deepEqual(kariBasket.receipt.projects.map((p) => [p.id, p.cost]), [[p1, 600], [p2, 300]]);
    assert.deepEqual([kariBasket.budgetName, kariBasket.currency, kariBasket.rule, kariBasket.phaseTitle.nb], [{ nb: 'Hele byen' }, 'NOK', 'mes', 'Avstemning']);
    assert.deepEqual(open[0]!.receipt.projects.map((p) => p.points), [3, 2], 'a ranking counts 3 and 2 points for its places');
    assert.deepEqual(value(await mine(f.ola)).ballots.map((b) => b.receipt.projects.length), [2], 'Ola sees his ballot only');

    f.now.value = new Date('2026-12-02T09:00:00Z');
    value(await f.platform.budgeting.publishResults(f.manager, { phaseId: basket.phaseId }));
    const closed = value(await mine(f.kari)).ballots;
    assert.deepEqual(closed.map((b) => b.state), ['closed', 'closed']);
    const published = closed.find((b) => b.phaseId === basket.phaseId)!;
    assert.ok(published.publishedAt);
    assert.equal(published.receipt.code, kariReceipt.code);
    // Each voter's share is 500: project 1 (600) is paid 300 by each; then Kari's 200 left cannot pay project 2.
    const outcomes = new Map((published.outcomes ?? []).map((o) => [o.id, o] as const));
    assert.deepEqual([outcomes.get(p1)?.funded, outcomes.get(p1)?.paid, outcomes.get(p1)?.rank], [true, 300, 1]);
    assert.equal(outcomes.get(p2)?.funded, false);
    assert.equal(outcomes.get(p2)?.paid, null);
    assert.notEqual(outcomes.get(p2)?.reason, '', 'why it lost');
    assert.equal(closed.find((b) => b.phaseId === ranking.phaseId)?.outcomes, null, 'not published there');
  });
});

describe('moving a vote’s dates', () => {
  let phaseId = '';
  let processId = '';
  before(async () => {
    f.now.value = new Date('2026-11-23T10:00:00Z');
    const created = await f.platform.processes.ensureProcess({
      slug: 'dates',
      status: 'published',
      title: { nb: 'Datoer' },
      summary: { nb: 'Flytt avstemningen.' },
      startsOn: null,
      endsOn: null,
      createdBy: f.manager.id,
      phases: [
        { method: 'ideas', title: { nb: 'Ideer' }, startsOn: '2026-11-01', endsOn: '2026-11-15' },
        { method: 'budgeting', title: { nb: 'Avstemning' }, startsOn: '2026-11-20', endsOn: '2026-11-30' },
      ],
    });
    processId = created.id;
    phaseId = created.phaseIds[1] ?? '';
    value(await f.platform.budgeting.designBallot(f.manager, { phaseId, voters: 'everyone' }));
  });
  const move = (actor: Actor | null, startsOn: string, endsOn: string) => f.platform.budgeting.moveVotingDates(actor, { phaseId, startsOn, endsOn });

  test('staff only; bad dates name their field and nothing moves', async () => {
    const byResident = await move(f.kari, '2026-11-20', '2026-12-10');
    assert.equal(!byResident.ok && byResident.code, 'Forbidden');
    const anonymous = await move(null, '2026-11-20', '2026-12-10');
    assert.equal(!anonymous.ok && anonymous.code, 'NotSignedIn');
    assert.deepEqual(problems(await move(f.manager, '2026-11-25', '2026-11-24')), ['endsOn:field.endBeforeStart']);
    assert.deepEqual(problems(await move(f.manager, '2026-11-18', '2026-11-22')), ['endsOn:budgeting.dates.endPast']);
    assert.deepEqual(problems(await move(f.manager, '2026-11-10', '2026-11-30')), ['startsOn:field.phaseOverlap'], 'the ideas phase is in the way');
    const phase = await f.platform.processes.getPhase(phaseId);
    assert.deepEqual([phase?.phase.startsOn, phase?.phase.endsOn], ['2026-11-20', '2026-11-30']);
  });

  test('extending an open vote moves the phase and the process with it, audited; ballots keep its start in the past', async () => {
    value(await move(f.manager, '2026-11-20', '2026-12-10'));
    const moved = await f.platform.processes.getPhase(phaseId);
    assert.deepEqual([moved?.phase.startsOn, moved?.phase.endsOn, moved?.phase.state], ['2026-11-20', '2026-12-10', 'open']);
    assert.equal((await f.platform.processes.getProcessById(processId))?.endsOn, '2026-12-10', 'the process ends with its last phase');
    const audit = await f.platform.audit.forSubject('phase', phaseId);
    const entry = audit.find((e) => e.action === 'budgeting.voting_dates_moved');
    assert.deepEqual(entry?.details, { from: { startsOn: '2026-11-20', endsOn: '2026-11-30' }, to: { startsOn: '2026-11-20', endsOn: '2026-12-10' } });

    const budgetId = value(await f.platform.budgeting.addBudget(f.manager, { phaseId, name: 'By', area: null, amount: 100 })).id;
    const project = value(await f.platform.budgeting.createProject(f.manager, { phaseId, budgetId, title: 'Benk', cost: 50 })).id;
    value(await f.platform.budgeting.reviewProject(f.manager, { projectId: project, state: 'eligible' }));
    value(await f.platform.budgeting.castBallot(f.kari, { phaseId, projects: [project] }));
    assert.deepEqual(problems(await move(f.manager, '2026-11-25', '2026-12-10')), ['startsOn:budgeting.dates.startWithBallots']);
  });

  test('once the vote has closed its dates stay', async () => {
    f.now.value = new Date('2026-12-12T09:00:00Z');
    const late = await move(f.manager, '2026-11-20', '2026-12-20');
    assert.equal(!late.ok && late.code, 'PhaseClosed');
    assert.equal((await f.platform.processes.getPhase(phaseId))?.phase.endsOn, '2026-12-10');
  });
});
