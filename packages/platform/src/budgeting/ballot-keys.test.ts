// The database's keys on ballots (migration 2026_12_08_0001): a batch ballot is checked against its batch (in
// the same budget and phase), an online ballot against its budget (in the same phase); deleting a budget
// deletes both kinds of its ballots.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ioFixture, smallPb, type IoFixture } from '../testing/budgeting.ts';

let f: IoFixture;
const phases: { phaseId: string; budgetId: string; batchId: string }[] = [];

before(async () => {
  f = await ioFixture();
  for (const slug of ['keys-a', 'keys-b']) {
    const phaseId = await f.phase(slug);
    assert.ok((await f.platform.budgeting.importPabulib(f.manager, { phaseId, file: smallPb })).ok);
    const budget = await f.db.selectFrom('budget_budgets').select('id').where('phase_id', '=', phaseId).executeTakeFirstOrThrow();
    const batch = await f.db.selectFrom('budget_batches').select('id').where('phase_id', '=', phaseId).executeTakeFirstOrThrow();
    phases.push({ phaseId, budgetId: budget.id, batchId: batch.id });
  }
});
after(async () => f?.drop());

const foreignKey = { message: /violates foreign key constraint/ };

async function ballot(phaseId: string, budgetId: string, batchId: string | null, voterId: string | null = null) {
  const project = await f.db.selectFrom('budget_projects').select('id').where('budget_id', '=', budgetId).limit(1).executeTakeFirstOrThrow();
  const online = batchId === null;
  await f.db
    .insertInto('budget_ballots')
    .values({ phase_id: phaseId, budget_id: budgetId, batch_id: batchId, source: online ? 'online' : 'pabulib', voter_id: voterId, receipt: online ? 'ABCDEFGHJK' : null, projects: [project.id] })
    .execute();
}

test('a batch ballot must name its batch with the batch’s budget and phase', async () => {
  const [a, b] = [phases[0]!, phases[1]!];
  await ballot(a.phaseId, a.budgetId, a.batchId);
  await assert.rejects(ballot(a.phaseId, a.budgetId, b.batchId), foreignKey);
  await assert.rejects(ballot(b.phaseId, b.budgetId, a.batchId), foreignKey);
});

test('an online ballot must name a budget of its phase', async () => {
  const [a, b] = [phases[0]!, phases[1]!];
  await assert.rejects(ballot(a.phaseId, b.budgetId, null, f.kari.id), foreignKey);
  await ballot(a.phaseId, a.budgetId, null, f.kari.id);
});

test('deleting a budget deletes its online and batch ballots', async () => {
  const a = phases[0]!;
  const count = async () => Number((await f.db.selectFrom('budget_ballots').select((eb) => eb.fn.countAll().as('n')).where('budget_id', '=', a.budgetId).executeTakeFirstOrThrow()).n);
  assert.ok((await count()) > 1);
  await f.db.deleteFrom('budget_budgets').where('id', '=', a.budgetId).execute();
  assert.equal(await count(), 0);
  const other = await f.db.selectFrom('budget_ballots').select('id').where('budget_id', '=', phases[1]!.budgetId).execute();
  assert.ok(other.length > 0, 'the other phase keeps its ballots');
});
