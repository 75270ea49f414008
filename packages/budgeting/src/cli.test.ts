import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/tingsted-budget.js', import.meta.url));
const FILE = [
  'META', 'key;value', 'budget;10', 'vote_type;approval', 'max_length;2',
  'PROJECTS', 'project_id;cost;name', 'A;6;Alpha', 'B;5;Beta', 'C;3;Gamma', 'D;1;Delta',
  'VOTES', 'voter_id;vote', 'v1;A,B', 'v2;A,B', 'v3;A,B,C', 'v4;A,D', '',
].join('\n');

function cli(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'tingsted-budget-'));
  const path = join(dir, 'e.pb');
  writeFileSync(path, FILE);
  return spawnSync(process.execPath, [BIN, ...args.map((a) => (a === 'FILE' ? path : a))], { encoding: 'utf8' });
}

test('tally --json prints one JSON object with selected, cost and seconds', () => {
  const r = cli(['tally', 'FILE', '--rule', 'greedy', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { selected: string[]; cost: number; seconds: number; budget: number };
  // A has 4 votes; B (3) no longer fits; C and D tie on 1 vote, the cheaper D goes first.
  assert.deepEqual(out.selected, ['A', 'D', 'C']);
  assert.equal(out.cost, 10);
  assert.equal(out.budget, 10);
  assert.equal(typeof out.seconds, 'number');
});

test('tally --explain --json includes explanations; bad options and files fail clearly', () => {
  const r = cli(['tally', 'FILE', '--rule', 'mes-add1', '--explain', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { explanations: { projects: unknown[]; voters: unknown[] } };
  assert.equal(out.explanations.projects.length, 4);
  assert.equal(out.explanations.voters.length, 4);
  const bad = cli(['tally', 'FILE', '--rule', 'nonsense']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--rule must be one of/);
});

test('validate reports ballots that break the rules', () => {
  const r = cli(['validate', 'FILE']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /v3\ttoo-many-projects/);
  assert.match(r.stdout, /4 ballots, 1 with violations/);
});
