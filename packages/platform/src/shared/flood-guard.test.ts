import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFloodGuard } from './flood-guard.ts';

test('a burst is allowed, then one write per refilled token, per key', () => {
  let now = 0;
  const guard = createFloodGuard({ burst: 3, perSecond: 2 }, () => now);
  assert.deepEqual([1, 2, 3].map(() => guard.take('kari')), [null, null, null]);
  assert.deepEqual(guard.take('kari'), { ok: false, code: 'RateLimited', retryAfterSeconds: 1 });
  assert.equal(guard.take('ola'), null, 'another person has a bucket of their own');
  now = 499;
  assert.equal(guard.take('kari')?.code, 'RateLimited', 'half a token is not enough');
  now = 500;
  assert.equal(guard.take('kari'), null, 'half a second refills one token at two a second');
  assert.equal(guard.take('kari')?.code, 'RateLimited');
  now = 60_000;
  assert.deepEqual([1, 2, 3, 4].map(() => guard.take('kari')?.code ?? null), [null, null, null, 'RateLimited'], 'a long pause refills no more than the burst');
});

test('the seconds to wait grow with a slow refill', () => {
  let now = 0;
  const guard = createFloodGuard({ burst: 1, perSecond: 0.25 }, () => now);
  assert.equal(guard.take('k'), null);
  assert.equal(guard.take('k')?.retryAfterSeconds, 4);
  now = 3000;
  assert.equal(guard.take('k')?.retryAfterSeconds, 1);
});

test('memory stays bounded: the buckets are forgotten past the bound', () => {
  const guard = createFloodGuard({ burst: 1, perSecond: 0.001 }, () => 0, 2);
  assert.equal(guard.take('a'), null);
  assert.equal(guard.take('b'), null);
  assert.equal(guard.take('a')?.code, 'RateLimited');
  assert.equal(guard.take('c'), null, 'a third key empties the map');
  assert.equal(guard.take('a'), null);
});
