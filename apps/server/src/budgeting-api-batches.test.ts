// Paper batches, spreadsheet and Pabulib imports, results, publishing and the export over the API (issue 16):
// staff only (process managers and administrators); batches count once a second person confirms them; a
// malformed file is refused with every error named and nothing imported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from './testing/server.ts';
import { apiClient, fieldsOf, type ApiCall } from './testing/api-client.ts';
import { anonymous, budgetingPhase, rawClient, smallPabulib, type RawCall } from './testing/budgeting.ts';

let server: TestServer;
let per: ApiCall;
let ada: ApiCall;
let kari: ApiCall;
let perText: RawCall;
let kariText: RawCall;
let nobodyText: RawCall;
before(async () => {
  server = await startTestServer({ web: false });
  per = await apiClient(server.url, 'prosess@demo.tingsted.no');
  ada = await apiClient(server.url, 'admin@demo.tingsted.no');
  kari = await apiClient(server.url, 'kari@demo.tingsted.no');
  perText = await rawClient(server.url, 'prosess@demo.tingsted.no');
  kariText = await rawClient(server.url, 'kari@demo.tingsted.no');
  nobodyText = await rawClient(server.url);
});
after(async () => server.close());

interface Batch {
  id: string;
  budgetId: string;
  source: string;
  label: string;
  ballots: number;
  confirmedBy: string | null;
  canConfirm: boolean;
}

interface Result {
  rule: string;
  budgetId: string;
  selected: { id: string; number: number; reference: string | null; cost: number; votes: number }[];
  cost: number;
  ballots: number;
  ballotsHash: string;
  publishedAt: string | null;
}

/** A phase with an approval design, one citywide budget and four eligible projects (numbers 1–4). */
async function approvalPhase(slug: string, dates?: { startsOn: string; endsOn: string }) {
  const phaseId = await budgetingPhase(server, slug, dates);
  assert.equal((await per(`/api/v1/phases/${phaseId}/budgeting/design`, { method: 'PUT', json: { ballotKind: 'basket', rule: 'greedy', voters: 'everyone' } })).status, 200);
  const budget = await per(`/api/v1/phases/${phaseId}/budgeting/budgets`, { method: 'POST', json: { name: 'Hele byen', amount: 100_000, locale: 'nb' } });
  const budgetId = ((await budget.json()) as { id: string }).id;
  const projectIds: string[] = [];
  for (const [i, cost] of [40_000, 30_000, 50_000, 20_000].entries()) {
    const made = await per(`/api/v1/phases/${phaseId}/budgeting/projects`, { method: 'POST', json: { budgetId, title: `Prosjekt ${i + 1}`, cost, locale: 'nb' } });
    const { id } = (await made.json()) as { id: string };
    assert.equal((await per(`/api/v1/budgeting/projects/${id}/review`, { method: 'PUT', json: { state: 'eligible' } })).status, 200);
    projectIds.push(id);
  }
  return { phaseId, budgetId, projectIds };
}

test('paper batches: entered by one staff member, confirmed by another, counted only then; bad lines and a second entry refused', async () => {
  const { phaseId, budgetId } = await approvalPhase('papir-over-api');
  const path = `/api/v1/phases/${phaseId}/budgeting/paper-batches`;
  const batch = { budgetId, label: 'Biblioteket, bunke 1', ballots: '1 2\n4\n3, 4' };
  const batches = async (call: ApiCall = per) => ((await (await call(`/api/v1/phases/${phaseId}/budgeting/batches`)).json()) as { batches: Batch[] }).batches;
  const counted = async () => ((await (await per(`/api/v1/phases/${phaseId}/budgeting/results`)).json()) as Result).ballots;

  assert.equal((await anonymous(server.url, path, 'POST', batch)).status, 401);
  assert.equal((await kari(path, { method: 'POST', json: batch })).status, 403);
  assert.equal((await kari(`/api/v1/phases/${phaseId}/budgeting/batches`)).status, 403);
  assert.equal((await anonymous(server.url, `/api/v1/phases/${phaseId}/budgeting/batches`)).status, 401);
  const noLabel = await per(path, { method: 'POST', json: { ...batch, label: '' } });
  assert.equal(noLabel.status, 400);
  assert.deepEqual(await fieldsOf(noLabel), ['label']);
  // An unknown project number, or a line over the budget: every bad line is named, nothing is entered.
  const badLines = await per(path, { method: 'POST', json: { ...batch, ballots: '1 2\n9\n1 2 3' } });
  assert.equal(badLines.status, 400);
  const problems = ((await badLines.json()) as { error: { fields: { field: string; message: string }[] } }).error.fields;
  assert.deepEqual(problems.map((p) => p.field), ['ballots', 'ballots'], JSON.stringify(problems));
  assert.match(problems[0]?.message ?? '', /\b2\b/);
  assert.match(problems[1]?.message ?? '', /\b3\b/);
  assert.deepEqual(await batches(), []);

  const entered = await per(path, { method: 'POST', json: batch });
  assert.equal(entered.status, 201);
  const { id, ballots } = (await entered.json()) as { id: string; ballots: number };
  assert.equal(ballots, 3);
  assert.equal((await per(path, { method: 'POST', json: batch })).status, 409);
  assert.equal((await per(path, { method: 'POST', json: { ...batch, label: 'Biblioteket, bunke 1 igjen' } })).status, 409);
  assert.deepEqual((await batches()).map((b) => [b.label, b.source, b.ballots, b.confirmedBy, b.canConfirm]), [['Biblioteket, bunke 1', 'paper', 3, null, false]]);
  assert.equal((await batches(ada))[0]?.canConfirm, true);
  assert.equal(await counted(), 0);

  // The person who entered it cannot confirm it; a second staff member can; residents cannot.
  const confirm = `/api/v1/budgeting/batches/${id}/confirm`;
  assert.equal((await anonymous(server.url, confirm, 'POST')).status, 401);
  assert.equal((await kari(confirm, { method: 'POST' })).status, 403);
  const self = await per(confirm, { method: 'POST' });
  assert.equal(self.status, 403);
  assert.deepEqual(await fieldsOf(self), ['batchId']);
  assert.equal(await counted(), 0);
  assert.equal((await ada(confirm, { method: 'POST' })).status, 200);
  assert.equal(await counted(), 3);
  assert.ok((await batches())[0]?.confirmedBy);
  assert.equal((await ada(confirm, { method: 'POST' })).status, 409);
  assert.equal((await ada('/api/v1/budgeting/batches/00000000-0000-4000-8000-000000000000/confirm', { method: 'POST' })).status, 404);
});

test('a spreadsheet of ballots: as text/csv with the budget and label in the query, or as JSON; a bad file names its lines and imports nothing', async () => {
  const { phaseId, budgetId } = await approvalPhase('regneark-over-api');
  const path = `/api/v1/phases/${phaseId}/budgeting/ballots/csv`;
  const csv = 'voter_id;vote\nA1;1,2\nA2;4\nA3;2,4\n';
  const batches = async () => ((await (await per(`/api/v1/phases/${phaseId}/budgeting/batches`)).json()) as { batches: Batch[] }).batches;

  const query = `?budgetId=${budgetId}&label=${encodeURIComponent('Skolevalg')}`;
  assert.equal((await nobodyText(path + query, { method: 'POST', contentType: 'text/csv', body: csv })).status, 401);
  assert.equal((await kariText(path + query, { method: 'POST', contentType: 'text/csv', body: csv })).status, 403);
  const noBudget = await perText(`${path}?label=Skolevalg`, { method: 'POST', contentType: 'text/csv', body: csv });
  assert.equal(noBudget.status, 400);
  assert.deepEqual(await fieldsOf(noBudget), ['budgetId']);
  const bad = await perText(path + query, { method: 'POST', contentType: 'text/csv', body: 'voter_id;vote\nA1;1,2\nA2;77\nA3;2,x\n' });
  assert.equal(bad.status, 400);
  const problems = ((await bad.json()) as { error: { fields: { field: string; message: string }[] } }).error.fields;
  assert.deepEqual(problems.map((p) => p.field), ['csv', 'csv'], JSON.stringify(problems));
  assert.match(problems[0]?.message ?? '', /\b3\b/);
  assert.match(problems[1]?.message ?? '', /\b4\b/);
  assert.deepEqual(await batches(), []);

  const raw = await perText(path + query, { method: 'POST', contentType: 'text/csv; charset=utf-8', body: csv });
  assert.equal(raw.status, 201);
  assert.equal(((await raw.json()) as { ballots: number }).ballots, 3);
  const json = await ada(path, { method: 'POST', json: { budgetId, label: 'Seniorsenteret', csv: 'voter_id;vote\nB1;3\nB2;1,4\n' } });
  assert.equal(json.status, 201);
  assert.equal(((await json.json()) as { ballots: number }).ballots, 2);
  assert.deepEqual(new Set((await batches()).map((b) => `${b.label}|${b.source}|${b.ballots}|${b.confirmedBy}`)), new Set(['Seniorsenteret|csv|2|null', 'Skolevalg|csv|3|null']));
});

test('a Pabulib file: as text/plain or JSON, managers only; a malformed file lists its errors by line; refused once online ballots exist', async () => {
  const phaseId = await budgetingPhase(server, 'pabulib-over-api');
  const path = `/api/v1/phases/${phaseId}/budgeting/pabulib`;
  const file = smallPabulib(['p1,p2', 'p1,p4', 'p3', 'p2,p4', 'p1']);

  assert.equal((await nobodyText(path, { method: 'POST', contentType: 'text/plain', body: file })).status, 401);
  assert.equal((await kariText(path, { method: 'POST', contentType: 'text/plain', body: file })).status, 403);
  const broken = file.replace('p2;30000;', 'p2;-30;').replace('v3;p3', 'v3;p9');
  const malformed = await perText(path, { method: 'POST', contentType: 'text/plain', body: broken });
  assert.equal(malformed.status, 400);
  const problems = ((await malformed.json()) as { error: { fields: { field: string; message: string }[] } }).error.fields;
  assert.ok(problems.length >= 2, JSON.stringify(problems));
  assert.ok(problems.every((p) => /\d/.test(p.field + p.message)), `each error names its line: ${JSON.stringify(problems)}`);
  // In the reader's language (the manager has none chosen: the municipality's Norwegian), each with its line.
  assert.deepEqual(
    problems.map((p) => p.message),
    ['Linje 15: kostnaden -30 er negativ.', 'Linje 22: stemmen nevner prosjekt p9, som ikke finnes i PROJECTS.'],
  );
  const empty = async () => ((await (await per(`/api/v1/phases/${phaseId}/budgeting`)).json()) as { budgets: unknown[]; projects: unknown[] });
  const nothing = await empty();
  assert.deepEqual([nothing.budgets, nothing.projects], [[], []]);

  const imported = await per(path, { method: 'POST', json: { file } });
  assert.equal(imported.status, 200);
  const counts = (await imported.json()) as { projects: number; ballots: number };
  assert.deepEqual([counts.projects, counts.ballots], [4, 5]);
  const phase = (await (await per(`/api/v1/phases/${phaseId}/budgeting`)).json()) as { budgets: { amount: number; ballots: number }[]; projects: { reference: string | null }[] };
  assert.deepEqual(phase.budgets.map((b) => [b.amount, b.ballots]), [[100_000, 5]]);
  assert.deepEqual(phase.projects.map((p) => p.reference), ['p1', 'p2', 'p3', 'p4']);

  // Importing again (an administrator may too) replaces the projects and ballots instead of adding to them.
  assert.equal((await ada(path, { method: 'POST', json: { file } })).status, 200);
  assert.equal(((await (await per(`/api/v1/phases/${phaseId}/budgeting`)).json()) as { projects: unknown[] }).projects.length, 4);
  // Greedy by votes: p1 (3 votes, 40,000), then p4 and p2 (2 votes each; the lower cost first) — 90,000; p3 does not fit.
  const greedy = (await (await per(`/api/v1/phases/${phaseId}/budgeting/results?rule=greedy`)).json()) as Result;
  assert.deepEqual([greedy.selected.map((p) => p.reference), greedy.cost, greedy.ballots], [['p1', 'p4', 'p2'], 90_000, 5]);
  assert.deepEqual(greedy.selected.map((p) => p.votes), [3, 2, 2]);
  const badRule = await per(`/api/v1/phases/${phaseId}/budgeting/results?rule=borda`);
  assert.equal(badRule.status, 400);
  assert.deepEqual(await fieldsOf(badRule), ['rule']);

  // Once someone has voted online (Kari lives in the municipality; the file's budget is citywide), an import would
  // throw their ballot away: refused.
  const projectId = ((await (await per(`/api/v1/phases/${phaseId}/budgeting`)).json()) as { projects: { id: string }[] }).projects[0]?.id;
  const voted = await kari(`/api/v1/phases/${phaseId}/budgeting/ballot`, { method: 'PUT', json: { projects: [projectId] } });
  assert.equal(voted.status, 200);
  assert.equal((await perText(path, { method: 'POST', contentType: 'text/plain', body: file })).status, 409);
  assert.equal(((await (await per(`/api/v1/phases/${phaseId}/budgeting/results?rule=greedy`)).json()) as Result).ballots, 6);

  // The export lists an online ballot under its receipt code, never under the voter.
  const exported = await (await per(`/api/v1/phases/${phaseId}/budgeting/export?format=csv`)).text();
  const kariId = (await server.platform.db.selectFrom('users').select('id').where('email', '=', 'kari@demo.tingsted.no').executeTakeFirstOrThrow()).id;
  assert.ok(exported.includes(((await voted.json()) as { code: string }).code));
  assert.equal(exported.includes(kariId) || exported.includes('kari@'), false);
});

test('results: live for staff, not found for others until published; publishing after the close stores the result; the export as .pb and CSV', async () => {
  const phaseId = await budgetingPhase(server, 'resultat-over-api', { startsOn: '2024-01-01', endsOn: '2024-02-01' });
  assert.equal((await per(`/api/v1/phases/${phaseId}/budgeting/pabulib`, { method: 'POST', json: { file: smallPabulib(['p1,p2', 'p1,p4', 'p3', 'p2,p4', 'p1']) } })).status, 200);
  const results = `/api/v1/phases/${phaseId}/budgeting/results`;
  assert.equal((await per(results)).status, 200);
  assert.equal((await ada(`${results}?rule=mes`)).status, 200);
  // Before publication there is no result for anyone but staff.
  assert.equal((await kari(results)).status, 404);
  assert.equal((await anonymous(server.url, results)).status, 404);
  const exportPath = `/api/v1/phases/${phaseId}/budgeting/export`;
  assert.equal((await kari(`${exportPath}?format=pb`)).status, 404);
  assert.equal((await anonymous(server.url, `${exportPath}?format=csv`)).status, 404);

  const publish = `/api/v1/phases/${phaseId}/budgeting/results/publish`;
  assert.equal((await anonymous(server.url, publish, 'POST')).status, 401);
  assert.equal((await kari(publish, { method: 'POST' })).status, 403);
  const published = await per(publish, { method: 'POST' });
  assert.equal(published.status, 200);
  const stored = ((await published.json()) as { results: { budgetId: string; resultId: string; selected: number }[] }).results;
  assert.equal(stored.length, 1);

  // Now public: the rule the phase announced (greedy, from the file's META), with the ballots' hash and the time.
  const shown = (await (await anonymous(server.url, results)).json()) as Result;
  assert.deepEqual([shown.rule, shown.cost, shown.ballots, shown.selected.length], ['greedy', 90_000, 5, stored[0]?.selected]);
  assert.match(shown.ballotsHash, /^[0-9a-f]{64}$/);
  assert.ok(shown.publishedAt);

  const pb = await per(`${exportPath}?format=pb`);
  assert.equal(pb.status, 200);
  assert.match(pb.headers.get('content-disposition') ?? '', /^attachment; filename=".+\.pb"$/);
  const text = await pb.text();
  assert.match(text, /^META/);
  assert.match(text, /\nVOTES/);
  assert.match(text, /\nv1;/, "imported ballots keep the file's voter ids");
  const csv = await ada(`${exportPath}?format=csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(csv.headers.get('content-disposition') ?? '', /^attachment; filename=".+\.csv"$/);
  const badFormat = await per(`${exportPath}?format=xlsx`);
  assert.equal(badFormat.status, 400);
  assert.deepEqual(await fieldsOf(badFormat), ['format']);
  assert.equal((await per('/api/v1/phases/00000000-0000-4000-8000-000000000000/budgeting/results')).status, 404);
});

test('publishing before the phase has closed is refused, for administrators too', async () => {
  const { phaseId } = await approvalPhase('for-tidlig-over-api');
  const early = await ada(`/api/v1/phases/${phaseId}/budgeting/results/publish`, { method: 'POST' });
  assert.equal(early.status, 409);
  assert.deepEqual(await fieldsOf(early), ['phaseId']);
});
