// The dependency rules of docs/ARCHITECTURE.md, checked on every test run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { importCycles, importGraph } from './testing/import-graph.ts';

const root = resolve(new URL('../../..', import.meta.url).pathname);
/** Small pure packages every other package may use: the seeded random generator and the CSV reader/writer. */
const foundationPackages = ['random', 'csv'];
const algorithmPackages = ['sortition', 'opinions', 'budgeting', 'text'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'build', '.svelte-kit', 'dist'].includes(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|js|svelte|mjs)$/.test(name)) out.push(full);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

function violations(dir: string, rule: (file: string, specifier: string, target: string | null) => string | null): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(dir)) {
    for (const specifier of imports(file)) {
      const target = specifier.startsWith('.') ? relative(root, resolve(dirname(file), specifier)) : null;
      const problem = rule(relative(root, file), specifier, target);
      if (problem) found.push(`${relative(root, file)} imports ${specifier}: ${problem}`);
    }
  }
  return found;
}

test('foundation packages import nothing internal', () => {
  for (const name of foundationPackages) {
    const base = `packages/${name}/`;
    const found = violations(join(root, base), (_file, specifier, target) => {
      if (specifier.startsWith('@tingsted/')) return 'a foundation package may not depend on other Tingsted code';
      if (target !== null && !target.startsWith(base)) return 'reaches outside its package';
      return null;
    });
    assert.deepEqual(found, []);
  }
});

test('algorithm packages import only foundation packages', () => {
  for (const name of algorithmPackages) {
    const base = `packages/${name}/`;
    const found = violations(join(root, base), (_file, specifier, target) => {
      const workspace = /^@tingsted\/([^/]+)/.exec(specifier)?.[1];
      if (workspace !== undefined && !foundationPackages.includes(workspace)) return 'an algorithm package may depend only on @tingsted/random and @tingsted/csv';
      if (target !== null && !target.startsWith(base)) return 'reaches outside its package';
      return null;
    });
    assert.deepEqual(found, []);
  }
});

test('nothing outside apps/ imports from apps/ (tests may use the server test harness)', () => {
  const found = violations(join(root, 'packages'), (_file, specifier, target) =>
    specifier.startsWith('@tingsted/server') || specifier.startsWith('@tingsted/web') || target?.startsWith('apps/') ? 'packages never depend on apps' : null,
  );
  assert.deepEqual(found, []);
});

test('inside platform, modules reach each other only through services, policies and shared types', () => {
  const base = 'packages/platform/src/';
  const found = violations(join(root, base), (file, _specifier, target) => {
    if (!target?.startsWith(base)) return null;
    const fromModule = file.slice(base.length).split('/')[0];
    const toModule = target.slice(base.length).split('/')[0];
    if (fromModule === toModule || ['db', 'testing', 'seed'].includes(fromModule ?? '')) return null;
    if (/\.repository(\.ts)?$/.test(target)) return `${fromModule} uses ${toModule}'s repository; call its service instead`;
    return null;
  });
  assert.deepEqual(found, []);
});

// Import cycles that exist today and are being removed by other work of issue 15 (the MES engines, the
// opinions state and analysis, the i18n catalogs and translate). Listed exactly, so that any other cycle, or
// one of these growing, fails the test; delete an entry when its cycle is gone.
const knownCycles: readonly (readonly string[])[] = [
  ['packages/budgeting/src/mes-points.ts', 'packages/budgeting/src/mes-round.ts', 'packages/budgeting/src/mes.ts'],
  ['packages/opinions/src/analyze.ts', 'packages/opinions/src/state.ts'],
  [
    'packages/platform/src/i18n/messages/da.ts',
    'packages/platform/src/i18n/messages/nb.ts',
    'packages/platform/src/i18n/messages/nn.ts',
    'packages/platform/src/i18n/messages/sv.ts',
    'packages/platform/src/i18n/translate.ts',
  ],
];

/** The cycles of `cycles` that are not one of `known` (or part of one). */
function newCycles(cycles: readonly string[][], known: readonly (readonly string[])[]): string[][] {
  return cycles.filter((cycle) => !known.some((k) => cycle.every((file) => k.includes(file))));
}

test('no import cycle anywhere in the repository (besides the known ones being removed)', (t) => {
  const graph = importGraph(root, ['packages', 'apps', 'e2e', 'scripts']);
  assert.ok(graph.size > 300, `the graph covers the repository (${graph.size} files)`);
  const intoSortition = [...graph].some(([file, targets]) => file.startsWith('packages/platform/') && targets.includes('packages/sortition/src/index.ts'));
  assert.ok(intoSortition, 'workspace imports resolve through package.json exports');
  const cycles = importCycles(graph);
  assert.deepEqual(newCycles(cycles, knownCycles), []);
  for (const k of knownCycles) if (!cycles.some((c) => c.every((f) => k.includes(f)))) t.diagnostic(`known cycle is gone, remove it from knownCycles: ${k.join(' → ')}`);
});

test('the import graph resolves .js to .ts, folders to index.ts and finds a cycle written to files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tingsted-graph-'));
  try {
    mkdirSync(join(dir, 'src/lib'), { recursive: true });
    writeFileSync(join(dir, 'src/a.ts'), "import { b } from './b.js';\nexport const a = 1;\n");
    writeFileSync(join(dir, 'src/b.ts'), "import { lib } from './lib';\nexport const b = lib;\n");
    writeFileSync(join(dir, 'src/lib/index.ts'), "export { a as lib } from '../a.ts';\n");
    const graph = importGraph(dir, ['src']);
    assert.deepEqual(graph.get('src/a.ts'), ['src/b.ts']);
    assert.deepEqual(graph.get('src/b.ts'), ['src/lib/index.ts']);
    assert.deepEqual(importCycles(graph), [['src/a.ts', 'src/b.ts', 'src/lib/index.ts']]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the cycle finder finds a deliberate cycle and nothing in an acyclic graph', () => {
  const acyclic = new Map([['a.ts', ['b.ts', 'c.ts']], ['b.ts', ['c.ts']], ['c.ts', []]]);
  assert.deepEqual(importCycles(acyclic), []);
  const cyclic = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['d.ts']], ['e.ts', ['a.ts']]]);
  assert.deepEqual(importCycles(cyclic), [['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
  assert.deepEqual(newCycles(importCycles(cyclic), [['a.ts', 'b.ts', 'c.ts']]), [['d.ts']], 'a cycle not in the known list is reported');
});
