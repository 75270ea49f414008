import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawIndex, lotteryRecordFormat, poolHash, roundToUniform, select, verifyRecord, type LotteryRecord } from './index.ts';
import { randomProblem } from './testkit.ts';

const BIN = fileURLToPath(new URL('../bin/tingsted-sortition.js', import.meta.url));

/** An announced and drawn record for a small generated pool. */
async function drawnRecord(): Promise<LotteryRecord> {
  const problem = randomProblem(7, 40, 6, true);
  const analysis = await select(problem, { seed: 'x' });
  assert.ok(analysis.ok, !analysis.ok ? analysis.detail : '');
  const uniform = await roundToUniform(analysis, problem.people.map((p) => p.id), { m: 100 });
  const pool = problem.people.map((p) => ({ id: p.id, values: p.values, ...(p.household ? { household: `h${p.household.length}-${p.id}` } : {}) }));
  const seedValue = '4 11 17 23 30 31 33';
  const index = drawIndex(seedValue, uniform.panels.length);
  return {
    format: lotteryRecordFormat,
    panel: { id: 'p1', title: 'Innbyggerpanel om badeplassen' },
    k: problem.k,
    householdRule: false,
    algorithm: { name: 'leximin', version: '0.1.0' },
    categories: problem.categories,
    pool,
    poolHash: poolHash(pool, problem.categories),
    lottery: { m: uniform.panels.length, text: uniform.text, hash: uniform.hash },
    seed: { source: 'Lotto, trekningen lørdag 12. desember 2026', notBefore: '2026-12-12T18:45:00.000Z', value: seedValue },
    announcedAt: '2026-12-07T10:00:00.000Z',
    drawn: { at: '2026-12-12T19:30:00.000Z', index, selected: [...(uniform.panels[index] ?? [])] },
  };
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

test('a drawn record verifies: pool hash, list hash, every panel, seed time, index and the selected', async () => {
  const record = await drawnRecord();
  const result = verifyRecord(JSON.parse(JSON.stringify(record)));
  assert.equal(result.ok, true, !result.ok ? result.difference : '');
  assert.equal(result.checks.length, 5);
  const announced = verifyRecord({ ...record, seed: { ...record.seed, value: null }, drawn: null });
  assert.equal(announced.ok, true, 'an announced record, not drawn yet, checks the pool and the list');
  assert.match(announced.checks.at(-1) ?? '', /not drawn yet: the seed comes from Lotto/);
});

test('any change to a record is found and named: the first difference', async () => {
  const record = await drawnRecord();
  const first = record.pool[0]!;
  const category = record.categories[0]!;
  const other = category.values.find((v) => v.value !== first.values[category.name])!.value;
  const changedPool = { ...record, pool: [{ ...first, values: { ...first.values, [category.name]: other } }, ...record.pool.slice(1)] };
  assert.match(failure(verifyRecord(changedPool)), /^pool hash: the pool gives [0-9a-f]{64}, the record says/);
  assert.match(failure(verifyRecord({ ...record, lottery: { ...record.lottery, text: record.lottery.text.replace(/\n.*\n$/, '\n') } })), /^list hash/);
  const outsider = record.pool.find((p) => !record.drawn!.selected.includes(p.id))!.id;
  const swapped = { ...record, drawn: { ...record.drawn!, selected: [outsider, ...record.drawn!.selected.slice(1)] } };
  assert.match(failure(verifyRecord(swapped)), /is on panel \d+ but not among the selected/);
  assert.match(failure(verifyRecord({ ...record, drawn: { ...record.drawn!, at: '2026-12-12T18:00:00.000Z' } })), /before the seed existed/);
  assert.match(failure(verifyRecord({ ...record, seed: { ...record.seed, value: '1 2 3 4 5 6 7' } })), /gives index \d+, the record says/);
  assert.match(failure(verifyRecord({ ...record, seed: { ...record.seed, notBefore: '2026-12-01T00:00:00.000Z' } })), /before the announcement/);
  assert.match(failure(verifyRecord({ ...record, format: 'other/1' })), /^format is "other\/1"/);
  assert.match(failure(verifyRecord([])), /not a JSON object/);
});

test('tingsted-sortition verify <record.json> exits 0 for a true record and 1 with the first difference', async () => {
  const record = await drawnRecord();
  const dir = mkdtempSync(join(tmpdir(), 'record-'));
  writeFileSync(join(dir, 'good.json'), JSON.stringify(record));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...record, drawn: { ...record.drawn!, index: (record.drawn!.index + 1) % record.lottery.m } }));
  writeFileSync(join(dir, 'broken.json'), '{ not json');
  const good = await run(['verify', join(dir, 'good.json')]);
  assert.equal(good.code, 0, good.stderr);
  assert.match(good.stdout, /the 6 selected are exactly panel \d+/);
  const bad = await run(['verify', join(dir, 'bad.json')]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /DIFFERENT: seed ".*" gives index \d+, the record says \d+/);
  const json = await run(['verify', join(dir, 'good.json'), '--json']);
  assert.equal((JSON.parse(json.stdout) as { ok: boolean }).ok, true);
  const broken = await run(['verify', join(dir, 'broken.json')]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /is not JSON/);
});

function failure(result: ReturnType<typeof verifyRecord>): string {
  assert.equal(result.ok, false, 'the change is found');
  return result.ok ? '' : result.difference;
}
