// Paper batches: a clerk types one ballot per line; every bad line is named, a batch entered twice is refused,
// and it counts only once another staff member confirms it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ioFixture, problems, smallPb, type IoFixture } from '../testing/budgeting.ts';

let f: IoFixture;
let phaseId = '';
let budgetId = '';

before(async () => {
  f = await ioFixture();
  phaseId = await f.phase('paper');
  assert.ok((await f.platform.budgeting.importPabulib(f.manager, { phaseId, file: smallPb })).ok);
  const of = await f.platform.budgeting.budgetingOf(f.manager, { phaseId });
  assert.ok(of.ok);
  budgetId = of.value.budgets[0]!.id;
});
after(async () => f?.drop());

const enter = (label: string, ballots: string, actor = f.manager) => f.platform.budgeting.enterPaperBatch(actor, { phaseId, budgetId, label, ballots });
const counted = async () => {
  const r = await f.platform.budgeting.budgetingResults(f.manager, { phaseId });
  assert.ok(r.ok);
  return r.value.ballots;
};
const batch = async (label: string) => {
  const list = await f.platform.budgeting.listBatches(f.manager, { phaseId });
  assert.ok(list.ok);
  const found = list.value.batches.find((b) => b.label === label);
  assert.ok(found, `batch ${label}`);
  return found;
};

describe('paper batches', () => {
  test('every bad line is named, with what is wrong, and nothing is stored', async () => {
    const result = await enter('urne-1', ['1 2', '', '2 x', '7', '1 2 3 4', '1, 3, 4', '2;2'].join('\n'));
    assert.equal(!result.ok && result.code, 'ValidationFailed');
    assert.deepEqual(problems(result), [
      'ballots:budgeting.line.notANumber@3',
      'ballots:budgeting.line.unknownProject@4',
      'ballots:budgeting.line.tooMany@5',
      'ballots:budgeting.line.overBudget@5',
      'ballots:budgeting.line.overBudget@6',
      'ballots:budgeting.line.duplicateProject@7',
    ]);
    const list = await f.platform.budgeting.listBatches(f.manager, { phaseId });
    assert.deepEqual(list.ok && list.value.batches.map((b) => b.source), ['pabulib']);
  });

  test('a batch without ballots is refused', async () => {
    assert.deepEqual(problems(await enter('urne-0', '\n \n')), ['ballots:budgeting.batch.empty']);
  });

  test('a good batch is stored and waits: it does not count yet', async () => {
    const result = await enter('urne-1', '3\r\n3 4\r\n\r\n1,2\r\n');
    assert.ok(result.ok);
    assert.equal(result.value.ballots, 3);
    assert.equal(await counted(), 4);
    const b = await batch('urne-1');
    assert.deepEqual([b.source, b.ballots, b.enteredBy, b.confirmedBy, b.canConfirm], ['paper', 3, f.manager.id, null, false]);
  });

  test('the same label, or the same ballots under another label, is refused as entered twice', async () => {
    assert.deepEqual(problems(await enter('urne-1', '2')), ['label:budgeting.batch.labelTaken']);
    const again = await enter('urne-1b', '3\n4 3\n1 2', f.clerk);
    assert.equal(!again.ok && again.code, 'Conflict');
    assert.deepEqual(problems(again), ['ballots:budgeting.batch.duplicate']);
  });

  test('the clerk who entered a batch cannot confirm it; another staff member can, once', async () => {
    const b = await batch('urne-1');
    const own = await f.platform.budgeting.confirmBatch(f.manager, { batchId: b.id });
    assert.equal(!own.ok && own.code, 'Forbidden');
    assert.deepEqual(problems(own), ['batchId:budgeting.batch.sameClerk']);
    assert.equal(await counted(), 4);
    const resident = await f.platform.budgeting.confirmBatch(f.kari, { batchId: b.id });
    assert.equal(!resident.ok && resident.code, 'Forbidden');
    const list = await f.platform.budgeting.listBatches(f.clerk, { phaseId });
    assert.equal(list.ok && list.value.batches.find((x) => x.id === b.id)?.canConfirm, true);
    assert.deepEqual(await f.platform.budgeting.confirmBatch(f.clerk, { batchId: b.id }), { ok: true, value: { ok: true } });
    assert.equal(await counted(), 7);
    const confirmed = await batch('urne-1');
    assert.equal(confirmed.confirmedBy, f.clerk.id);
    const twice = await f.platform.budgeting.confirmBatch(f.clerk, { batchId: b.id });
    assert.equal(!twice.ok && twice.code, 'Conflict');
  });

  test('a Pabulib import needs no confirmation', async () => {
    const list = await f.platform.budgeting.listBatches(f.manager, { phaseId });
    const pb = list.ok ? list.value.batches.find((x) => x.source === 'pabulib') : undefined;
    assert.ok(pb);
    assert.equal(pb.canConfirm, false);
    const result = await f.platform.budgeting.confirmBatch(f.clerk, { batchId: pb.id });
    assert.equal(!result.ok && result.code, 'Conflict');
  });

  test('residents see no batches and enter none', async () => {
    assert.equal((await f.platform.budgeting.listBatches(f.kari, { phaseId })).ok, false);
    const entered = await enter('urne-9', '1', f.kari);
    assert.equal(!entered.ok && entered.code, 'Forbidden');
  });

  test('points ballots take number:points and must spread exactly the points', async () => {
    const other = await f.phase('paper-points');
    const points = smallPb.replace('vote_type;approval', 'vote_type;cumulative\nmax_sum_points;5').replace('max_sum_cost;1000\n', '').replace('voter_id;vote\n', 'voter_id;vote;points\n').replace(/^(v\d;)([A\d,]+)$/gm, (_m, v: string, list: string) => `${v}${list};${list.split(',').length === 1 ? '5' : '3,2'}`);
    const imported = await f.platform.budgeting.importPabulib(f.manager, { phaseId: other, file: points });
    assert.ok(imported.ok, JSON.stringify(imported));
    const of = await f.platform.budgeting.budgetingOf(f.manager, { phaseId: other });
    assert.deepEqual(of.ok && [of.value.design.ballotKind, of.value.design.pointsTotal], ['points', 5]);
    const bad = await f.platform.budgeting.enterPaperBatch(f.manager, { phaseId: other, budgetId: imported.value.budgetId, label: 'p', ballots: '1:3 2:2\n1:4 2:2\n3\n' });
    assert.deepEqual(problems(bad), ['ballots:budgeting.line.pointsTotal@2', 'ballots:budgeting.line.pointsMissing@3']);
    const good = await f.platform.budgeting.enterPaperBatch(f.manager, { phaseId: other, budgetId: imported.value.budgetId, label: 'p', ballots: '1:3 2:2\n3:5 4:0\n' });
    assert.ok(good.ok);
  });
});
