import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, realisticPool } from './testkit.ts';
import type { SelectionProblem } from './index.ts';

const BIN = fileURLToPath(new URL('../bin/tingsted-sortition.js', import.meta.url));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

test('select --json prints one object with the panel, probabilities, minimum and time', async () => {
  const dir = `${DATA_DIR}/sortition/example_small_20`;
  if (!existsSync(dir)) assert.fail(`shared data not found at ${DATA_DIR}: set TINGSTED_DATA to the shared/data folder (these tests reproduce published results from it)`);
  const r = await run(['select', '--people', `${dir}/respondents.csv`, '--categories', `${dir}/categories.csv`, '--k', '20', '--seed', '7', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { algorithm: string; k: number; panel: string[]; probabilities: Record<string, number>; minProbability: number; seconds: number };
  assert.equal(out.algorithm, 'leximin');
  assert.equal(out.k, 20);
  assert.equal(out.panel.length, 20);
  assert.ok(out.panel.every((id) => /^\d+$/.test(id) && Number(id) < 200), 'ids are 0-based row indices');
  assert.equal(Object.keys(out.probabilities).length, 200);
  assert.ok(Math.abs(out.minProbability - 0.1) < 5e-4);
  assert.ok(out.seconds > 0);
  const again = await run(['select', '--people', `${dir}/respondents.csv`, '--categories', `${dir}/categories.csv`, '--k', '20', '--seed', '7', '--json']);
  assert.deepEqual((JSON.parse(again.stdout) as { panel: string[] }).panel, out.panel);
});

test('transparent select writes the list; verify re-computes the draw; CSV errors exit 1 with line numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sortition-cli-'));
  const people = ['pid,sex,age,street', ...Array.from({ length: 30 }, (_, i) => `p${i},${i % 2 ? 'f' : 'm'},${i % 3 ? 'young' : 'old'},road ${i % 25}`)].join('\n');
  writeFileSync(join(dir, 'people.csv'), people);
  writeFileSync(join(dir, 'cats.csv'), 'feature,value,min,max\nsex,f,2,3\nsex,m,2,3\nage,young,2,4\nage,old,1,2\n');
  const lottery = join(dir, 'lottery.txt');
  const r = await run(['select', '--people', join(dir, 'people.csv'), '--categories', join(dir, 'cats.csv'), '--k', '5', '--id-column', 'pid',
    '--household-columns', 'street', '--seed', '99', '--transparent', '--m', '100', '--lottery-out', lottery, '--json', '--selected-out', join(dir, 'sel.csv')]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { panel: string[]; transparent: { hash: string; index: number } };
  assert.equal(readFileSync(join(dir, 'sel.csv'), 'utf8').trim().split('\n').length, 6);
  const v = await run(['verify', '--lottery', lottery, '--seed', '99', '--hash', out.transparent.hash, '--panel', out.panel.join(',')]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /hash matches/);
  const wrong = await run(['verify', '--lottery', lottery, '--seed', '99', '--hash', '0'.repeat(64)]);
  assert.equal(wrong.code, 1);
  writeFileSync(join(dir, 'bad.csv'), 'pid,sex,age,street\nq1,f,young,a\nq2,x,old,b\n');
  const bad = await run(['analyze', '--people', join(dir, 'bad.csv'), '--categories', join(dir, 'cats.csv'), '--k', '5', '--id-column', 'pid']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /line 3: unknown value "x" for category "sex"/);
});

/** Writes a generated pool as the people and categories CSV files the command reads. */
function writePool(dir: string, problem: SelectionProblem): { people: string; categories: string } {
  const names = problem.categories.map((c) => c.name);
  const people = join(dir, 'people.csv');
  const categories = join(dir, 'categories.csv');
  writeFileSync(people, [['id', ...names].join(','), ...problem.people.map((p) => [p.id, ...names.map((n) => p.values[n]!)].join(','))].join('\n') + '\n');
  writeFileSync(categories, ['feature,value,min,max', ...problem.categories.flatMap((c) => c.values.map((v) => `${c.name},${v.value},${v.min},${v.max}`))].join('\n') + '\n');
  return { people, categories };
}

test('select prints every finished LEXIMIN level with the minimum probability so far on stderr', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sortition-cli-'));
  const files = writePool(dir, realisticPool(2, { n: 120, k: 15, quotas: 'exact' }));
  const r = await run(['analyze', '--people', files.people, '--categories', files.categories, '--k', '15', '--id-column', 'id', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { minProbability: number; stats: { levels: number; route: string } };
  assert.equal(out.stats.route, 'column-generation');
  const done = r.stderr.split('\n').filter((l) => / level \d+ done,/.test(l));
  assert.equal(done.length, out.stats.levels, r.stderr);
  // Printed to six places: the level's value, which the final lottery meets up to the solver's tolerance.
  for (const line of done) {
    const shown = /minimum probability (\d\.\d{6})/.exec(line);
    assert.ok(shown, line);
    assert.ok(Math.abs(Number(shown[1]) - out.minProbability) <= 1e-6, `${line} vs ${out.minProbability}`);
  }
  assert.match(done[0]!, /level 1 done, \d+ panels, \d+\/\d+ groups fixed/);
  assert.match(done[done.length - 1]!, /level fixed at \d\.\d{6}/);
});

test('select with exact quotas no panel meets: exit 1 and a reason naming the categories to change', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sortition-cli-'));
  const base = realisticPool(4, { n: 120, k: 15, quotas: 'exact' });
  // Every seat to people aged 45-64 while the student quota stays: hardly any student is that old.
  const categories = base.categories.map((c) => (c.name !== 'age' ? c : { ...c, values: c.values.map((v) => ({ ...v, min: v.value === '45-64' ? 15 : 0, max: v.value === '45-64' ? 15 : 0 })) }));
  const files = writePool(dir, { ...base, categories });
  const r = await run(['select', '--people', files.people, '--categories', files.categories, '--k', '15', '--id-column', 'id', '--seed', '1', '--quiet']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^infeasible: No panel meets every quota\./);
  assert.match(r.stderr, /\n {2}age=[^:]+: (min|max) \d+ → \d+/);
  assert.match(r.stderr, /\n {2}work=[^:]+: (min|max) \d+ → \d+/);
});
