// Pabulib and CSV imports: a good file becomes the phase's budget, projects, design and ballots; a bad one is
// refused with every problem by line, and nothing of it is stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pbErrorCodes } from '@tingsted/budgeting';
import { fieldMessage } from '../edge/errors.ts';
import { catalogs, locales } from '../i18n/translate.ts';
import { budgetingRepository } from './budgeting.repository.ts';
import { ioFixture, problems, smallPb, type IoFixture } from '../testing/budgeting.ts';

let f: IoFixture;
let phaseId = '';

before(async () => {
  f = await ioFixture();
  phaseId = await f.phase('import');
});
after(async () => f?.drop());

const lines = (text: string) => text.split('\n');
const withLine = (n: number, line: string) => lines(smallPb).map((l, i) => (i === n - 1 ? line : l)).join('\n');

async function budgets() {
  const of = await f.platform.budgeting.budgetingOf(f.manager, { phaseId });
  assert.ok(of.ok);
  return of.value;
}

describe('Pabulib import', () => {
  test('a malformed file: every error with its line, nothing imported', async () => {
    // Line 12: a cost that is not a number; line 21: a vote naming an unknown project.
    const bad = withLine(21, 'v4;A2,A9').replace('A1;400;', 'A1;fire hundre;');
    const result = await f.platform.budgeting.importPabulib(f.manager, { phaseId, file: bad });
    assert.equal(!result.ok && result.code, 'ValidationFailed');
    assert.deepEqual(problems(result), ['file:budgeting.import.pb.cost-not-number@12', 'file:budgeting.import.pb.unknown-project@21']);
    assert.deepEqual(!result.ok && result.fields?.map((x) => x.params), [
      { line: 12, value: 'fire hundre' },
      { line: 21, project: 'A9' },
    ]);
    const of = await budgets();
    assert.deepEqual([of.budgets.length, of.projects.length], [0, 0]);
  });

  test('every problem the Pabulib reader names has a message in each language, and the Norwegian one fills in its line and values', () => {
    for (const code of pbErrorCodes) for (const locale of locales) assert.ok(Object.hasOwn(catalogs[locale], `budgeting.import.pb.${code}`), `${locale} lacks ${code}`);
    const text = fieldMessage('nb', { field: 'file', message: 'budgeting.import.pb.cost-not-number', params: { line: 12, value: 'fire hundre' } });
    assert.equal(text, 'Linje 12: kostnaden «fire hundre» er ikke et tall.');
  });

  test('costs with decimals are refused: money is whole units', async () => {
    const result = await f.platform.budgeting.importPabulib(f.manager, { phaseId, file: smallPb.replace('A2;300;', 'A2;300.50;') });
    assert.deepEqual(problems(result), ['file:budgeting.import.decimals@13']);
  });

  test('ballots that break the design from META are listed by line', async () => {
    // Line 20: four projects (max_length 3); line 19: 900 + … over the basket of 1,000.
    const bad = withLine(20, 'v3;A1,A2,A3,A4').replace('v2;A1,A4', 'v2;A1,A3,A4');
    const result = await f.platform.budgeting.importPabulib(f.manager, { phaseId, file: bad });
    assert.deepEqual(problems(result), ['file:budgeting.line.overBudget@19', 'file:budgeting.line.tooMany@20', 'file:budgeting.line.overBudget@20']);
  });

  test('META the platform cannot run is refused by line', async () => {
    const result = await f.platform.budgeting.importPabulib(f.manager, { phaseId, file: withLine(8, 'rule;borda-count') });
    assert.deepEqual(problems(result), ['file:budgeting.import.unsupported@8']);
  });

  test('points and rankings: points below 0, and ranking points other than the Borda points K..1, are named by line', async () => {
    const cumulative = smallPb
      .replace('vote_type;approval', 'vote_type;cumulative\nmax_sum_points;5')
      .replace('max_sum_cost;1000\n', '')
      .replace('voter_id;vote\n', 'voter_id;vote;points\n')
      .replace('v1;A1,A2', 'v1;A1,A2;6,-1')
      .replace('v2;A1,A4', 'v2;A1,A4;3,2')
      .replace('v3;A3', 'v3;A3;5')
      .replace('v4;A2,A4', 'v4;A2,A4;4,1');
    assert.deepEqual(problems(await f.platform.budgeting.importPabulib(f.manager, { phaseId, file: cumulative })), ['file:budgeting.line.pointsInvalid@18']);
    const ordinal = smallPb
      .replace('vote_type;approval', 'vote_type;ordinal')
      .replace('max_sum_cost;1000\n', '')
      .replace('voter_id;vote\n', 'voter_id;vote;points\n')
      .replace('v1;A1,A2', 'v1;A1,A2;3,2')
      .replace('v2;A1,A4', 'v2;A1,A4;3,1')
      .replace('v3;A3', 'v3;A3;3')
      .replace('v4;A2,A4', 'v4;A2,A4;3,2');
    assert.deepEqual(problems(await f.platform.budgeting.importPabulib(f.manager, { phaseId, file: ordinal })), ['file:budgeting.import.rankingPoints@18']);
  });

  test('only managers import', async () => {
    assert.equal((await f.platform.budgeting.importPabulib(null, { phaseId, file: smallPb })).ok === false, true);
    const resident = await f.platform.budgeting.importPabulib(f.kari, { phaseId, file: smallPb });
    assert.equal(!resident.ok && resident.code, 'Forbidden');
  });

  test('a good file: projects numbered in file order with references, the design from META, ballots counted at once', async () => {
    const result = await f.platform.budgeting.importPabulib(f.manager, { phaseId, file: smallPb });
    assert.ok(result.ok);
    assert.deepEqual([result.value.projects, result.value.ballots], [4, 4]);
    const of = await budgets();
    assert.deepEqual(of.projects.map((p) => `${p.number}:${p.reference}:${p.cost}:${p.review.state}`), ['1:A1:400:eligible', '2:A2:300:eligible', '3:A3:500:eligible', '4:A4:200:eligible']);
    assert.equal(of.projects[1]?.title.nb, 'Lekeplass');
    assert.deepEqual([of.design.ballotKind, of.design.maxProjects, of.design.rule, of.design.currency], ['basket', 3, 'greedy', 'NOK']);
    assert.deepEqual(of.budgets.map((b) => [b.amount, b.area, b.name.nb]), [[1000, null, 'Testvik 2026']]);
    const r = await f.platform.budgeting.budgetingResults(f.manager, { phaseId });
    assert.ok(r.ok);
    assert.deepEqual(r.value.selected.map((s) => `${s.reference}:${s.votes}`), ['A4:2', 'A2:2', 'A1:2']);
    assert.deepEqual([r.value.cost, r.value.ballots], [900, 4]);
  });

  test('a malformed file later leaves the earlier import as it was', async () => {
    const result = await f.platform.budgeting.importPabulib(f.manager, { phaseId, file: smallPb.replace('budget;1000', 'budget;') });
    assert.equal(result.ok, false);
    const of = await budgets();
    assert.deepEqual(of.projects.map((p) => p.reference), ['A1', 'A2', 'A3', 'A4']);
  });

  test('identical ballots are stored once with their voters, and counted and exported once per voter', async () => {
    const other = await f.phase('import-merged');
    // v1, v3 and "v,5" cast the same ballot; "v,5" needs quoting in the file and in the stored list of voter ids.
    const file = smallPb.replace('v4;A2,A4\n', 'v4;A2,A4\nv5;A2,A1\n"v,5";A1,A2\nv6;A2,A4\n').replace('v3;A3', 'v3;A1,A2');
    const result = await f.platform.budgeting.importPabulib(f.manager, { phaseId: other, file });
    assert.ok(result.ok);
    assert.equal(result.value.ballots, 7);
    const rows = await f.db.selectFrom('budget_ballots').select(['weight', 'voter_ref', 'voter_refs']).where('phase_id', '=', other).orderBy('weight', 'desc').orderBy('voter_refs').execute();
    assert.deepEqual(rows.map((r) => [r.weight, r.voter_ref, r.voter_refs]), [
      [3, null, ['v1', 'v3', 'v,5']],
      [2, null, ['v4', 'v6']],
      [1, null, ['v2']],
      [1, null, ['v5']],
    ]);
    const r = await f.platform.budgeting.budgetingResults(f.manager, { phaseId: other });
    assert.ok(r.ok);
    assert.equal(r.value.ballots, 7);
    assert.deepEqual(r.value.projects.map((p) => p.votes), [5, 6, 0, 3]);
    const exported = await f.platform.budgeting.exportBudgeting(f.manager, { phaseId: other, format: 'pb' });
    assert.ok(exported.ok);
    const votes = exported.value.body.split('\nVOTES\n')[1]!.trim().split('\n').slice(1);
    assert.deepEqual(votes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), ['v,5;A1,A2;pabulib', 'v1;A1,A2;pabulib', 'v2;A1,A4;pabulib', 'v3;A1,A2;pabulib', 'v4;A2,A4;pabulib', 'v5;A2,A1;pabulib', 'v6;A2,A4;pabulib']);
  });

  test('refused once the phase has online ballots', async () => {
    const other = await f.phase('import-online');
    assert.ok((await f.platform.budgeting.importPabulib(f.manager, { phaseId: other, file: smallPb })).ok);
    const of = await f.platform.budgeting.budgetingOf(f.manager, { phaseId: other });
    assert.ok(of.ok);
    await budgetingRepository(f.db).upsertOnlineBallot({ phaseId: other, budgetId: of.value.budgets[0]!.id, voterId: f.kari.id, projects: [of.value.projects[0]!.id], points: null, receipt: 'ABCDEFGHJK' });
    const again = await f.platform.budgeting.importPabulib(f.manager, { phaseId: other, file: smallPb.replace('A4;200;', 'A4;250;') });
    assert.equal(!again.ok && again.code, 'Conflict');
    const still = await f.platform.budgeting.budgetingOf(f.manager, { phaseId: other });
    assert.equal(still.ok && still.value.projects[3]?.cost, 200);
  });
});

describe('CSV import', () => {
  let budgetId = '';
  before(async () => {
    budgetId = (await budgets()).budgets[0]!.id;
  });
  const csv = (label: string, text: string) => f.platform.budgeting.importBallots(f.manager, { phaseId, budgetId, label, csv: text });
  const batches = async () => {
    const list = await f.platform.budgeting.listBatches(f.manager, { phaseId });
    assert.ok(list.ok);
    return list.value.batches.filter((b) => b.source === 'csv');
  };

  test('a syntax error names its line and column', async () => {
    const result = await csv('syntax', 'voter_id,vote\r\nk1,"1,2\r\n');
    assert.deepEqual(problems(result), ['csv:budgeting.import.csvSyntax@2']);
    assert.deepEqual(await batches(), []);
  });

  test('the header must name voter_id and vote', async () => {
    assert.deepEqual(problems(await csv('header', 'id;projects\nk1;1\n')), ['csv:budgeting.import.csvColumns@1']);
  });

  test('every bad line is listed and nothing is stored', async () => {
    const text = ['voter_id;vote', 'k1;1,2', 'k2;1,9', 'k3;1,2,3,4', 'k4;1,3,4', 'k1;2', ';4', 'k7;x'].join('\n');
    assert.deepEqual(problems(await csv('bad', text)), [
      'csv:budgeting.line.unknownProject@3',
      'csv:budgeting.line.tooMany@4',
      'csv:budgeting.line.overBudget@4',
      'csv:budgeting.line.overBudget@5',
      'csv:budgeting.import.voterTwice@6',
      'csv:budgeting.import.voterMissing@7',
      'csv:budgeting.line.unknownProject@8',
    ]);
    assert.deepEqual(await batches(), []);
  });

  test('a good file (BOM, CRLF, quoted lists, references) waits for a second person before it counts', async () => {
    const result = await csv('skjema-1', '\uFEFFvoter_id,vote\r\nk1,"A3"\r\nk2,"A3,A4"\r\n');
    assert.ok(result.ok);
    assert.equal(result.value.ballots, 2);
    const [batch] = await batches();
    assert.deepEqual([batch?.label, batch?.ballots, batch?.confirmedAt, batch?.canConfirm], ['skjema-1', 2, null, false]);
    const before = await f.platform.budgeting.budgetingResults(f.manager, { phaseId });
    assert.equal(before.ok && before.value.ballots, 4);
    assert.equal((await f.platform.budgeting.confirmBatch(f.clerk, { batchId: batch!.id })).ok, true);
    const after = await f.platform.budgeting.budgetingResults(f.manager, { phaseId });
    assert.ok(after.ok);
    assert.equal(after.value.ballots, 6);
    assert.equal(after.value.projects.find((p) => p.id === after.value.selected.find((s) => s.reference === 'A4')?.id)?.votes, 3);
  });

  test('the same file again is refused, under its label or another', async () => {
    assert.deepEqual(problems(await csv('skjema-1', 'voter_id,vote\nk9,1\n')), ['label:budgeting.batch.labelTaken']);
    assert.deepEqual(problems(await csv('skjema-2', 'voter_id;vote\nk1;3\nk2;3,4\n')), ['csv:budgeting.batch.duplicate']);
  });
});
