import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom as createNamespacedRandom, randomInt } from '@tingsted/random';
import { createRandom } from './index.ts';

test('sortition draws from the tingsted-sortition namespace: the stream published lotteries were drawn with', () => {
  // First words for seed 42 computed with sortition's generator before it moved to @tingsted/random.
  const random = createRandom(42);
  assert.deepEqual([random.nextUint32(), random.nextUint32(), random.nextUint32()], [755984781, 3364054266, 3302340932]);
  const same = createNamespacedRandom('town hall 2026', 'tingsted-sortition');
  const ours = createRandom('town hall 2026');
  for (let i = 0; i < 100; i++) assert.equal(ours.nextUint32(), same.nextUint32());
  assert.equal(randomInt(createRandom('Kommunestyret'), 1000), 849);
});
