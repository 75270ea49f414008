// Results: live for staff, hidden from the public until published after the phase's end; publishing stores the
// rule, the ballots' hash and the time and tells online voters; exports round-trip through Pabulib.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readPabulib, tally } from '@tingsted/budgeting';
import { parseCsv } from '@tingsted/csv';
import { budgetingRepository } from './budgeting.repository.ts';
import { ioFixture, problems, smallPb, type IoFixture } from '../testing/budgeting.ts';

let f: IoFixture;
let phaseId = '';
let budgetId = '';
const ids = new Map<string, string>();

/** A phase with smallPb imported and two online ballots: Kari A1+A2, Ola A3. */
async function phaseWithVotes(slug: string, file: string): Promise<{ phaseId: string; budgetId: string }> {
  const phase = await f.phase(slug);
  assert.ok((await f.platform.budgeting.importPabulib(f.manager, { phaseId: phase, file })).ok);
  const of = await f.platform.budgeting.budgetingOf(f.manager, { phaseId: phase });
  assert.ok(of.ok);
  const budget = of.value.budgets[0]!.id;
  for (const p of of.value.projects) ids.set(`${slug}:${p.reference}`, p.id);
  const repo = budgetingRepository(f.db);
  await repo.upsertOnlineBallot({ phaseId: phase, budgetId: budget, voterId: f.kari.id, projects: [ids.get(`${slug}:A1`)!, ids.get(`${slug}:A2`)!], points: null, receipt: 'KARI234567' });
  await repo.upsertOnlineBallot({ phaseId: phase, budgetId: budget, voterId: f.ola.id, projects: [ids.get(`${slug}:A3`)!], points: null, receipt: 'OLAB234567' });
  return { phaseId: phase, budgetId: budget };
}

before(async () => {
  f = await ioFixture();
  ({ phaseId, budgetId } = await phaseWithVotes('results', smallPb));
});
after(async () => f?.drop());

const results = (actor: Parameters<typeof f.platform.budgeting.budgetingResults>[0], rule?: 'greedy' | 'mes' | 'mes-add1') => f.platform.budgeting.budgetingResults(actor, { phaseId, ...(rule ? { rule } : {}) });

describe('results before and after publication', () => {
  test('before publication the public gets nothing, not even an export; staff see the live result', async () => {
    for (const actor of [null, f.kari]) {
      const r = await results(actor);
      assert.equal(!r.ok && r.code, 'NotFound');
      const exported = await f.platform.budgeting.exportBudgeting(actor, { phaseId, format: 'csv' });
      assert.equal(!exported.ok && exported.code, 'NotFound');
    }
    const live = await results(f.manager);
    assert.ok(live.ok);
    // Votes A1 3, A2 3, A3 2, A4 2: A2 before A1 by lowest cost, then A4; A3 no longer fits.
    assert.deepEqual(live.value.selected.map((s) => s.reference), ['A2', 'A1', 'A4']);
    assert.deepEqual([live.value.rule, live.value.cost, live.value.ballots, live.value.publishedAt], ['greedy', 900, 6, null]);
    assert.equal(live.value.projects.find((p) => p.id === ids.get('results:A3'))?.reason, 'over-budget');
    // A paper batch entered now and not yet confirmed does not count.
    assert.ok((await f.platform.budgeting.enterPaperBatch(f.manager, { phaseId, budgetId, label: 'unconfirmed', ballots: '3\n3' })).ok);
    const still = await results(f.manager);
    assert.equal(still.ok && still.value.ballots, 6);
  });

  test('publishing is for managers, once the phase has ended', async () => {
    const resident = await f.platform.budgeting.publishResults(f.kari, { phaseId });
    assert.equal(!resident.ok && resident.code, 'Forbidden');
    const early = await f.platform.budgeting.publishResults(f.manager, { phaseId });
    assert.equal(!early.ok && early.code, 'Conflict');
    assert.deepEqual(problems(early), ['phaseId:budgeting.results.notOver']);
  });

  test('after the end: stored with rule, ballots hash and time, the public sees it and online voters are told', async () => {
    f.now.value = new Date('2026-12-02T09:00:00Z');
    const published = await f.platform.budgeting.publishResults(f.manager, { phaseId });
    assert.ok(published.ok);
    assert.deepEqual(published.value.results.map((r) => [r.budgetId, r.selected]), [[budgetId, 3]]);
    const seen = await results(null);
    assert.ok(seen.ok);
    assert.deepEqual(seen.value.selected.map((s) => s.reference), ['A2', 'A1', 'A4']);
    assert.equal(seen.value.publishedAt, '2026-12-02T09:00:00.000Z');
    // The counted ballots as project numbers, sorted, one per line: pabulib 1,2 / 1,4 / 3 / 2,4; online 1,2 / 3.
    const expected = createHash('sha256').update(['1,2', '1,2', '1,4', '2,4', '3', '3'].map((l) => `${l}\n`).join('')).digest('hex');
    assert.equal(seen.value.ballotsHash, expected);
    const staff = await results(f.manager);
    assert.equal(staff.ok && staff.value.publishedAt, '2026-12-02T09:00:00.000Z', 'the live result is the published one');
    const compare = await results(f.kari, 'mes');
    assert.ok(compare.ok);
    assert.deepEqual([compare.value.rule, compare.value.publishedAt], ['mes', null]);
    const staffCompare = await results(f.manager, 'mes');
    assert.deepEqual(staffCompare.ok && staffCompare.value.selected, compare.value.selected, 'the public comparison is the live tally');
    for (const voter of [f.kari, f.ola]) {
      const told = await f.platform.notifications.listFor(voter, 'en');
      assert.deepEqual(told.map((n) => [n.kind, n.link]), [['budget_results', `/processes/results/budgeting/${phaseId}/results`]]);
    }
    assert.deepEqual(await f.platform.notifications.listFor(f.manager, 'en'), []);
  });

  test('ballots entered or confirmed after publication are refused', async () => {
    const late = await f.platform.budgeting.enterPaperBatch(f.manager, { phaseId, budgetId, label: 'sent', ballots: '1' });
    assert.deepEqual(problems(late), ['label:budgeting.batch.published']);
    const list = await f.platform.budgeting.listBatches(f.clerk, { phaseId });
    const waiting = list.ok ? list.value.batches.find((b) => b.label === 'unconfirmed') : undefined;
    assert.ok(waiting);
    assert.deepEqual(problems(await f.platform.budgeting.confirmBatch(f.clerk, { batchId: waiting.id })), ['batchId:budgeting.batch.published']);
    const seen = await results(null);
    assert.equal(seen.ok && seen.value.ballots, 6);
  });

  test('a voter learns what their ballot helped fund; under MES with what their share paid', async () => {
    const funded = async (actor: typeof f.kari, phase: string) => {
      const mine = await f.platform.budgeting.myBallot(actor, { phaseId: phase });
      assert.ok(mine.ok);
      return mine.value.budgets[0]?.funded?.map((p) => [p.title.nb, p.paid]) ?? null;
    };
    assert.deepEqual(await funded(f.kari, phaseId), [['Lekeplass', null], ['Benker i parken', null]]);
    const mes = await phaseWithVotes('results-mes', smallPb.replace('rule;greedy', 'rule;equalshares'));
    assert.equal(await funded(f.kari, mes.phaseId), null, 'nothing before publication');
    assert.ok((await f.platform.budgeting.publishResults(f.manager, { phaseId: mes.phaseId })).ok);
    const shares = await funded(f.kari, mes.phaseId);
    assert.ok(shares && shares.length > 0);
    // Six voters share the budget of 1,000: no one pays more than 1,000 / 6.
    for (const [title, paid] of shares) assert.ok(typeof paid === 'number' && paid > 0 && paid <= 1000 / 6 + 1e-9, `${String(title)} paid ${String(paid)}`);
  });
});

describe('exports', () => {
  test('.pb: projects by reference with the selected column, ballots under receipt codes; it tallies the same', async () => {
    const exported = await f.platform.budgeting.exportBudgeting(null, { phaseId, format: 'pb' });
    assert.ok(exported.ok);
    assert.equal(exported.value.filename, 'results-1.pb');
    const read = readPabulib(exported.value.body);
    assert.ok(read.ok, JSON.stringify(!read.ok && read.detail));
    const e = read.election;
    assert.deepEqual(e.projects.map((p) => `${p.id}:${p.cost}:${p.fields?.selected}`), ['A1:400:1', 'A2:300:1', 'A3:500:0', 'A4:200:1']);
    assert.deepEqual([e.budget, e.voteType, e.meta.rule, e.rules.maxSumCost, e.rules.maxLength], [1000, 'approval', 'greedy', 1000, 3]);
    assert.deepEqual(e.ballots.map((b) => b.voter).filter((v) => v.length === 10).sort((a, b) => (a < b ? -1 : 1)), ['KARI234567', 'OLAB234567']);
    assert.equal(e.ballots.length, 6);
    assert.deepEqual(tally(e, { rule: 'greedy' }).selected, ['A2', 'A1', 'A4']);
  });

  test('CSV: one table, projects then anonymised ballots', async () => {
    const exported = await f.platform.budgeting.exportBudgeting(f.kari, { phaseId, format: 'csv' });
    assert.ok(exported.ok);
    const parsed = parseCsv(exported.value.body);
    assert.ok(parsed.ok);
    const rows = parsed.rows.map((r) => r.fields);
    assert.deepEqual(rows[0], ['record', 'id', 'number', 'title', 'cost', 'selected', 'source', 'vote', 'points']);
    assert.deepEqual(rows.filter((r) => r[0] === 'project').map((r) => `${r[1]}:${r[2]}:${r[5]}`), ['A1:1:1', 'A2:2:1', 'A3:3:0', 'A4:4:1']);
    const ballots = rows.filter((r) => r[0] === 'ballot');
    assert.equal(ballots.length, 6);
    assert.deepEqual(ballots.find((r) => r[1] === 'KARI234567')?.slice(6, 8), ['online', '1,2']);
    assert.ok(!exported.value.body.includes(f.kari.id), 'no voter id in the export');
  });
});
