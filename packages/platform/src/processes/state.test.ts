import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPlatform } from '../testing/database.ts';
import type { Platform } from '../platform.ts';
import { processState } from './state.ts';
import { presentProcess } from './processes.presenter.ts';

test('a published process is upcoming before its start, open through its end date, closed the day after', () => {
  const p = { status: 'published' as const, startsOn: '2026-03-01', endsOn: '2026-03-31' };
  assert.equal(processState(p, '2026-02-28'), 'upcoming');
  assert.equal(processState(p, '2026-03-01'), 'open');
  assert.equal(processState(p, '2026-03-31'), 'open', 'the end date is the last open day');
  assert.equal(processState(p, '2026-04-01'), 'closed');
  assert.equal(processState({ ...p, startsOn: null, endsOn: null }, '2030-01-01'), 'open', 'without dates it stays open');
  assert.equal(processState({ ...p, status: 'draft' }, '2026-03-15'), 'draft');
  assert.equal(processState({ ...p, status: 'closed' }, '2026-03-15'), 'closed', 'closed by staff before its end');
});

let platform: Platform;
let drop: () => Promise<void>;
// 21:30 UTC on 31 March is 23:30 in Oslo (summer time), the last open evening of a process ending that day;
// 23:30 UTC is already 1 April there, and it has ended.
let now = new Date('2026-03-31T21:30:00Z');

before(async () => {
  ({ platform, drop } = await testPlatform({ clock: () => now }));
  const base = { summary: { nb: 'Om' }, createdBy: null };
  await platform.processes.ensureProcess({ ...base, slug: 'mars', status: 'published', title: { nb: 'Mars' }, startsOn: '2026-03-01', endsOn: '2026-03-31' });
  await platform.processes.ensureProcess({ ...base, slug: 'april', status: 'published', title: { nb: 'April' }, startsOn: '2026-04-01', endsOn: '2026-04-30' });
  await platform.processes.ensureProcess({ ...base, slug: 'stengt', status: 'closed', title: { nb: 'Stengt' }, startsOn: '2026-01-01', endsOn: '2026-12-31' });
});
after(async () => drop());

/** The listed processes of one filter as slug → state. */
async function listed(status: string): Promise<Record<string, string>> {
  const result = await platform.processes.listProcesses(null, { status });
  assert.ok(result.ok);
  return Object.fromEntries(result.value.map((p) => [p.slug, p.state]));
}

test('lists, details and the presenter show the state by the municipality calendar, and filter by it', async () => {
  assert.deepEqual(await listed('published'), { mars: 'open', april: 'upcoming' });
  assert.deepEqual(await listed('closed'), { stengt: 'closed' });
  now = new Date('2026-03-31T23:30:00Z');
  assert.deepEqual(await listed('published'), { april: 'open' });
  assert.deepEqual(await listed('closed'), { mars: 'closed', stengt: 'closed' });
  assert.deepEqual(await listed('all'), { mars: 'closed', april: 'open', stengt: 'closed' });
  const mars = await platform.processes.getProcess(null, 'mars');
  assert.ok(mars.ok);
  assert.deepEqual([mars.value.status, mars.value.state], ['published', 'closed'], 'the stored status is unchanged; what people see follows the dates');
  assert.equal(presentProcess(mars.value, null).state, 'closed');
  assert.equal((await platform.processes.listProcesses(null, { status: 'drafts' })).ok, false);
});
