import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weeksFromTo } from './participation.ts';

test('a participation chart runs through every ISO week, quiet ones included, across year ends and 53-week years', () => {
  assert.deepEqual(weeksFromTo('2025-W11', '2025-W14'), ['2025-W11', '2025-W12', '2025-W13', '2025-W14']);
  // 2026 has 53 ISO weeks (1 January 2026 is a Thursday); 2025 has 52.
  assert.deepEqual(weeksFromTo('2026-W52', '2027-W02'), ['2026-W52', '2026-W53', '2027-W01', '2027-W02']);
  assert.deepEqual(weeksFromTo('2025-W51', '2026-W01'), ['2025-W51', '2025-W52', '2026-W01']);
  assert.deepEqual(weeksFromTo('2025-W20', '2025-W20'), ['2025-W20']);
});
