// Participatory budgeting over the API (issue 16): the ballot design, budgets, projects, their review and
// delivery. Process managers and administrators may; residents get 403, anonymous callers 401.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';
import { anonymous, budgetingPhase, budgetingProcess } from './testing/budgeting.ts';

let server: TestServer;
let per: ApiCall;
let ada: ApiCall;
let kari: ApiCall;
let olav: ApiCall;
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  ada = await apiClient(server.url, 'admin@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  olav = await apiClient(server.url, 'ordforer@demo.tingsted.no');
});
after(async () => server.close());

const missingId = '00000000-0000-4000-8000-000000000000';

interface Phase {
  state: string;
  design: { ballotKind: string; rule: string; maxProjects: number | null; currency: string; voters: string; tieBreak: string[] };
  budgets: { id: string; name: Record<string, string>; area: string | null; amount: number; projects: number; ballots: number }[];
  projects: { id: string; number: number; title: Record<string, string>; cost: number; review: { state: string; reason: Record<string, string> }; can: { edit: boolean; review: boolean; update: boolean } }[];
  can: { manage: boolean; vote: boolean; enterPaper: boolean; publish: boolean };
}

test('the ballot design: managers and administrators set it, residents 403, anonymous 401, bad fields named and nothing changed', async () => {
  const phaseId = await budgetingPhase(server, 'design-over-api');
  const phase = async (call: ApiCall = per) => (await (await call(`/api/v1/phases/${phaseId}/budgeting`)).json()) as Phase;

  // The defaults, shown to everyone (a published process); only staff may manage.
  const shown = (await (await anonymous(server.url, `/api/v1/phases/${phaseId}/budgeting`)).json()) as Phase;
  assert.deepEqual([shown.state, shown.design.ballotKind, shown.design.rule, shown.design.voters, shown.design.currency], ['open', 'basket', 'mes-add1', 'residents', 'NOK']);
  assert.deepEqual(shown.can, { manage: false, vote: false, enterPaper: false, publish: false });
  assert.equal((await phase(kari)).can.manage, false);
  assert.equal((await phase(kari)).can.vote, true);
  assert.deepEqual((await phase()).can, { manage: true, vote: true, enterPaper: true, publish: false });
  assert.equal((await per(`/api/v1/phases/${missingId}/budgeting`)).status, 404);

  const path = `/api/v1/phases/${phaseId}/budgeting/design`;
  const design = { ballotKind: 'basket', maxProjects: 3, rule: 'greedy', tieBreak: ['lowest-cost', 'lot'] };
  assert.equal((await anonymous(server.url, path, 'PUT', design)).status, 401);
  assert.equal((await kari(path, { method: 'PUT', json: design })).status, 403);
  assert.equal((await olav(path, { method: 'PUT', json: design })).status, 403);
  const badKind = await per(path, { method: 'PUT', json: { ...design, ballotKind: 'lottery' } });
  assert.equal(badKind.status, 400);
  assert.deepEqual(await fieldsOf(badKind), ['ballotKind']);
  const badCurrency = await per(path, { method: 'PUT', json: { ...design, currency: 'kroner' } });
  assert.equal(badCurrency.status, 400);
  assert.deepEqual(await fieldsOf(badCurrency), ['currency']);
  const limits = await per(path, { method: 'PUT', json: { ...design, minProjects: 4, maxProjects: 2 } });
  assert.equal(limits.status, 400);
  assert.deepEqual(await fieldsOf(limits), ['maxProjects']);
  const points = await per(path, { method: 'PUT', json: { ballotKind: 'points', pointsTotal: null } });
  assert.equal(points.status, 400);
  assert.deepEqual(await fieldsOf(points), ['pointsTotal']);
  assert.deepEqual([(await phase()).design.ballotKind, (await phase()).design.rule], ['basket', 'mes-add1']);

  assert.equal((await per(path, { method: 'PUT', json: design })).status, 200);
  assert.deepEqual([(await phase()).design.rule, (await phase()).design.maxProjects], ['greedy', 3]);
  assert.equal((await ada(path, { method: 'PUT', json: { rule: 'mes', voters: 'everyone' } })).status, 200);
  assert.deepEqual([(await phase()).design.rule, (await phase()).design.voters, (await phase()).design.maxProjects], ['mes', 'everyone', 3]);
  assert.equal((await per(`/api/v1/phases/${missingId}/budgeting/design`, { method: 'PUT', json: design })).status, 404);
});

test('budgets: a district and the citywide one; one per area; amounts above zero; removed only while empty', async () => {
  const phaseId = await budgetingPhase(server, 'budgets-over-api');
  const budgets = async () => ((await (await per(`/api/v1/phases/${phaseId}/budgeting`)).json()) as Phase).budgets;
  const path = `/api/v1/phases/${phaseId}/budgeting/budgets`;
  const sentrum = { name: 'Sentrum', area: 'Sentrum', amount: 500_000, locale: 'nb' };

  assert.equal((await anonymous(server.url, path, 'POST', sentrum)).status, 401);
  assert.equal((await kari(path, { method: 'POST', json: sentrum })).status, 403);
  for (const amount of [0, -100, 12.5]) {
    const bad = await per(path, { method: 'POST', json: { ...sentrum, amount } });
    assert.equal(bad.status, 400, String(amount));
    assert.deepEqual(await fieldsOf(bad), ['amount']);
  }
  const noName = await per(path, { method: 'POST', json: { area: 'Sentrum', amount: 500_000 } });
  assert.equal(noName.status, 400);
  assert.deepEqual(await fieldsOf(noName), ['name']);
  assert.deepEqual(await budgets(), []);

  const made = await per(path, { method: 'POST', json: sentrum });
  assert.equal(made.status, 201);
  const sentrumId = ((await made.json()) as { id: string }).id;
  const city = await ada(path, { method: 'POST', json: { name: 'Hele byen', amount: 1_000_000, locale: 'nb' } });
  assert.equal(city.status, 201);
  const cityId = ((await city.json()) as { id: string }).id;
  const twice = await per(path, { method: 'POST', json: { ...sentrum, name: 'Sentrum igjen' } });
  assert.equal(twice.status, 400);
  assert.deepEqual(await fieldsOf(twice), ['area']);
  assert.deepEqual(new Set((await budgets()).map((b) => `${b.name.nb}|${b.area}|${b.amount}`)), new Set(['Sentrum|Sentrum|500000', 'Hele byen|null|1000000']));

  const budget = `/api/v1/budgeting/budgets/${sentrumId}`;
  assert.equal((await kari(budget, { method: 'PUT', json: { amount: 600_000 } })).status, 403);
  assert.equal((await anonymous(server.url, budget, 'PUT', { amount: 600_000 })).status, 401);
  const zero = await per(budget, { method: 'PUT', json: { amount: 0 } });
  assert.equal(zero.status, 400);
  assert.deepEqual(await fieldsOf(zero), ['amount']);
  assert.equal((await per(budget, { method: 'PUT', json: { amount: 600_000, name: 'Sentrum og havna', locale: 'nb' } })).status, 200);
  assert.deepEqual((await budgets()).find((b) => b.id === sentrumId)?.amount, 600_000);
  assert.equal((await ada(budget, { method: 'PUT', json: { amount: 650_000 } })).status, 200);
  assert.deepEqual((await budgets()).find((b) => b.id === sentrumId)?.amount, 650_000);
  assert.equal((await per(`/api/v1/budgeting/budgets/${missingId}`, { method: 'PUT', json: { amount: 1 } })).status, 404);

  // A budget with a project stays; an empty one goes.
  assert.equal((await per(`/api/v1/phases/${phaseId}/budgeting/projects`, { method: 'POST', json: { budgetId: sentrumId, title: 'Benker', cost: 40_000 } })).status, 201);
  assert.equal((await per(budget, { method: 'DELETE' })).status, 409);
  assert.equal((await kari(`/api/v1/budgeting/budgets/${cityId}`, { method: 'DELETE' })).status, 403);
  assert.equal((await anonymous(server.url, `/api/v1/budgeting/budgets/${cityId}`, 'DELETE')).status, 401);
  assert.equal((await ada(`/api/v1/budgeting/budgets/${cityId}`, { method: 'DELETE' })).status, 200);
  assert.deepEqual((await budgets()).map((b) => b.id), [sentrumId]);
  assert.equal((await per(`/api/v1/budgeting/budgets/${missingId}`, { method: 'DELETE' })).status, 404);
});

test('projects: created with a cost above zero and numbered, reviewed (a reason when not eligible), edited and removed; residents see only eligible ones', async () => {
  const phaseId = await budgetingPhase(server, 'projects-over-api');
  const budgetId = ((await (await per(`/api/v1/phases/${phaseId}/budgeting/budgets`, { method: 'POST', json: { name: 'Hele byen', amount: 300_000 } })).json()) as { id: string }).id;
  const path = `/api/v1/phases/${phaseId}/budgeting/projects`;
  const bench = { budgetId, title: 'Benker langs elva', description: 'Ti nye benker med ryggstøtte.', cost: 80_000, costMin: 60_000, costMax: 100_000, category: 'Natur', locale: 'nb' };

  assert.equal((await anonymous(server.url, path, 'POST', bench)).status, 401);
  assert.equal((await kari(path, { method: 'POST', json: bench })).status, 403);
  for (const cost of [0, -5, 1.5]) {
    const bad = await per(path, { method: 'POST', json: { ...bench, cost } });
    assert.equal(bad.status, 400, String(cost));
    assert.deepEqual(await fieldsOf(bad), ['cost']);
  }
  const badBudget = await per(path, { method: 'POST', json: { ...bench, budgetId: 'hele-byen' } });
  assert.equal(badBudget.status, 400);
  assert.deepEqual(await fieldsOf(badBudget), ['budgetId']);
  const staffView = async () => (await (await per(`/api/v1/phases/${phaseId}/budgeting`)).json()) as Phase;
  assert.deepEqual((await staffView()).projects, []);

  const first = await per(path, { method: 'POST', json: bench });
  assert.equal(first.status, 201);
  const benchProject = (await first.json()) as { id: string; number: number };
  const second = await ada(path, { method: 'POST', json: { budgetId, title: 'Lys i smuget', cost: 50_000 } });
  assert.equal(second.status, 201);
  const light = (await second.json()) as { id: string; number: number };
  assert.deepEqual([benchProject.number, light.number], [1, 2]);
  assert.deepEqual((await staffView()).projects.map((p) => [p.number, p.review.state]), [[1, 'pending'], [2, 'pending']]);

  // The review: not eligible needs a public reason; only eligible projects reach the ballot.
  const review = `/api/v1/budgeting/projects/${benchProject.id}/review`;
  assert.equal((await kari(review, { method: 'PUT', json: { state: 'eligible' } })).status, 403);
  assert.equal((await anonymous(server.url, review, 'PUT', { state: 'eligible' })).status, 401);
  const noReason = await per(`/api/v1/budgeting/projects/${light.id}/review`, { method: 'PUT', json: { state: 'ineligible' } });
  assert.equal(noReason.status, 400);
  assert.deepEqual(await fieldsOf(noReason), ['reason']);
  const badState = await per(review, { method: 'PUT', json: { state: 'maybe' } });
  assert.equal(badState.status, 400);
  assert.deepEqual(await fieldsOf(badState), ['state']);
  assert.deepEqual((await staffView()).projects.map((p) => p.review.state), ['pending', 'pending']);
  assert.equal((await per(review, { method: 'PUT', json: { state: 'eligible', costCheckedBy: 'Teknisk etat', costCheckedOn: '2026-11-30' } })).status, 200);
  assert.equal((await ada(`/api/v1/budgeting/projects/${light.id}/review`, { method: 'PUT', json: { state: 'ineligible', reason: 'Smuget er privat grunn.', locale: 'nb' } })).status, 200);
  assert.equal((await per(`/api/v1/budgeting/projects/${missingId}/review`, { method: 'PUT', json: { state: 'eligible' } })).status, 404);

  const residentView = (await (await kari(`/api/v1/phases/${phaseId}/budgeting`)).json()) as Phase;
  assert.deepEqual(residentView.projects.map((p) => p.id), [benchProject.id]);
  assert.deepEqual(residentView.projects[0]?.can, { edit: false, review: false, update: false });
  const shown = (await (await anonymous(server.url, `/api/v1/budgeting/projects/${light.id}`)).json()) as { project: Phase['projects'][number]; phaseId: string };
  assert.deepEqual([shown.project.review.state, shown.project.review.reason.nb, shown.phaseId], ['ineligible', 'Smuget er privat grunn.', phaseId]);
  assert.equal((await anonymous(server.url, `/api/v1/budgeting/projects/${missingId}`)).status, 404);

  // Editing: the fields named when wrong, nothing changed; a new cost sends the project back to review.
  const project = `/api/v1/budgeting/projects/${benchProject.id}`;
  assert.equal((await kari(project, { method: 'PUT', json: { cost: 90_000 } })).status, 403);
  assert.equal((await anonymous(server.url, project, 'PUT', { cost: 90_000 })).status, 401);
  const zero = await per(project, { method: 'PUT', json: { cost: 0, title: 'Nye benker' } });
  assert.equal(zero.status, 400);
  assert.deepEqual(await fieldsOf(zero), ['cost']);
  assert.deepEqual((await staffView()).projects.map((p) => [p.title.nb, p.cost]), [['Benker langs elva', 80_000], ['Lys i smuget', 50_000]]);
  assert.equal((await per(project, { method: 'PUT', json: { cost: 90_000, title: 'Nye benker', locale: 'nb' } })).status, 200);
  const edited = (await staffView()).projects[0];
  assert.deepEqual([edited?.title.nb, edited?.cost, edited?.review.state], ['Nye benker', 90_000, 'pending']);
  assert.equal((await ada(project, { method: 'PUT', json: { category: 'Møteplasser' } })).status, 200);
  assert.equal((await per(`/api/v1/budgeting/projects/${missingId}`, { method: 'PUT', json: { cost: 1 } })).status, 404);

  assert.equal((await kari(`/api/v1/budgeting/projects/${light.id}`, { method: 'DELETE' })).status, 403);
  assert.equal((await anonymous(server.url, `/api/v1/budgeting/projects/${light.id}`, 'DELETE')).status, 401);
  assert.equal((await ada(`/api/v1/budgeting/projects/${light.id}`, { method: 'DELETE' })).status, 200);
  assert.equal((await per(`/api/v1/budgeting/projects/${light.id}`)).status, 404);
  assert.equal((await per(`/api/v1/budgeting/projects/${missingId}`, { method: 'DELETE' })).status, 404);
});

test('a project made from ideas keeps them; delivery updates move it along and are listed with the project', async () => {
  const titles = { 'Benker langs elva': 'Det er for få steder å sette seg.', 'Flere benker ved skolen': 'Foreldre venter ved porten.' };
  const { phaseId, ideaIds } = await budgetingProcess(server, 'delivery-over-api', undefined, titles);
  const ideas = ideaIds.map((id, i) => ({ id, title: Object.keys(titles)[i] }));
  const budgetId = ((await (await per(`/api/v1/phases/${phaseId}/budgeting/budgets`, { method: 'POST', json: { name: 'Hele byen', amount: 300_000 } })).json()) as { id: string }).id;
  // An idea from another process is not this process's.
  const elsewhere = (await server.platform.db.selectFrom('ideas').select('id').where('process_id', '<>', (await server.platform.processes.getPhase(phaseId))?.process.id ?? '').executeTakeFirstOrThrow()).id;
  const foreign = await per(`/api/v1/phases/${phaseId}/budgeting/projects`, { method: 'POST', json: { budgetId, title: 'Fra en annen prosess', cost: 10_000, ideaIds: [elsewhere] } });
  assert.equal(foreign.status, 400);
  assert.deepEqual(await fieldsOf(foreign), ['ideaIds']);
  const unknownIdea = await per(`/api/v1/phases/${phaseId}/budgeting/projects`, { method: 'POST', json: { budgetId, title: 'Fra en idé som ikke finnes', cost: 10_000, ideaIds: [missingId] } });
  assert.equal(unknownIdea.status, 400);
  assert.deepEqual(await fieldsOf(unknownIdea), ['ideaIds']);
  const made = await per(`/api/v1/phases/${phaseId}/budgeting/projects`, { method: 'POST', json: { budgetId, cost: 70_000, ideaIds: ideas.map((i) => i.id) } });
  assert.equal(made.status, 201);
  const { id } = (await made.json()) as { id: string };
  const detail = async () => (await (await per(`/api/v1/budgeting/projects/${id}`)).json()) as { project: { title: Record<string, string>; status: string | null; progressPercent: number | null; ideaIds: string[] }; ideas: { id: string }[]; updates: { status: string | null; title: string | null; progressPercent: number | null }[] };
  // The title defaults to the first idea's.
  assert.equal(Object.values((await detail()).project.title)[0], ideas[0]?.title);
  assert.deepEqual((await detail()).ideas.map((i) => i.id), ideas.map((i) => i.id));

  const updates = `/api/v1/budgeting/projects/${id}/updates`;
  assert.equal((await kari(updates, { method: 'POST', json: { status: 'accepted', body: 'Vi bygger.' } })).status, 403);
  assert.equal((await anonymous(server.url, updates, 'POST', { status: 'accepted' })).status, 401);
  const badProgress = await per(updates, { method: 'POST', json: { title: 'Halvveis', progressPercent: 150 } });
  assert.equal(badProgress.status, 400);
  assert.deepEqual(await fieldsOf(badProgress), ['progressPercent']);
  const badStatus = await per(updates, { method: 'POST', json: { status: 'kanskje' } });
  assert.equal(badStatus.status, 400);
  assert.deepEqual(await fieldsOf(badStatus), ['status']);
  assert.deepEqual((await detail()).updates, []);
  assert.equal((await per(updates, { method: 'POST', json: { status: 'accepted', body: 'Bystyret har satt av pengene.' } })).status, 201);
  assert.equal((await ada(updates, { method: 'POST', json: { title: 'Benkene er bestilt', happenedOn: '2026-12-01', progressPercent: 40 } })).status, 201);
  const after = await detail();
  assert.deepEqual([after.project.status, after.project.progressPercent], ['accepted', 40]);
  assert.equal(after.updates.length, 2);
  assert.equal((await per(`/api/v1/budgeting/projects/${missingId}/updates`, { method: 'POST', json: { status: 'accepted' } })).status, 404);
});
