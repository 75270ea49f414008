// Reproduces the outcomes listed for ../shared/data/pabulib in shared/data/README.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPabulib } from './pabulib.ts';
import { tally, type TallyOptions } from './tally.ts';
import type { Election } from './model.ts';

const DATA = process.env.TINGSTED_DATA ?? fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const DIR = `${DATA.replace(/\/$/, '')}/pabulib`;
const cache = new Map<string, Election>();

function load(name: string): Election | undefined {
  const path = `${DIR}/${name}`;
  if (!existsSync(path)) return undefined;
  let e = cache.get(name);
  if (e === undefined) {
    const r = readPabulib(readFileSync(path, 'utf8'));
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.detail.slice(0, 3))}`);
    e = r.election;
    cache.set(name, e);
  }
  return e;
}

function run(name: string, options: TallyOptions) {
  const e = load(name);
  if (e === undefined) return undefined;
  return tally(e, { explainVoters: false, ...options });
}

function official(e: Election): string[] {
  return e.projects.filter((p) => p.fields?.selected === '1').map((p) => p.id);
}

const sorted = (xs: readonly string[]): string[] => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

test('Assen 2024: equalshares/add1 gives the official 9 projects, cost 76,700, tie 2 vs 11 broken by lowest cost', () => {
  const r = run('Netherlands_Assen_2024.pb', { rule: 'mes-add1' });
  if (r === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
  assert.deepEqual(sorted(r.selected), sorted(['2', '3', '5', '6', '9', '11', '12', '13', '14']));
  assert.equal(r.cost, 76700);
  assert.deepEqual(sorted(r.selected), sorted(official(load('Netherlands_Assen_2024.pb')!)));
  const tie = r.ties.find((x) => x.tied.includes('2') && x.tied.includes('11'));
  assert.ok(tie, 'the 2 vs 11 tie is recorded');
  assert.equal(tie.winner, '2');
  assert.equal(tie.decidedBy, 'lowest-cost');
  // With highest cost first, 11 wins the tie instead (the order changes, the set does not).
  const r2 = run('Netherlands_Assen_2024.pb', { rule: 'mes-add1', tieBreak: ['highest-cost', 'lot'] })!;
  assert.equal(r2.ties.find((x) => x.tied.includes('2'))?.winner, '11');
});

test('Świecie 2023: MES + Add1 (exhaustive stop) reproduces the official order; plain MES 13 projects', () => {
  const r = run('Poland_Swiecie_2023.pb', { rule: 'mes-add1-exhaustive' });
  if (r === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
  const order = 'c12,c10,c20,c21,c2,c13,c3,c1,c9,c11,c4,c7,c19,c5,c17,c18,c14'.split(',');
  assert.deepEqual(r.selected, order);
  assert.equal(r.cost, 1040337);
  const plain = run('Poland_Swiecie_2023.pb', { rule: 'mes' })!;
  assert.equal(plain.selected.length, 13);
  assert.equal(plain.cost, 647787);
  // Without the exhaustive stop Add1 goes one step further to the same set in a different order.
  const full = run('Poland_Swiecie_2023.pb', { rule: 'mes-add1' })!;
  assert.deepEqual(sorted(full.selected), sorted(order));
});

test('Warszawa 2021 Mokotów: greedy 22 / 7,146,872; MES 43 / 5,264,695; Add1 58 / 7,063,359', () => {
  const g = run('Poland_Warszawa_2021_Mokotow.pb', { rule: 'greedy' });
  if (g === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
  assert.deepEqual([g.selected.length, g.cost], [22, 7146872]);
  assert.deepEqual(sorted(g.selected), sorted(official(load('Poland_Warszawa_2021_Mokotow.pb')!)));
  const m = run('Poland_Warszawa_2021_Mokotow.pb', { rule: 'mes' })!;
  assert.deepEqual([m.selected.length, m.cost], [43, 5264695]);
  const a = run('Poland_Warszawa_2021_Mokotow.pb', { rule: 'mes-add1' })!;
  assert.deepEqual([a.selected.length, a.cost], [58, 7063359]);
});

test('Warszawa 2020 Praga-Południe: greedy 26 / 5,900,440; MES 47 / 3,856,886; Add1 61 / 5,856,418', () => {
  const g = run('Poland_Warszawa_2020_Praga-Poludnie.pb', { rule: 'greedy' });
  if (g === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
  assert.deepEqual([g.selected.length, g.cost], [26, 5900440]);
  assert.deepEqual(sorted(g.selected), sorted(official(load('Poland_Warszawa_2020_Praga-Poludnie.pb')!)));
  const m = run('Poland_Warszawa_2020_Praga-Poludnie.pb', { rule: 'mes' })!;
  assert.deepEqual([m.selected.length, m.cost], [47, 3856886]);
  const a = run('Poland_Warszawa_2020_Praga-Poludnie.pb', { rule: 'mes-add1' })!;
  assert.deepEqual([a.selected.length, a.cost], [61, 5856418]);
});

test('Kraków 2021 (ordinal, points 3-2-1): greedy by score 13 / 6,999,600 = official', () => {
  const g = run('Poland_Krakow_2021.pb', { rule: 'greedy', by: 'score' });
  if (g === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
  assert.deepEqual([g.selected.length, g.cost], [13, 6999600]);
  assert.deepEqual(sorted(g.selected), sorted(official(load('Poland_Krakow_2021.pb')!)));
});

test('Łódź 2022: greedy with votes ≥ 100 16 / 6,112,868; MES 29 / 2,987,680; Add1 44 / 5,985,880', () => {
  const g = run('Poland_Lodz_2022.pb', { rule: 'greedy', threshold: 100 });
  if (g === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
  assert.deepEqual([g.selected.length, g.cost], [16, 6112868]);
  assert.deepEqual(sorted(g.selected), sorted(official(load('Poland_Lodz_2022.pb')!)));
  const m = run('Poland_Lodz_2022.pb', { rule: 'mes' })!;
  assert.deepEqual([m.selected.length, m.cost], [29, 2987680]);
  const a = run('Poland_Lodz_2022.pb', { rule: 'mes-add1' })!;
  assert.deepEqual([a.selected.length, a.cost], [44, 5985880]);
});

// The figure listed for Bielany in shared/data/README.md, "plain MES with cost utilities: 57 winners,
// 3,324,920", is pabutools' `method_of_equal_shares(sat_class=Cost_Sat)` on a *subsample* of this file: the
// test fixture test/fixtures/pb/poland_warszawa_2021_bielany.pb of github.com/takahashim/equalshares, made by
// its subsample_pb.rb (META and PROJECTS verbatim, budget unchanged, every 20th VOTES row kept, 409 voters;
// winners recorded in its test/fixtures/pabutools_reference.json). On all 8,172 voters MES funds 53 projects.
const PABUTOOLS_BIELANY_409 = (
  '1017,1031,104,1047,1053,1082,1094,1095,1098,1155,1195,128,1362,1395,1404,1488,1507,1613,1651,1655,173,1757,' +
  '1758,1823,1860,1861,1870,1892,1893,1979,2001,2021,2087,2125,289,371,373,417,426,494,568,620,642,668,698,699,' +
  '701,709,779,812,827,828,833,838,845,848,994'
).split(',');

test('Warszawa 2021 Bielany: plain MES 53 / 3,285,295; on the 409-voter subsample pabutools\' 57 / 3,324,920', () => {
  const e = load('Poland_Warszawa_2021_Bielany.pb');
  if (e === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
  const full = tally(e, { rule: 'mes', explainVoters: false });
  assert.deepEqual([full.selected.length, full.cost], [53, 3285295]);
  // Every 20th ballot in file order, starting with the first (stride ⌊8,172 ÷ 400⌋), as subsample_pb.rb does.
  const stride = Math.floor(e.ballots.length / 400);
  const sample = { ...e, ballots: e.ballots.filter((_, i) => i % stride === 0) };
  assert.equal(sample.ballots.length, 409);
  const m = tally(sample, { rule: 'mes', explainVoters: false });
  assert.deepEqual([m.selected.length, m.cost], [57, 3324920]);
  assert.deepEqual(sorted(m.selected), sorted(PABUTOOLS_BIELANY_409));
});

/** Plain double-precision MES, one voter at a time, as in the published reference algorithm (cost utilities). */
function floatMes(e: Election): string[] {
  const n = e.ballots.length;
  const budget = new Float64Array(n).fill(e.budget / n);
  const cost = new Map(e.projects.map((p) => [p.id, p.cost] as const));
  const approvers = new Map<string, number[]>(e.projects.map((p) => [p.id, []]));
  e.ballots.forEach((b, i) => b.projects.forEach((id) => approvers.get(id)!.push(i)));
  const remaining = new Map<string, number>();
  for (const [id, a] of approvers) if (cost.get(id)! > 0 && a.length > 0) remaining.set(id, a.length);
  const winners: string[] = [];
  for (;;) {
    let best: string | undefined;
    let bestEff = 0;
    const order = [...remaining.keys()].sort((a, b) => remaining.get(b)! - remaining.get(a)!);
    for (const c of order) {
      if (remaining.get(c)! < bestEff) break;
      const a = approvers.get(c)!;
      const total = cost.get(c)!;
      if (a.reduce((s, i) => s + budget[i]!, 0) < total) {
        remaining.delete(c);
        continue;
      }
      a.sort((x, y) => budget[x]! - budget[y]!);
      let paid = 0;
      let left = a.length;
      for (const i of a) {
        const pay = (total - paid) / left;
        if (pay > budget[i]!) {
          paid += budget[i]!;
          left--;
        } else {
          remaining.set(c, total / pay);
          if (total / pay > bestEff) {
            bestEff = total / pay;
            best = c;
          }
          break;
        }
      }
    }
    if (best === undefined) break;
    winners.push(best);
    remaining.delete(best);
    const pay = cost.get(best)! / bestEff;
    for (const i of approvers.get(best)!) budget[i] = budget[i]! > pay ? budget[i]! - pay : 0;
  }
  return winners;
}

test('an independent double-precision MES agrees with the exact engine (Bielany, Mokotów)', () => {
  for (const name of ['Poland_Warszawa_2021_Bielany.pb', 'Poland_Warszawa_2021_Mokotow.pb']) {
    const e = load(name);
    if (e === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
    const exact = tally(e, { rule: 'mes', explainVoters: false });
    assert.deepEqual(floatMes(e), exact.selected, name);
  }
});

test('the per-voter engine with cost utilities agrees with the grouped engine on real data (Świecie, Mokotów)', async () => {
  const { buildProfile } = await import('./model.ts');
  const { mesGrouped } = await import('./mes.ts');
  const { mesPerVoter } = await import('./mes-points.ts');
  const { createTieBreaker } = await import('./tiebreak.ts');
  const { q } = await import('./rational.ts');
  for (const name of ['Poland_Swiecie_2023.pb', 'Poland_Warszawa_2021_Mokotow.pb']) {
    const e = load(name);
    if (e === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
    const p = buildProfile(e);
    const tie = createTieBreaker(p);
    for (const endowment of [q(p.budget, p.voterCount), q(Math.floor(p.budget / p.voterCount) + 100)]) {
      const a = mesGrouped(p, tie, { utility: 'cost', endowment, explain: false });
      const b = mesPerVoter(p, tie, { utility: 'cost', endowment, explain: false });
      assert.deepEqual(b.selected, a.selected, name);
    }
  }
});

test('real files survive a write/read round trip with the same tally (Świecie, Kraków)', async () => {
  const { writePabulib } = await import('./pabulib.ts');
  for (const [name, options] of [
    ['Poland_Swiecie_2023.pb', { rule: 'mes' }],
    ['Poland_Krakow_2021.pb', { rule: 'greedy', by: 'score' }],
  ] as const) {
    const e = load(name);
    if (e === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
    const back = readPabulib(writePabulib(e));
    assert.ok(back.ok, name);
    assert.equal(back.election.ballots.length, e.ballots.length);
    assert.deepEqual(back.election.rules, e.rules);
    assert.deepEqual(tally(back.election, { ...options, explainVoters: false }).selected, tally(e, { ...options, explainVoters: false }).selected);
  }
});

test('--rule official: the META rule reproduces the `selected` column of every reference file', async () => {
  const { officialRule } = await import('./tally.ts');
  const files = [
    'Netherlands_Assen_2024.pb',
    'Poland_Swiecie_2023.pb',
    'Poland_Warszawa_2021_Mokotow.pb',
    'Poland_Warszawa_2020_Praga-Poludnie.pb',
    'Poland_Warszawa_2021_Bielany.pb',
    'Poland_Krakow_2021.pb',
    'Poland_Lodz_2022.pb',
  ];
  for (const name of files) {
    const e = load(name);
    if (e === undefined) assert.fail(`shared data not found at ${DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
    const o = officialRule(e);
    assert.ok(o.ok, name);
    const r = tally(e, { ...o.options, explainVoters: false });
    assert.deepEqual(sorted(r.selected), sorted(official(e)), name);
  }
});
