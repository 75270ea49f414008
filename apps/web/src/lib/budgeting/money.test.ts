import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addRefusal, basketTotal, formatCost, formatMoney } from './money.ts';

const projects = [
  { id: 'a', cost: 200_000 },
  { id: 'b', cost: 450_000 },
  { id: 'c', cost: 600_000 },
];

test('amounts are whole currency units in the reader’s language, with the range when there is one', () => {
  assert.equal(formatMoney(1_000_000, 'NOK', 'en').replace(/\s/g, ' '), 'NOK 1,000,000');
  assert.equal(formatMoney(1_000_000, 'NOK', 'nb').replace(/\s/g, ' '), '1 000 000 kr');
  assert.equal(formatCost({ cost: 200, costMin: null, costMax: null }, 'EUR', 'en'), '€200');
  assert.equal(formatCost({ cost: 200, costMin: 180, costMax: null }, 'EUR', 'en'), '€200 (€180–€200)');
});

test('the basket total counts each chosen project on the ballot once, and nothing for unknown ids', () => {
  assert.equal(basketTotal([], projects), 0);
  assert.equal(basketTotal(['a', 'b'], projects), 650_000);
  assert.equal(basketTotal(['a', 'x'], projects), 200_000);
});

test('adding is refused over the budget (by how much) or over the most projects, and allowed up to the exact amount', () => {
  const basket = { kind: 'basket', amount: 1_000_000, maxProjects: null };
  assert.deepEqual(addRefusal(['a', 'b'], 'c', projects, basket), { reason: 'overBudget', over: 250_000 });
  assert.equal(addRefusal(['a'], 'b', projects, { ...basket, amount: 650_000 }), null);
  assert.deepEqual(addRefusal(['a'], 'b', projects, { ...basket, maxProjects: 1 }), { reason: 'tooMany', max: 1 });
  assert.equal(addRefusal(['a', 'b'], 'c', projects, { ...basket, kind: 'approval' }), null, 'approval has no cost limit');
  assert.equal(addRefusal(['a', 'b'], 'a', projects, { ...basket, amount: 1 }), null, 'a project already chosen is no change');
});
