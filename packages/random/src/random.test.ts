import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom, randomFloat, randomInt, sampleWithoutReplacement, seedState, shuffle, Xoshiro128, type RandomSource } from './index.ts';

// Expected values computed with sortition's own generator (packages/sortition/src/random.ts) before it moved
// here: published sortition lotteries must re-run to the same draw, so these must never change.
const sortitionStreams = [
  { seed: '42', u: [755984781, 3364054266, 3302340932, 1170611374, 926119021, 280500396], ints: [781, 266, 932, 374, 21, 396], floats: [0.1760164259616651, 0.7688861658614441, 0.21562888521931378], sample: ['b', 'e', 'f', 'g'] },
  { seed: 'Kommunestyret', u: [4085091849, 3240781536, 2148582476, 651251394, 3045772450, 409697030], ints: [849, 536, 476, 394, 450, 30], floats: [0.9511345681142304, 0.5002558391662782, 0.7091491602017732], sample: ['c', 'e', 'g', 'j'] },
  { seed: '', u: [1574691802, 2125538471, 3671449237, 2461428106, 44987374, 3867282586], ints: [802, 471, 237, 106, 374, 586], floats: [0.3666365034497565, 0.8548258883736721, 0.010474442693754193], sample: ['a', 'c', 'd', 'h'] },
  { seed: 'æøå 2026', u: [1991413520, 1203885787, 1656358812, 123569264, 3104465389, 1410529554], ints: [520, 787, 812, 264, 389, 554], floats: [0.46366209000573677, 0.38565108201481924, 0.7228146741421111], sample: ['a', 'd', 'f', 'g'] },
];
const letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

test('the tingsted-sortition namespace gives exactly the stream sortition drew before the move', () => {
  for (const s of sortitionStreams) {
    const words = createRandom(s.seed, 'tingsted-sortition');
    assert.deepEqual(Array.from({ length: 6 }, () => words.nextUint32()), s.u, `words for ${JSON.stringify(s.seed)}`);
    const ints = createRandom(s.seed, 'tingsted-sortition');
    assert.deepEqual(Array.from({ length: 6 }, () => randomInt(ints, 1000)), s.ints);
    const floats = createRandom(s.seed, 'tingsted-sortition');
    assert.deepEqual(Array.from({ length: 3 }, () => randomFloat(floats)), s.floats);
    assert.deepEqual(sampleWithoutReplacement(createRandom(s.seed, 'tingsted-sortition'), letters, 4), s.sample);
  }
});

test('a number seed is its decimal text', () => {
  assert.deepEqual(seedState(42, 'tingsted-sortition'), seedState('42', 'tingsted-sortition'));
  assert.equal(createRandom(42, 'tingsted-sortition').nextUint32(), 755984781);
});

test('the state is the first 16 bytes of SHA-256("namespace:seed"), big-endian', () => {
  // SHA-256("tingsted-sortition:42") = cafeff8c 8ececd7c 99d6f5b3 226708bc …
  assert.deepEqual(seedState('42', 'tingsted-sortition'), [0xcafeff8c, 0x8ececd7c, 0x99d6f5b3, 0x226708bc]);
  const direct = new Xoshiro128(0xcafeff8c, 0x8ececd7c, 0x99d6f5b3, 0x226708bc);
  assert.equal(direct.nextUint32(), 755984781);
});

test('namespaces separate the streams of the same seed', () => {
  const first = (namespace: string): number => createRandom('42', namespace).nextUint32();
  const values = ['tingsted-sortition', 'tingsted-opinions', 'tingsted-budgeting', 'tingsted-text'].map(first);
  assert.deepEqual(values, [755984781, 1819751786, 3045591983, 473490589]);
  assert.equal(new Set(values).size, 4);
});

test('xoshiro128** from the reference state 1, 2, 3, 4 gives the reference outputs', () => {
  // Blackman & Vigna's xoshiro128starstar.c seeded with s = {1, 2, 3, 4}.
  const x = new Xoshiro128(1, 2, 3, 4);
  assert.deepEqual(Array.from({ length: 4 }, () => x.nextUint32()), [11520, 0, 5927040, 70819200]);
});

test('an all-zero state is replaced, so the generator never sticks at zero', () => {
  const x = new Xoshiro128(0, 0, 0, 0);
  const words = Array.from({ length: 8 }, () => x.nextUint32());
  assert.ok(words.some((w) => w !== 0));
});

test('randomInt stays in range, rejects bad ranges and has no modulo bias at n = 3', () => {
  const r = createRandom('range', 'test');
  const counts = [0, 0, 0];
  for (let i = 0; i < 30_000; i++) counts[randomInt(r, 3)]!++;
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 400, `count ${c}`);
  assert.equal(randomInt(r, 1), 0);
  assert.throws(() => randomInt(r, 0), RangeError);
  assert.throws(() => randomInt(r, 2.5), RangeError);
  assert.throws(() => randomInt(r, 2 ** 32 + 1), RangeError);
  // A source whose first word lies above the largest multiple of n is rejected and the next word used.
  const words = [0xffffffff, 7];
  const fixed: RandomSource = { nextUint32: () => words.shift()! };
  assert.equal(randomInt(fixed, 10), 7);
});

test('randomFloat is in [0, 1) and uses 53 bits from two words', () => {
  const top: RandomSource = { nextUint32: () => 0xffffffff };
  assert.equal(randomFloat(top), 1 - 2 ** -53);
  const bottom: RandomSource = { nextUint32: () => 0 };
  assert.equal(randomFloat(bottom), 0);
});

test('shuffle is the Fisher–Yates the panels service draws invitations with, on a copy', () => {
  const items = Object.freeze([...letters]);
  // Computed with the panels service's own shuffle over sortition's generator before the move.
  assert.deepEqual(shuffle(createRandom('Kommunestyret', 'tingsted-sortition'), items), ['g', 'b', 'f', 'c', 'a', 'h', 'i', 'e', 'd', 'j']);
  assert.deepEqual(shuffle(createRandom('x', 'test'), []), []);
  const again = shuffle(createRandom('x', 'test'), items);
  assert.deepEqual([...again].sort((a, b) => a.localeCompare(b)), [...letters]);
});

test('sampleWithoutReplacement keeps input order and refuses to choose more than there are', () => {
  const chosen = sampleWithoutReplacement(createRandom('s', 'test'), letters, 10);
  assert.deepEqual(chosen, letters);
  assert.throws(() => sampleWithoutReplacement(createRandom('s', 'test'), letters, 11), RangeError);
});
