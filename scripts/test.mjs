// Runs every test in the repository with Node's own test runner, so one command (`npm test`) covers
// the algorithm packages, the platform, the server and the browser tests.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const roots = ['packages', 'apps', 'e2e'];
const skip = new Set(['node_modules', '.svelte-kit', 'build', 'dist', '.data']);

/** @param {string} dir @returns {string[]} */
function findTests(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort((a, b) => a.localeCompare(b))) {
    if (skip.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(findTests(full));
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const only = process.argv.slice(2);
const files = roots
  .flatMap((r) => findTests(join(root, r)))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
if (files.length === 0) {
  process.stderr.write('no test files found\n');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: process.env },
);
process.exit(result.status ?? 1);
