// `npm test`: runs every test in the repository with Node's own test runner, after starting the
// database the tests use. With DATABASE_URL set, tests use that PostgreSQL server; without it, an
// embedded PostgreSQL in .data/test-postgres (kept between runs, so the second run starts fast).
//   npm test                       every test
//   npm test -- packages/platform  only test files under that path
// Test files run in parallel (TEST_CONCURRENCY, default 3: most of a file's time is spent waiting on PostgreSQL,
// the server or Chromium), each on a database of its own copied from one migrated template.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { DataFolderInUseError, startEmbeddedPostgres, type EmbeddedDatabase } from '../packages/platform/src/db/embedded.ts';
import { prepareTemplateDatabase } from '../packages/platform/src/testing/index.ts';

const root = new URL('..', import.meta.url).pathname;
const skip = new Set(['node_modules', '.svelte-kit', 'build', 'dist', '.data']);

function findTests(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of entries.sort((a, b) => a.localeCompare(b))) {
    if (skip.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTests(full));
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const only = process.argv.slice(2);
// Browser tests first, then the server's, then the packages': the longest files start first, so the last
// minutes of a parallel run are not one long browser test running alone.
const files = ['e2e', 'apps', 'packages']
  .flatMap((r) => findTests(join(root, r)))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
if (files.length === 0) {
  process.stderr.write(`no test files found${only.length ? ` under ${only.join(', ')}` : ''}\n`);
  process.exit(1);
}

// Browser tests need Debian's Chromium and the built web app (rebuilt when its sources are newer).
if (files.some((f) => f.startsWith('e2e/'))) {
  const chromium = spawnSync('bash', [join(root, 'scripts/ensure-chromium.sh')], { stdio: 'inherit' });
  if (chromium.status !== 0) process.exit(chromium.status ?? 1);
  const { webBuildIsStale } = (await import('./web-build.mjs')) as { webBuildIsStale: (root: string) => boolean };
  if (webBuildIsStale(root)) {
    process.stdout.write('building the web app for the browser tests\n');
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

let embedded: EmbeddedDatabase | null = null;
let databaseUrl = process.env.DATABASE_URL;
let scratch: string | null = null;
if (!databaseUrl) {
  try {
    embedded = await startEmbeddedPostgres({ dataDir: join(root, '.data/test-postgres') });
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    // Another test run holds the shared test database: use a fresh one of our own, removed afterwards.
    scratch = join(root, `.data/test-postgres-${process.pid}`);
    process.stdout.write(`tests: ${error.dataDir} is busy; using ${scratch}\n`);
    embedded = await startEmbeddedPostgres({ dataDir: scratch });
  }
  databaseUrl = embedded.url;
}
const migrationsDir = join(root, 'packages/platform/src/db/migrations');
const migrationSources = readdirSync(migrationsDir)
  .sort((a, b) => a.localeCompare(b))
  .map((name) => `${name}\n${readFileSync(join(migrationsDir, name), 'utf8')}`)
  .join('\n');
const template = await prepareTemplateDatabase(databaseUrl, migrationSources);
const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY ?? 3) || 1);
process.stdout.write(`tests: ${files.length} files, ${concurrency} at a time, PostgreSQL ${embedded ? 'embedded' : 'from DATABASE_URL'}\n`);

// Each file's wall time, from scripts/test-file-timer.mjs: the slowest are listed after the run.
const timings = join(mkdtempSync(join(tmpdir(), 'tingsted-test-')), 'timings.tsv');
// Test files run on Node's own type stripping (no loader hooks: about a third less start-up per file than under
// tsx), with V8's compile cache shared by the run's processes, so each module is compiled once per run.
const child = spawn(process.execPath, ['--import', join(root, 'scripts/test-file-timer.mjs'), '--test', '--test-reporter=spec', '--test-timeout=600000', `--test-concurrency=${concurrency}`, ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(root, '.data/compile-cache'), TEST_DATABASE_URL: databaseUrl, TEST_TEMPLATE_DATABASE: template, TEST_TIMINGS_FILE: timings },
});
const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
if (existsSync(timings)) {
  const rows = readFileSync(timings, 'utf8').trim().split('\n').map((line) => line.split('\t') as [string, string]);
  rows.sort((a, b) => Number(b[0]) - Number(a[0]));
  process.stdout.write(`\nslowest test files (wall seconds):\n${rows.slice(0, 20).map(([s, f]) => `${s.padStart(7)}  ${f}`).join('\n')}\n`);
  rmSync(dirname(timings), { recursive: true, force: true });
}
await embedded?.stop();
if (scratch) rmSync(scratch, { recursive: true, force: true });
process.exit(code);
