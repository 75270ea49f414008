// Casting a budgeting ballot over the API (issue 16): PUT …/budgeting/ballot in each ballot kind's shape; an
// invalid ballot is a 422 naming the field and the reason, and nothing is stored; recasting replaces the ballot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';
import { anonymous, budgetingPhase } from './testing/budgeting.ts';

let server: TestServer;
let per: ApiCall;
let kari: ApiCall;
let ola: ApiCall;
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  ola = await apiClient(server.url, 'ola@demo.tingsted.no');
});
after(async () => server.close());

interface Receipt {
  budgetId: string;
  code: string;
  projects: { id: string; number: number; cost: number; points: number | null }[];
  total: number;
  castAt: string;
  changeableUntil: string;
}

interface Mine {
  budgets: { budgetId: string; eligible: boolean; why: string | null; receipt: Receipt | null }[];
}

/** A phase with `design`, one budget per entry of `budgets` (area → amount, '' for citywide) and eligible projects (budget index, cost). */
async function phaseWith(slug: string, design: Record<string, unknown>, budgets: [string, number][], projects: [number, number][], dates?: { startsOn: string; endsOn: string }) {
  const phaseId = await budgetingPhase(server, slug, dates);
  assert.equal((await per(`/api/v1/phases/${phaseId}/budgeting/design`, { method: 'PUT', json: design })).status, 200);
  const budgetIds: string[] = [];
  for (const [area, amount] of budgets) {
    const made = await per(`/api/v1/phases/${phaseId}/budgeting/budgets`, { method: 'POST', json: { name: area || 'Hele byen', area: area || null, amount, locale: 'nb' } });
    assert.equal(made.status, 201);
    budgetIds.push(((await made.json()) as { id: string }).id);
  }
  const projectIds: string[] = [];
  for (const [i, [budget, cost]] of projects.entries()) {
    const made = await per(`/api/v1/phases/${phaseId}/budgeting/projects`, { method: 'POST', json: { budgetId: budgetIds[budget], title: `Prosjekt ${i + 1}`, cost, locale: 'nb' } });
    assert.equal(made.status, 201);
    const { id } = (await made.json()) as { id: string };
    assert.equal((await per(`/api/v1/budgeting/projects/${id}/review`, { method: 'PUT', json: { state: 'eligible' } })).status, 200);
    projectIds.push(id);
  }
  return { phaseId, budgetIds, projectIds };
}

test('a basket ballot: over budget, too many projects, another budget\'s project or another district refused with 422 and nothing stored; recasting replaces it', async () => {
  const { phaseId, budgetIds, projectIds } = await phaseWith(
    'kurv-over-api',
    { ballotKind: 'basket', maxProjects: 2 },
    [['Sentrum', 100_000], ['Nordbyen', 100_000], ['', 200_000]],
    [[0, 40_000], [0, 30_000], [0, 70_000], [0, 20_000], [1, 60_000], [2, 150_000]],
  );
  const [sentrum, nordbyen, city] = budgetIds;
  const [a, b, c, d, north, square] = projectIds;
  const ballot = `/api/v1/phases/${phaseId}/budgeting/ballot`;
  const mine = async (call: ApiCall) => (await (await call(ballot)).json()) as Mine;
  const receiptIn = async (call: ApiCall, budgetId: string | undefined) => (await mine(call)).budgets.find((x) => x.budgetId === budgetId)?.receipt ?? null;

  assert.equal((await anonymous(server.url, ballot, 'PUT', { budgetId: sentrum, projects: [a] })).status, 401);
  assert.equal((await anonymous(server.url, ballot)).status, 401);
  // Kari lives in Sentrum: she may vote there and citywide, not in Nordbyen.
  const before = (await mine(kari)).budgets;
  assert.deepEqual([sentrum, city].map((id) => before.find((x) => x.budgetId === id)).map((x) => [x?.eligible, x?.receipt]), [[true, null], [true, null]]);
  assert.notEqual(before.find((x) => x.budgetId === nordbyen)?.eligible, true);

  const over = await kari(ballot, { method: 'PUT', json: { budgetId: sentrum, projects: [a, c] } });
  assert.equal(over.status, 422);
  assert.deepEqual(await fieldsOf(over), ['projects']);
  const tooMany = await kari(ballot, { method: 'PUT', json: { budgetId: sentrum, projects: [a, b, d] } });
  assert.equal(tooMany.status, 422);
  assert.deepEqual(await fieldsOf(tooMany), ['projects']);
  const elsewhere = await kari(ballot, { method: 'PUT', json: { budgetId: sentrum, projects: [a, north] } });
  assert.equal(elsewhere.status, 422);
  assert.deepEqual(await fieldsOf(elsewhere), ['projects']);
  const otherDistrict = await kari(ballot, { method: 'PUT', json: { budgetId: nordbyen, projects: [north] } });
  assert.equal(otherDistrict.status, 422);
  assert.deepEqual(await fieldsOf(otherDistrict), ['budgetId']);
  const wrongShape = await kari(ballot, { method: 'PUT', json: { budgetId: sentrum, points: { [a ?? '']: 3 } } });
  assert.equal(wrongShape.status, 422);
  assert.deepEqual(await fieldsOf(wrongShape), ['projects']);
  const notAnId = await kari(ballot, { method: 'PUT', json: { budgetId: sentrum, projects: ['nummer-1'] } });
  assert.equal(notAnId.status, 400);
  assert.match((await fieldsOf(notAnId))[0] ?? '', /^projects/);
  assert.equal(await receiptIn(kari, sentrum), null);
  const counted = async () => ((await (await per(`/api/v1/phases/${phaseId}/budgeting`)).json()) as { budgets: { id: string; ballots: number }[] }).budgets;
  assert.deepEqual((await counted()).map((x) => x.ballots), [0, 0, 0]);

  // A valid ballot gets a receipt with a verification code; casting again replaces it with a new code.
  const cast = await kari(ballot, { method: 'PUT', json: { budgetId: sentrum, projects: [a, b] } });
  assert.equal(cast.status, 200);
  const first = (await cast.json()) as Receipt;
  assert.match(first.code, /^[A-Z0-9]{10}$/);
  assert.deepEqual([first.budgetId, first.total, new Set(first.projects.map((p) => p.id)), first.changeableUntil], [sentrum, 70_000, new Set([a, b]), '2099-12-31']);
  const again = await kari(ballot, { method: 'PUT', json: { budgetId: sentrum, projects: [d] } });
  assert.equal(again.status, 200);
  const second = (await again.json()) as Receipt;
  assert.notEqual(second.code, first.code);
  assert.equal(second.total, 20_000);
  assert.deepEqual((await receiptIn(kari, sentrum))?.code, second.code);
  // A refused change keeps the ballot that was there.
  assert.equal((await kari(ballot, { method: 'PUT', json: { budgetId: sentrum, projects: [a, c] } })).status, 422);
  assert.deepEqual((await receiptIn(kari, sentrum))?.projects.map((p) => p.id), [d]);

  assert.equal((await kari(ballot, { method: 'PUT', json: { budgetId: city, projects: [square] } })).status, 200);
  assert.equal((await ola(ballot, { method: 'PUT', json: { budgetId: nordbyen, projects: [north] } })).status, 200);
  assert.deepEqual((await counted()).map((x) => x.ballots), [1, 1, 1]);

  // Once ballots exist the design and the budgets' projects are fixed.
  assert.equal((await per(`/api/v1/phases/${phaseId}/budgeting/design`, { method: 'PUT', json: { maxProjects: 3 } })).status, 409);
  assert.equal((await per(`/api/v1/budgeting/projects/${a}`, { method: 'PUT', json: { cost: 10_000 } })).status, 409);
  assert.equal((await per(`/api/v1/budgeting/budgets/${sentrum}`, { method: 'PUT', json: { amount: 1_000_000 } })).status, 409);
});

test('points and ranking ballots: the points spread exactly, distinct projects ranked up to the limit', async () => {
  const points = await phaseWith('poeng-over-api', { ballotKind: 'points', pointsTotal: 10, voters: 'everyone' }, [['', 500_000]], [[0, 100_000], [0, 200_000], [0, 300_000]]);
  const [p1, p2, p3] = points.projectIds;
  const ballot = `/api/v1/phases/${points.phaseId}/budgeting/ballot`;
  const short = await kari(ballot, { method: 'PUT', json: { points: { [p1 ?? '']: 6, [p2 ?? '']: 3 } } });
  assert.equal(short.status, 422);
  assert.deepEqual(await fieldsOf(short), ['points']);
  const negative = await kari(ballot, { method: 'PUT', json: { points: { [p1 ?? '']: 11, [p2 ?? '']: -1 } } });
  assert.equal(negative.status, 400);
  assert.match((await fieldsOf(negative))[0] ?? '', /^points/);
  const spread = await kari(ballot, { method: 'PUT', json: { points: { [p1 ?? '']: 6, [p2 ?? '']: 4, [p3 ?? '']: 0 } } });
  assert.equal(spread.status, 200);
  const receipt = (await spread.json()) as Receipt;
  assert.deepEqual(new Map(receipt.projects.map((p) => [p.id, p.points])), new Map([[p1, 6], [p2, 4]]));

  const ranking = await phaseWith('rangering-over-api', { ballotKind: 'ranking', rankLimit: 2, voters: 'everyone' }, [['', 500_000]], [[0, 100_000], [0, 200_000], [0, 300_000]]);
  const [r1, r2, r3] = ranking.projectIds;
  const ranked = `/api/v1/phases/${ranking.phaseId}/budgeting/ballot`;
  const tooMany = await ola(ranked, { method: 'PUT', json: { ranking: [r1, r2, r3] } });
  assert.equal(tooMany.status, 422);
  assert.deepEqual(await fieldsOf(tooMany), ['ranking']);
  const twice = await ola(ranked, { method: 'PUT', json: { ranking: [r1, r1] } });
  assert.equal(twice.status, 422);
  assert.deepEqual(await fieldsOf(twice), ['ranking']);
  const mine = async () => ((await (await ola(ranked)).json()) as Mine).budgets[0]?.receipt ?? null;
  assert.equal(await mine(), null);
  const good = await ola(ranked, { method: 'PUT', json: { ranking: [r2, r1] } });
  assert.equal(good.status, 200);
  assert.deepEqual((await mine())?.projects.map((p) => p.id), [r2, r1]);
});

test('no voting before the phase opens or after it closes; residents only: a person without a registered area may not vote', async () => {
  const closed = await phaseWith('lukket-over-api', { ballotKind: 'approval' }, [['', 500_000]], [[0, 100_000]], { startsOn: '2021-01-01', endsOn: '2021-02-01' });
  const late = await kari(`/api/v1/phases/${closed.phaseId}/budgeting/ballot`, { method: 'PUT', json: { projects: closed.projectIds } });
  assert.equal(late.status, 409);
  assert.equal(((await late.json()) as { error: { code: string } }).error.code, 'PhaseClosed');
  const upcoming = await phaseWith('kommende-over-api', { ballotKind: 'approval' }, [['', 500_000]], [[0, 100_000]], { startsOn: '2098-01-01', endsOn: '2098-02-01' });
  assert.equal((await kari(`/api/v1/phases/${upcoming.phaseId}/budgeting/ballot`, { method: 'PUT', json: { projects: upcoming.projectIds } })).status, 409);

  // Per (a process manager without a resident profile area) may not vote where only residents may.
  const open = await phaseWith('innbyggere-over-api', { ballotKind: 'approval', voters: 'residents' }, [['', 500_000]], [[0, 100_000]]);
  const notResident = await per(`/api/v1/phases/${open.phaseId}/budgeting/ballot`, { method: 'PUT', json: { projects: open.projectIds } });
  assert.equal(notResident.status, 422);
  assert.deepEqual(await fieldsOf(notResident), ['budgetId']);
  const mine = ((await (await per(`/api/v1/phases/${open.phaseId}/budgeting/ballot`)).json()) as Mine).budgets;
  assert.deepEqual(mine.map((b) => [b.eligible, b.receipt]), [[false, null]]);
  assert.ok(mine[0]?.why);
  assert.equal((await kari(`/api/v1/phases/${open.phaseId}/budgeting/ballot`, { method: 'PUT', json: { projects: open.projectIds } })).status, 200);
});
