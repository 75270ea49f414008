import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candidatesByStratum, createRandom, drawRound, proportionalRound, stratumKey, targetedRound, type StratifiedEntry } from './index.ts';

/** A register: 3 areas × 2 age bands × 2 sexes, uneven sizes, households of 1–2 people (same stratum). */
function register(): StratifiedEntry[] {
  const rows: StratifiedEntry[] = [];
  const areas = [['Nord', 60], ['Sør', 30], ['Øst', 10]] as const;
  for (const [area, n] of areas) {
    for (let i = 0; i < n; i++) {
      for (const ageBand of ['16–39', '40+']) {
        for (const sex of ['F', 'M']) {
          const household = `${area}-${ageBand}-${sex}-${Math.floor(i / 2)}`;
          rows.push({ id: `P${rows.length + 1}`, household, area, ageBand, sex });
        }
      }
    }
  }
  return rows;
}

test('proportionalRound splits letters and reserve over the strata in proportion to their candidates', () => {
  const rows = register();
  const candidates = new Map([...candidatesByStratum(rows, false, new Set())].map(([k, list]) => [k, list.length]));
  const plan = proportionalRound(candidates, 200, 20);
  assert.equal(plan.length, 12);
  assert.equal(plan.reduce((a, s) => a + s.count, 0), 200);
  assert.equal(plan.reduce((a, s) => a + s.reserve, 0), 20);
  // Nord has 60 % of the register, Sør 30 %, Øst 10 %: letters per area follow exactly.
  const byArea = (area: string) => plan.filter((s) => s.area === area).reduce((a, s) => a + s.count, 0);
  assert.deepEqual([byArea('Nord'), byArea('Sør'), byArea('Øst')], [120, 60, 20]);
});

test('drawRound: each stratum gets its numbers, the reserve is distinct, and the seed reproduces the draw', () => {
  const rows = register();
  const candidates = new Map([...candidatesByStratum(rows, true, new Set())].map(([k, list]) => [k, list.length]));
  const strata = proportionalRound(candidates, 60, 12);
  const one = drawRound({ rows, strata, householdRule: true, invitedBefore: new Set() }, createRandom('round seed'));
  const two = drawRound({ rows, strata, householdRule: true, invitedBefore: new Set() }, createRandom('round seed'));
  const other = drawRound({ rows, strata, householdRule: true, invitedBefore: new Set() }, createRandom('another seed'));
  assert.ok(one.ok && two.ok && other.ok);
  assert.deepEqual(one.invited.map((x) => x.row.id), two.invited.map((x) => x.row.id));
  assert.deepEqual(one.reserve.map((x) => x.row.id), two.reserve.map((x) => x.row.id));
  assert.notDeepEqual(one.invited.map((x) => x.row.id), other.invited.map((x) => x.row.id));
  for (const s of strata) {
    const key = stratumKey(s);
    assert.equal(one.invited.filter((x) => x.stratum === key && stratumKey(x.row) === key).length, s.count);
    assert.equal(one.reserve.filter((x) => x.stratum === key && stratumKey(x.row) === key).length, s.reserve);
  }
  // Nobody twice, and at most one per household.
  const all = [...one.invited, ...one.reserve].map((x) => x.row);
  assert.equal(new Set(all.map((r) => r.id)).size, all.length);
  assert.equal(new Set(all.map((r) => r.household)).size, all.length);
});

test('drawRound: proportions hold over many seeds (each person in a stratum equally likely)', () => {
  const rows = register().filter((r) => r.area === 'Øst' && r.ageBand === '40+' && r.sex === 'F');
  const hits = new Map<string, number>();
  const runs = 2000;
  for (let run = 0; run < runs; run++) {
    const draw = drawRound({ rows, strata: [{ area: 'Øst', ageBand: '40+', sex: 'F', count: 2, reserve: 0 }], householdRule: false, invitedBefore: new Set() }, createRandom(`run ${run}`));
    assert.ok(draw.ok);
    for (const x of draw.invited) hits.set(x.row.id, (hits.get(x.row.id) ?? 0) + 1);
  }
  // 10 people, 2 letters: each is invited in about 20 % of the runs (400 of 2000; ±5 standard deviations).
  for (const row of rows) assert.ok(Math.abs((hits.get(row.id) ?? 0) - 400) < 5 * Math.sqrt(2000 * 0.2 * 0.8), `${row.id}: ${hits.get(row.id)}`);
});

test('drawRound refuses a round asking too much, naming every short stratum with what there is', () => {
  const rows = register();
  const draw = drawRound(
    {
      rows,
      strata: [
        { area: 'Øst', ageBand: '40+', sex: 'F', count: 8, reserve: 3 },
        { area: 'Nord', ageBand: '16–39', sex: 'M', count: 5, reserve: 0 },
        { area: 'Vest', ageBand: '', sex: '', count: 1, reserve: 0 },
      ],
      householdRule: false,
      invitedBefore: new Set(),
    },
    createRandom('x'),
  );
  assert.deepEqual(draw, {
    ok: false,
    reason: 'too-few-candidates',
    shortfalls: [
      { area: 'Vest', ageBand: '', sex: '', requested: 1, available: 0 },
      { area: 'Øst', ageBand: '40+', sex: 'F', requested: 11, available: 10 },
    ],
  });
});

test('a later round leaves out everyone invited before, and their households under the rule', () => {
  const rows = register();
  const first = drawRound({ rows, strata: [{ area: 'Sør', ageBand: '40+', sex: 'M', count: 10, reserve: 0 }], householdRule: true, invitedBefore: new Set() }, createRandom('r1'));
  assert.ok(first.ok);
  const before = new Set(first.invited.map((x) => x.row.id));
  const households = new Set(first.invited.map((x) => x.row.household));
  const left = candidatesByStratum(rows, true, before).get(stratumKey({ area: 'Sør', ageBand: '40+', sex: 'M' })) ?? [];
  // 30 people in 15 households, 10 households invited: 5 left.
  assert.equal(left.length, 5);
  assert.ok(left.every((r) => !households.has(r.household)));
});

test('targetedRound aims letters at the missing groups, divided by each stratum’s response rate', () => {
  const candidates = new Map([
    [stratumKey({ area: 'Nord', ageBand: '', sex: '' }), 100],
    [stratumKey({ area: 'Sør', ageBand: '', sex: '' }), 50],
    [stratumKey({ area: 'Øst', ageBand: '', sex: '' }), 8],
  ]);
  const history = new Map([
    [stratumKey({ area: 'Nord', ageBand: '', sex: '' }), { invited: 30, responded: 6 }],
    [stratumKey({ area: 'Sør', ageBand: '', sex: '' }), { invited: 20, responded: 1 }],
    [stratumKey({ area: 'Øst', ageBand: '', sex: '' }), { invited: 10, responded: 0 }],
  ]);
  const plan = targetedRound(candidates, history, [
    { dimension: 'area', value: 'Sør', missing: 2 },
    { dimension: 'area', value: 'Øst', missing: 3 },
  ]);
  // Nord lacks nobody; Sør needs 2 at 1 in 20 → 40 letters; Øst has no answers yet, so the overall rate
  // 7 in 60 applies: 3 × 60 / 7 = 25.7 → 26, capped at its 8 candidates.
  assert.deepEqual(
    plan.map((s) => [s.area, s.count, s.reserve]),
    [
      ['Nord', 0, 0],
      ['Sør', 40, 0],
      ['Øst', 8, 0],
    ],
  );
  // Before anyone answered anywhere, one in ten is assumed.
  const fresh = targetedRound(candidates, new Map(), [{ dimension: 'area', value: 'Nord', missing: 4 }]);
  assert.equal(fresh[0]!.count, 40);
});
