// Imports each real election of ../shared/data/pabulib through POST /api/v1/phases/{id}/budgeting/pabulib and
// checks the official outcomes listed in shared/data/README.md through GET …/budgeting/results (issue 16).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from './testing/server.ts';
import { budgetingPhase, rawClient, type RawCall } from './testing/budgeting.ts';

const DATA = process.env.TINGSTED_DATA ?? fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const DIR = `${DATA.replace(/\/$/, '')}/pabulib`;

let server: TestServer;
let manager: RawCall;
before(async () => {
  server = await startTestServer({ web: false });
  manager = await rawClient(server.url, 'prosess@demo.tingsted.no');
});
after(async () => server.close());

function pabulib(name: string): string {
  const path = `${DIR}/${name}`;
  if (!existsSync(path)) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
  return readFileSync(path, 'utf8');
}

/** A new budgeting phase with `name` imported as the file itself (text/plain); its id. */
async function imported(name: string, slug: string, expected: { projects: number; ballots: number }): Promise<string> {
  const phaseId = await budgetingPhase(server, slug);
  const response = await manager(`/api/v1/phases/${phaseId}/budgeting/pabulib`, { method: 'POST', contentType: 'text/plain; charset=utf-8', body: pabulib(name) });
  assert.equal(response.status, 200, `${name}: ${await response.clone().text()}`);
  const body = (await response.json()) as { budgetId: string; projects: number; ballots: number };
  assert.deepEqual({ projects: body.projects, ballots: body.ballots }, expected, name);
  return phaseId;
}

interface Outcome {
  rule: string;
  selected: { id: string; reference: string | null; title: Record<string, string>; cost: number; votes: number }[];
  cost: number;
  ballots: number;
}

/** The live result by `rule`, as the process manager sees it. */
async function results(phaseId: string, rule: string): Promise<{ references: string[]; count: number; cost: number; ballots: number }> {
  const response = await manager(`/api/v1/phases/${phaseId}/budgeting/results?rule=${rule}`);
  assert.equal(response.status, 200, await response.clone().text());
  const body = (await response.json()) as Outcome;
  assert.equal(body.rule, rule);
  assert.equal(body.cost, body.selected.reduce((sum, p) => sum + p.cost, 0), 'cost is the sum of the selected projects');
  return { references: body.selected.map((p) => p.reference ?? ''), count: body.selected.length, cost: body.cost, ballots: body.ballots };
}

const sorted = (xs: readonly string[]) => [...xs].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

test('Assen 2024: Method of Equal Shares with Add1 funds the official 9 projects for 76,700, as does the rule the file announces (equalshares/add1)', async () => {
  const phaseId = await imported('Netherlands_Assen_2024.pb', 'assen-2024', { projects: 14, ballots: 84 });
  const outcome = await results(phaseId, 'mes-add1');
  assert.deepEqual(sorted(outcome.references), ['2', '3', '5', '6', '9', '11', '12', '13', '14']);
  assert.deepEqual([outcome.cost, outcome.ballots], [76_700, 84]);
  // Without a rule the phase's own is used, set from the file's META: Pabulib's equalshares/add1 is Add1 stopping
  // at the first exhaustive outcome, which here funds the same projects.
  const announced = (await (await manager(`/api/v1/phases/${phaseId}/budgeting/results`)).json()) as Outcome;
  assert.equal(announced.rule, 'mes-add1-exhaustive');
  assert.deepEqual(sorted(announced.selected.map((p) => p.reference ?? '')), ['2', '3', '5', '6', '9', '11', '12', '13', '14']);
});

test('Świecie 2023: MES with Add1 (stopping at the first exhaustive outcome) gives the official order; plain MES 13 projects', async () => {
  const phaseId = await imported('Poland_Swiecie_2023.pb', 'swiecie-2023', { projects: 22, ballots: 2553 });
  const add1 = await results(phaseId, 'mes-add1-exhaustive');
  assert.deepEqual(add1.references, 'c12,c10,c20,c21,c2,c13,c3,c1,c9,c11,c4,c7,c19,c5,c17,c18,c14'.split(','));
  assert.equal(add1.cost, 1_040_337);
  const plain = await results(phaseId, 'mes');
  assert.deepEqual([plain.count, plain.cost], [13, 647_787]);
});

test('Warszawa 2021 Mokotów: greedy 22 / 7,146,872 (official); MES 43 / 5,264,695; MES Add1 58 / 7,063,359', async () => {
  const phaseId = await imported('Poland_Warszawa_2021_Mokotow.pb', 'mokotow-2021', { projects: 98, ballots: 12_933 });
  const greedy = await results(phaseId, 'greedy');
  assert.deepEqual([greedy.count, greedy.cost, greedy.ballots], [22, 7_146_872, 12_933]);
  const mes = await results(phaseId, 'mes');
  assert.deepEqual([mes.count, mes.cost], [43, 5_264_695]);
  const add1 = await results(phaseId, 'mes-add1');
  assert.deepEqual([add1.count, add1.cost], [58, 7_063_359]);
});

test('Warszawa 2020 Praga-Południe: greedy 26 / 5,900,440 (official); MES 47 / 3,856,886', async () => {
  const phaseId = await imported('Poland_Warszawa_2020_Praga-Poludnie.pb', 'praga-2020', { projects: 134, ballots: 14_897 });
  const greedy = await results(phaseId, 'greedy');
  assert.deepEqual([greedy.count, greedy.cost], [26, 5_900_440]);
  const mes = await results(phaseId, 'mes');
  assert.deepEqual([mes.count, mes.cost], [47, 3_856_886]);
});

test('Kraków 2021 (ordinal, ranking of 3 counted 3-2-1): greedy by points 13 / 6,999,600 (official)', async () => {
  const phaseId = await imported('Poland_Krakow_2021.pb', 'krakow-2021', { projects: 99, ballots: 51_229 });
  const greedy = await results(phaseId, 'greedy');
  assert.deepEqual([greedy.count, greedy.cost], [13, 6_999_600]);
});

// shared/data/README.md lists "plain MES 57 / 3,324,920" for Bielany: that is pabutools on a 409-voter
// subsample of this file (see packages/budgeting/src/data.test.ts); on all 8,172 voters MES funds 53 projects.
test('Warszawa 2021 Bielany: plain MES on every ballot 53 / 3,285,295', async () => {
  const phaseId = await imported('Poland_Warszawa_2021_Bielany.pb', 'bielany-2021', { projects: 132, ballots: 8_172 });
  const mes = await results(phaseId, 'mes');
  assert.deepEqual([mes.count, mes.cost], [53, 3_285_295]);
});

test('Łódź 2022 (90,494 ballots): greedy with at least 100 votes 16 / 6,112,868 (official); MES Add1 44 / 5,985,880', async () => {
  const phaseId = await imported('Poland_Lodz_2022.pb', 'lodz-2022', { projects: 160, ballots: 90_494 });
  const greedy = await results(phaseId, 'greedy');
  assert.deepEqual([greedy.count, greedy.cost, greedy.ballots], [16, 6_112_868, 90_494]);
  const add1 = await results(phaseId, 'mes-add1');
  assert.deepEqual([add1.count, add1.cost], [44, 5_985_880]);
});
