import { test } from 'node:test';
import assert from 'node:assert/strict';
import { instantIn } from './dates.ts';

test('a wall-clock time is read in the municipality time zone, on both sides of a daylight-saving change', () => {
  const oslo = 'Europe/Oslo';
  assert.equal(instantIn('2026-03-28T18:00', oslo)?.toISOString(), '2026-03-28T17:00:00.000Z', 'winter time: UTC+1');
  assert.equal(instantIn('2026-03-29T18:00', oslo)?.toISOString(), '2026-03-29T16:00:00.000Z', 'summer time from 29 March: UTC+2');
  assert.equal(instantIn('2026-10-24T18:00', oslo)?.toISOString(), '2026-10-24T16:00:00.000Z');
  assert.equal(instantIn('2026-10-25T18:00', oslo)?.toISOString(), '2026-10-25T17:00:00.000Z', 'winter time again from 25 October');
  assert.equal(instantIn('2026-03-29T02:30', oslo)?.toISOString(), '2026-03-29T01:30:00.000Z', 'a skipped time is read with the offset before the change');
  assert.equal(instantIn('2026-10-25T02:30', oslo)?.toISOString(), '2026-10-25T00:30:00.000Z', 'a time that happens twice is the first');
  assert.equal(instantIn('2026-07-01T09:15', 'America/New_York')?.toISOString(), '2026-07-01T13:15:00.000Z');
  assert.equal(instantIn('2026-12-10T18:00:00Z', oslo)?.toISOString(), '2026-12-10T18:00:00.000Z', 'an instant with Z stays as written');
  assert.equal(instantIn('2026-12-10T18:00+01:00', oslo)?.toISOString(), '2026-12-10T17:00:00.000Z');
  for (const bad of ['2026-02-30T10:00', '2026-12-10 18:00', '2026-12-10T25:00', '', 42, null]) assert.equal(instantIn(bad, oslo), null, String(bad));
});
