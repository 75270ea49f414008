import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from './prng.ts';

test('the seeded generator is reproducible and seed-dependent', () => {
  const a = createRng('assen-2024');
  const b = createRng('assen-2024');
  const c = createRng('assen-2025');
  const xs = Array.from({ length: 8 }, () => a.next());
  assert.deepEqual(Array.from({ length: 8 }, () => b.next()), xs);
  assert.notDeepEqual(Array.from({ length: 8 }, () => c.next()), xs);
  assert.ok(xs.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32));
});

test('below(n) is uniform enough and stays in range', () => {
  const r = createRng(7);
  const counts = [0, 0, 0];
  for (let i = 0; i < 30000; i++) counts[r.below(3)]!++;
  for (const k of counts) assert.ok(Math.abs(k - 10000) < 400, `counts ${counts}`);
  assert.throws(() => r.below(0));
});
