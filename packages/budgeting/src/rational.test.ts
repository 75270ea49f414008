import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmp, overCommonDenominator } from './rational.ts';

test('overCommonDenominator keeps the value num / (D·den) = n / (D·k) with the smallest k', () => {
  const D = 35n;
  for (const [num, den, k] of [[6n, 4n, 2n], [9n, 3n, 1n], [0n, 7n, 1n], [5n, 12n, 12n], [1n, 1n, 1n]] as const) {
    const r = overCommonDenominator(num, den);
    assert.equal(r.k, k, `${num}/${den}`);
    assert.equal(cmp({ n: num, d: D * den }, { n: r.n, d: D * r.k }), 0, `${num}/${den}`);
  }
});
