import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom, randomFloat, randomInt, sampleWithoutReplacement, sha256Hex } from './index.ts';

test('SHA-256 matches the FIPS 180-4 test vectors', () => {
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
  assert.equal(sha256Hex('a'.repeat(1000)), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
});

test('a seed gives the same stream every time; a number and its decimal text are the same seed', () => {
  const a = createRandom('town hall 2026');
  const b = createRandom('town hall 2026');
  const c = createRandom('town hall 2027');
  const xs = Array.from({ length: 5 }, () => a.nextUint32());
  assert.deepEqual(Array.from({ length: 5 }, () => b.nextUint32()), xs);
  assert.notDeepEqual(Array.from({ length: 5 }, () => c.nextUint32()), xs);
  assert.equal(createRandom(42).nextUint32(), createRandom('42').nextUint32());
});

test('randomInt is uniform over its range and randomFloat stays in [0, 1)', () => {
  const random = createRandom(7);
  const counts = new Array<number>(6).fill(0);
  for (let i = 0; i < 60000; i++) counts[randomInt(random, 6)]!++;
  for (const c of counts) assert.ok(Math.abs(c - 10000) < 400, `count ${c} far from 10000`);
  for (let i = 0; i < 1000; i++) {
    const x = randomFloat(random);
    assert.ok(x >= 0 && x < 1);
  }
});

test('sampleWithoutReplacement returns distinct items in input order', () => {
  const random = createRandom(3);
  const items = Array.from({ length: 50 }, (_, i) => `x${i}`);
  const picked = sampleWithoutReplacement(random, items, 10);
  assert.equal(new Set(picked).size, 10);
  assert.deepEqual(picked, [...picked].sort((a, b) => items.indexOf(a) - items.indexOf(b)));
  assert.throws(() => sampleWithoutReplacement(random, items, 51));
});
