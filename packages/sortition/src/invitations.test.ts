import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apportion, createRandom, drawInvitations, shuffle, type RandomSource } from './index.ts';

/** A register of `households` households of 1–3 people, spread unevenly over three areas. */
function register(households: number) {
  const rows: { id: string; household: string; area: string }[] = [];
  for (let h = 0; h < households; h++) {
    const area = ['Nord', 'Nord', 'Sør', 'Øst', 'Øst', 'Øst'][h % 6]!;
    for (let p = 0; p <= h % 3; p++) rows.push({ id: `P${rows.length + 1}`, household: `H${h}`, area });
  }
  return rows;
}

/** A source that always gives 0: every `randomInt(random, n)` is 0. */
const zeros: RandomSource = { nextUint32: () => 0 };

test('apportion: known values; the parts sum to the total, each within one of its exact share', () => {
  assert.deepEqual(apportion([5, 3, 2], 7), [4, 2, 1]);
  // Equal remainders go to the earlier entry.
  assert.deepEqual(apportion([1, 1, 1], 2), [1, 1, 0]);
  assert.deepEqual(apportion([0, 0], 5), [0, 0]);
  assert.deepEqual(apportion([], 5), []);
  // An area with no households gets nothing, whatever the total.
  assert.deepEqual(apportion([0, 6, 4], 5), [0, 3, 2]);
  const random = createRandom('apportion');
  for (let run = 0; run < 500; run++) {
    const weights = Array.from({ length: 1 + (random.nextUint32() % 8) }, () => random.nextUint32() % 50);
    const sum = weights.reduce((a, b) => a + b, 0);
    const total = sum === 0 ? 0 : random.nextUint32() % (sum + 1);
    const parts = apportion(weights, total);
    assert.equal(parts.reduce((a, b) => a + b, 0), total, `${weights.join(',')} → ${total}`);
    parts.forEach((part, i) => {
      const exact = sum === 0 ? 0 : (weights[i]! * total) / sum;
      assert.ok(part >= Math.floor(exact) && part <= Math.ceil(exact), `part ${i} of ${weights.join(',')} → ${total}`);
      assert.ok(part <= weights[i]!);
    });
  }
});

test('shuffle: a known order for a known stream; a permutation; same seed same order', () => {
  // With j = 0 at every step, each item i swaps with the first: the list turns left by one.
  assert.deepEqual(shuffle(zeros, ['a', 'b', 'c', 'd']), ['b', 'c', 'd', 'a']);
  assert.deepEqual(shuffle(zeros, []), []);
  const items = Array.from({ length: 50 }, (_, i) => i);
  const once = shuffle(createRandom('Kommunestyret'), items);
  assert.deepEqual(shuffle(createRandom('Kommunestyret'), items), once);
  assert.notDeepEqual(shuffle(createRandom('Bystyret'), items), once);
  assert.deepEqual([...once].sort((a, b) => a - b), items);
});

test('a draw by hand: household rule, then areas in order with largest-remainder shares', () => {
  const rows = [
    { id: 'r1', household: 'h1', area: 'B' },
    { id: 'r2', household: 'h1', area: 'B' },
    { id: 'r3', household: 'h2', area: 'A' },
    { id: 'r4', household: 'h3', area: 'B' },
    { id: 'r5', household: 'h4', area: 'A' },
  ];
  // Shuffled with zeros: r2 r3 r4 r5 r1. One per household: r2 r3 r4 r5 (r1 shares h1 with r2).
  const plain = drawInvitations({ rows, count: 3, householdRule: true, stratifyByArea: false }, zeros);
  assert.deepEqual(plain.ok && plain.invited.map((r) => r.id), ['r2', 'r3', 'r4']);
  // Areas A (r3, r5) and B (r2, r4); 3 letters split 2:2 → 1.5 and 1.5 → A gets the extra one (earlier).
  const stratified = drawInvitations({ rows, count: 3, householdRule: true, stratifyByArea: true }, zeros);
  assert.deepEqual(stratified.ok && stratified.invited.map((r) => r.id), ['r3', 'r5', 'r2']);
  // Without the rule everyone is a candidate: A has 2, B has 3.
  const everyone = drawInvitations({ rows, count: 5, householdRule: false, stratifyByArea: true }, zeros);
  assert.deepEqual(everyone.ok && everyone.invited.map((r) => r.id), ['r3', 'r5', 'r2', 'r4', 'r1']);
});

test('the household rule holds and the stratified shares are proportional to households per area', () => {
  const rows = register(300);
  for (const seed of ['Kommunestyret 2026-11-23', 'a', '42']) {
    const drawn = drawInvitations({ rows, count: 120, householdRule: true, stratifyByArea: true }, createRandom(seed));
    assert.ok(drawn.ok);
    assert.equal(drawn.invited.length, 120);
    assert.equal(new Set(drawn.invited.map((r) => r.household)).size, 120, 'one letter per household');
    // 300 households: 100 in Nord, 50 in Sør, 150 in Øst → 40, 20, 60 of 120 (areas in code unit order).
    const areas = ['Nord', 'Sør', 'Øst'];
    assert.deepEqual(areas.map((a) => drawn.invited.filter((r) => r.area === a).length), [40, 20, 60]);
    assert.deepEqual([...new Set(drawn.invited.map((r) => r.area))], areas, 'invited area by area');
  }
  // Without the rule the shares follow people: Nord 150, Sør 150, Øst 300 of 600.
  const people = drawInvitations({ rows, count: 60, householdRule: false, stratifyByArea: true }, createRandom('x'));
  assert.ok(people.ok);
  assert.equal(rows.length, 600);
  assert.deepEqual(['Nord', 'Sør', 'Øst'].map((a) => people.ok && people.invited.filter((r) => r.area === a).length), [15, 15, 30]);
});

test('same seed, same draw; another seed, another draw', () => {
  const rows = register(200);
  for (const stratifyByArea of [false, true]) {
    const draw = (seed: string) => {
      const result = drawInvitations({ rows, count: 50, householdRule: true, stratifyByArea }, createRandom(seed));
      assert.ok(result.ok);
      return result.invited.map((r) => r.id);
    };
    assert.deepEqual(draw('Bystyret 2027'), draw('Bystyret 2027'));
    assert.notDeepEqual(draw('Bystyret 2027'), draw('Bystyret 2028'));
  }
});

test('edge cases: too few candidates, nothing to draw, an area without candidates, every candidate', () => {
  const rows = register(30); // 60 people in 30 households
  const tooMany = drawInvitations({ rows, count: 31, householdRule: true, stratifyByArea: true }, createRandom('s'));
  assert.deepEqual(tooMany, { ok: false, reason: 'too-few-candidates', available: 30 });
  const noRegister = drawInvitations({ rows: [], count: 1, householdRule: true, stratifyByArea: false }, createRandom('s'));
  assert.deepEqual(noRegister, { ok: false, reason: 'too-few-candidates', available: 0 });
  assert.deepEqual(drawInvitations({ rows: [], count: 0, householdRule: false, stratifyByArea: true }, createRandom('s')), { ok: true, invited: [] });
  assert.throws(() => drawInvitations({ rows, count: 1.5, householdRule: false, stratifyByArea: false }, createRandom('s')), RangeError);
  assert.throws(() => drawInvitations({ rows, count: -1, householdRule: false, stratifyByArea: false }, createRandom('s')), RangeError);
  // Every candidate invited: each area gets all of its households.
  const all = drawInvitations({ rows, count: 30, householdRule: true, stratifyByArea: true }, createRandom('s'));
  assert.ok(all.ok);
  assert.equal(all.invited.length, 30);
  assert.deepEqual(new Set(all.invited.map((r) => r.household)), new Set(rows.map((r) => r.household)));
  // A household registered in two areas counts once, where its drawn member lives: with zeros the shuffle
  // puts r1 last, so household h1 is r2's (area Vest) and the area Øst is left with no candidate at all.
  const split = [
    { id: 'r1', household: 'h1', area: 'Øst' },
    { id: 'r2', household: 'h1', area: 'Vest' },
    { id: 'r3', household: 'h2', area: 'Vest' },
  ];
  const drawn = drawInvitations({ rows: split, count: 2, householdRule: true, stratifyByArea: true }, zeros);
  assert.deepEqual(drawn.ok && drawn.invited.map((r) => r.id), ['r2', 'r3']);
});
