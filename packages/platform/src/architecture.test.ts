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

// ---------------------------------------------------------------------------------------------------------------
// Table ownership and module order inside packages/platform/src (issue 15). The checkers work on an in-memory
// tree (path under src/ → text) so that the tests below can show each one failing on a deliberate violation.

/** The platform's source files, keyed by their path under `src/` with forward slashes. */
function platformTree(): Map<string, string> {
  const srcDir = join(root, 'packages/platform/src');
  const tree = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) tree.set(relative(srcDir, full).split('\\').join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(srcDir);
  return tree;
}

/** The module a file belongs to: its first folder under `src/`, or the file's own name at the top level (`platform.ts`). */
function moduleOf(path: string): string {
  return path.split('/')[0] ?? path;
}

/**
 * Which module owns which table: the keys of the `…Tables` interfaces in each `<module>/<module>.tables.ts`
 * (`export interface IdeasTables { ideas: IdeasTable; comments: CommentsTable; … }`), the same interfaces that
 * db/schema.ts joins into the database type.
 */
function tableOwners(tree: ReadonlyMap<string, string>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [path, text] of tree) {
    const module = moduleOf(path);
    if (path !== `${module}/${module}.tables.ts`) continue;
    for (const declared of text.matchAll(/export\s+(?:interface\s+\w+Tables\s*|type\s+\w+Tables\s*=\s*)\{([^}]*)\}/g)) {
      for (const key of (declared[1] ?? '').matchAll(/^\s*['"]?([a-z_][a-z0-9_]*)['"]?\s*:/gm)) {
        const table = key[1] ?? '';
        const previous = owners.get(table);
        if (previous && previous !== module) throw new Error(`table ${table} is declared by both ${previous} and ${module}`);
        owners.set(table, module);
      }
    }
  }
  return owners;
}

/**
 * The tables a source text names: Kysely builder calls (`selectFrom('x')`, `insertInto('x as y')`,
 * `.innerJoin('x'`, …) and, inside raw `sql` templates, `from x`, `join x`, `into x`, `update x`. Only names in
 * `known` count, so CTE aliases and `extract(year from …)` are not mistaken for tables.
 */
function tableReferences(text: string, known: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const builder = /\b(?:selectFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|innerJoinLateral|leftJoinLateral|using|from)\(\s*\[?\s*['"`]([a-z_][a-z0-9_]*)/g;
  for (const m of text.matchAll(builder)) found.push(m[1] ?? '');
  for (const m of text.matchAll(/\bsql\.(?:table|id)\(\s*['"]([a-z_][a-z0-9_]*)['"]/g)) found.push(m[1] ?? '');
  for (const template of text.matchAll(/\bsql(?:<[^`]*?>)?`([^`]*)`/g)) {
    for (const m of (template[1] ?? '').matchAll(/\b(?:from|join|into|update)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi)) found.push((m[1] ?? '').toLowerCase());
  }
  return [...new Set(found.filter((name) => known.has(name)))];
}

/** Folders whose files may name any table: the schema and migrations, the demo seed, the test harness. */
const tableOwnershipExempt = ['db', 'seed', 'testing'];

/**
 * Every place where a module's source (tests and exempt folders aside) names a table that another module owns,
 * as `file names table (owned by module)`.
 */
function tableOwnershipViolations(tree: ReadonlyMap<string, string>): string[] {
  const owners = tableOwners(tree);
  const known = new Set(owners.keys());
  const found: string[] = [];
  for (const [path, text] of tree) {
    const module = moduleOf(path);
    if (path.endsWith('.test.ts') || tableOwnershipExempt.includes(module)) continue;
    for (const table of tableReferences(text, known)) {
      const owner = owners.get(table);
      if (owner !== module) found.push(`${path} names table ${table} (owned by ${owner ?? 'nobody'})`);
    }
  }
  return found.sort((a, b) => a.localeCompare(b));
}

/**
 * The module order, lowest first: a module may import from its own folder and from modules before it, never
 * from one after it. Top-level files count as modules of their own (`platform.ts` wires every service).
 */
const moduleOrder = [
  'i18n',
  'shared',
  'edge',
  'db',
  'jobs',
  'mail',
  'audit',
  'accounts',
  'municipality',
  'files',
  'notifications',
  'processes',
  'ideas',
  'surveys',
  'feedback',
  'budgeting',
  'events',
  'conversations',
  'proposals',
  'moderation',
  'stakeholders',
  'panels',
  'census',
  'analysis',
  'updates',
  'reports',
  'platform.ts',
  'request-context.ts',
  'seed',
  'index.ts',
  'testing',
];

/** The relative imports of a source text (static, re-exports and dynamic), each with whether it is type-only. */
function relativeImports(text: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/\b(import|export)(\s+type)?\s[^'";]*?\bfrom\s+['"](\.[^'"]*)['"]/g))
    found.push({ specifier: m[3] ?? '', typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(/\bimport\s+['"](\.[^'"]*)['"]|\bimport\(\s*['"](\.[^'"]*)['"]\s*\)|new URL\(\s*['"](\.[^'"]*)['"]\s*,\s*import\.meta\.url/g))
    found.push({ specifier: m[1] ?? m[2] ?? m[3] ?? '', typeOnly: false });
  return found;
}

/** A specifier resolved against the importing file, as a path under `src/` (null when it leaves `src/`). */
function resolveUnderSrc(from: string, specifier: string): string | null {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Every import (tests aside) that runs from a module to one after it in `order`, or from or to a module the
 * order does not list. One exception: db/schema.ts joins the modules' `<module>.tables.ts` into the database
 * type, with type-only imports (those files hold Kysely types only, see the test below).
 */
function moduleOrderViolations(tree: ReadonlyMap<string, string>, order: readonly string[]): string[] {
  const found: string[] = [];
  for (const [path, text] of tree) {
    if (path.endsWith('.test.ts')) continue;
    const from = moduleOf(path);
    for (const { specifier, typeOnly } of relativeImports(text)) {
      const target = resolveUnderSrc(path, specifier);
      if (target === null) continue;
      const to = moduleOf(target);
      if (to === from) continue;
      if (path === 'db/schema.ts' && typeOnly && target === `${to}/${to}.tables.ts`) continue;
      const rank = order.indexOf(from);
      const targetRank = order.indexOf(to);
      if (rank < 0) found.push(`${path}: module ${from} is not in the module order`);
      else if (targetRank < 0) found.push(`${path} imports ${specifier}: module ${to} is not in the module order`);
      else if (targetRank > rank) found.push(`${path} imports ${specifier}: ${from} may not import ${to}, which comes after it`);
    }
  }
  return [...new Set(found)].sort((a, b) => a.localeCompare(b));
}

/** Imports of a `<module>.tables.ts` that reach beyond kysely and shared/ (db/schema.ts may only import such leaves). */
function tablesFileImportViolations(tree: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of tree) {
    const module = moduleOf(path);
    if (path !== `${module}/${module}.tables.ts`) continue;
    for (const m of text.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) {
      const specifier = m[1] ?? '';
      const target = specifier.startsWith('.') ? resolveUnderSrc(path, specifier) : null;
      const allowed = specifier === 'kysely' || (target !== null && (moduleOf(target) === module || moduleOf(target) === 'shared'));
      if (!allowed) found.push(`${path} imports ${specifier}`);
    }
  }
  return found;
}

/**
 * Known violations waiting for a change under way elsewhere, one line each with a comment naming that change
 * ("moved by the panels split"); the coordinator empties the list after merging. Empty: the panels,
 * conversations, stakeholders and accounts folders name only their own tables, and no import runs up the order.
 */
const pendingMoves: readonly string[] = [];

test('a module names only its own tables; other modules are read through their exported queries', () => {
  const found = tableOwnershipViolations(platformTree());
  assert.deepEqual(found.filter((v) => !pendingMoves.includes(v)), []);
  assert.deepEqual(pendingMoves.filter((v) => !found.includes(v)), [], 'pendingMoves lists a violation that is gone: remove it');
});

test('imports inside the platform follow the module order', () => {
  const found = moduleOrderViolations(platformTree(), moduleOrder);
  assert.deepEqual(found.filter((v) => !pendingMoves.includes(v)), []);
  assert.deepEqual(tablesFileImportViolations(platformTree()), []);
});

test('every module with tables is in the module order, and each table has one owner', () => {
  const tree = platformTree();
  const owners = tableOwners(tree);
  assert.ok(owners.get('ideas') === 'ideas' && owners.get('phases') === 'processes' && owners.get('official_answers') === 'feedback');
  for (const module of new Set(owners.values())) assert.ok(moduleOrder.includes(module), `${module} is missing from the module order`);
});

test('the table ownership check reports a module that names another module’s table', () => {
  const tree = new Map([
    ['ideas/ideas.tables.ts', 'export interface IdeasTables {\n  ideas: IdeasTable;\n  comments: CommentsTable;\n}'],
    ['feedback/feedback.tables.ts', "import type { ColumnType } from 'kysely';\nexport interface FeedbackTables {\n  official_answers: AnswersTable;\n}"],
    ['feedback/feedback.repository.ts', "db.selectFrom('official_answers').innerJoin('ideas', 'ideas.id', 'official_answers.idea_id')"],
    ['feedback/report.ts', 'const rows = sql<{ n: number }>`SELECT count(*) FROM events e JOIN comments c ON c.id = e.id`;'],
    ['feedback/feedback.test.ts', "db.selectFrom('comments')"],
    ['db/schema.ts', "db.selectFrom('comments')"],
  ]);
  assert.deepEqual(tableOwnershipViolations(tree), [
    'feedback/feedback.repository.ts names table ideas (owned by ideas)',
    'feedback/report.ts names table comments (owned by ideas)',
  ]);
  tree.set('feedback/feedback.repository.ts', "db.selectFrom('official_answers').where('idea_id', 'in', ideaIds)");
  tree.set('feedback/report.ts', 'const rows = sql`SELECT extract(year from created_at) FROM official_answers`;');
  assert.deepEqual(tableOwnershipViolations(tree), []);
});

test('the module order check reports an import that runs up the order', () => {
  const order = ['shared', 'db', 'ideas', 'feedback', 'platform.ts'];
  const tree = new Map([
    ['shared/result.ts', 'export type Result = unknown;'],
    ['db/schema.ts', "import type { IdeasTables } from '../ideas/ideas.tables.ts';"],
    ['ideas/ideas.tables.ts', 'export interface IdeasTables {}'],
    ['ideas/ideas.service.ts', "import { ok } from '../shared/result.ts';\nimport type { FeedbackService } from '../feedback/feedback.service.ts';"],
    ['feedback/feedback.service.ts', "import { ideasService } from '../ideas/ideas.service.ts';\nexport * from './feedback.policy.ts';"],
    ['feedback/feedback.test.ts', "import { createPlatform } from '../platform.ts';"],
    ['platform.ts', "import { feedbackService } from './feedback/feedback.service.ts';"],
  ]);
  assert.deepEqual(moduleOrderViolations(tree, order), [
    'ideas/ideas.service.ts imports ../feedback/feedback.service.ts: ideas may not import feedback, which comes after it',
  ]);
  tree.set('db/schema.ts', "import { ideasService } from '../ideas/ideas.service.ts';");
  tree.set('reports/you-said.ts', "const worker = new Worker(new URL('../ideas/ideas.service.ts', import.meta.url));");
  assert.deepEqual(moduleOrderViolations(tree, order), [
    'db/schema.ts imports ../ideas/ideas.service.ts: db may not import ideas, which comes after it',
    'reports/you-said.ts: module reports is not in the module order',
    'ideas/ideas.service.ts imports ../feedback/feedback.service.ts: ideas may not import feedback, which comes after it',
  ].sort((a, b) => a.localeCompare(b)));
  tree.set('ideas/ideas.tables.ts', "import type { Role } from '../accounts/accounts.tables.ts';\nexport interface IdeasTables {}");
  assert.deepEqual(tablesFileImportViolations(tree), ['ideas/ideas.tables.ts imports ../accounts/accounts.tables.ts']);
});

// ---- File size and the platform's curated entry points (issue 15) ----

/** Source files of the whole repository that count for the size limit (message catalogs and migrations are data). */
function sizedSourceFiles(): string[] {
  const files: string[] = [];
  for (const top of ['packages', 'apps', 'e2e', 'scripts', 'examples']) {
    const dir = join(root, top);
    try {
      statSync(dir);
    } catch {
      continue;
    }
    files.push(...sourceFiles(dir));
  }
  return files.map((f) => relative(root, f)).filter((f) => !/\/migrations\/|\/i18n\/messages\//.test(f));
}

/** Files longer than `limit` lines, as 'path: n lines'. */
export function oversizedFiles(texts: ReadonlyMap<string, string>, limit: number): string[] {
  const found: string[] = [];
  for (const [file, text] of texts) {
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > limit) found.push(`${file}: ${lines} lines`);
  }
  return found.sort((a, b) => a.localeCompare(b));
}

test('no source file is longer than 500 lines (outside migrations and message catalogs)', () => {
  const texts = new Map(sizedSourceFiles().map((f) => [f, readFileSync(join(root, f), 'utf8')] as const));
  assert.ok(texts.size > 300, `only ${texts.size} source files found`);
  assert.deepEqual(oversizedFiles(texts, 500), []);
});

test('the size check reports a file over the limit', () => {
  const texts = new Map([
    ['a.ts', 'x\n'.repeat(500)],
    ['b.ts', 'x\n'.repeat(501)],
    ['c.ts', 'x\n'.repeat(499) + 'x'],
  ]);
  assert.deepEqual(oversizedFiles(texts, 500), ['b.ts: 501 lines']);
});

/** Specifiers of `@tingsted/platform…` imports that are not entry points the platform's package.json exports. */
export function deepPlatformImports(files: ReadonlyMap<string, string>, exported: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    for (const m of text.matchAll(/(?:from\s+|import\(\s*)['"](@tingsted\/platform(?:\/[^'"]*)?)['"]/g)) {
      const specifier = m[1] ?? '';
      const subpath = `.${specifier.slice('@tingsted/platform'.length)}`;
      if (!exported.has(subpath)) found.push(`${file} imports ${specifier}`);
    }
  }
  return found;
}

function platformExports(): Set<string> {
  const manifest = JSON.parse(readFileSync(join(root, 'packages/platform/package.json'), 'utf8')) as { exports: Record<string, string> };
  return new Set(Object.keys(manifest.exports));
}

test('the platform exports one curated entry point per module, and nothing imports past them', () => {
  const exported = platformExports();
  assert.ok(![...exported].some((key) => key.includes('*')), 'the platform exports a wildcard path');
  for (const [key, target] of Object.entries((JSON.parse(readFileSync(join(root, 'packages/platform/package.json'), 'utf8')) as { exports: Record<string, string> }).exports)) {
    assert.ok(key === '.' || /^\.\/[a-z0-9-]+(\/(shown|sent)\/[a-z]{2})?$/.test(key), `${key} is not a module entry point`);
    statSync(join(root, 'packages/platform', target));
  }
  const files = new Map<string, string>();
  for (const top of ['apps', 'e2e', 'scripts', 'packages']) {
    for (const f of sourceFiles(join(root, top))) {
      if (relative(root, f).startsWith('packages/platform/')) continue;
      files.set(relative(root, f), readFileSync(f, 'utf8'));
    }
  }
  assert.deepEqual(deepPlatformImports(files, exported), []);
});

test('the entry-point check reports an import of a module’s inner file', () => {
  const files = new Map([
    ['apps/web/a.ts', "import { x } from '@tingsted/platform/panels';\nimport { y } from '@tingsted/platform';"],
    ['apps/web/b.ts', "import { z } from '@tingsted/platform/panels/panels.policy.ts';"],
  ]);
  assert.deepEqual(deepPlatformImports(files, new Set(['.', './panels'])), ['apps/web/b.ts imports @tingsted/platform/panels/panels.policy.ts']);
});

test('no import cycle anywhere in the repository', () => {
  const graph = importGraph(root, ['packages', 'apps', 'e2e', 'scripts']);
  assert.ok(graph.size > 300, `the graph covers the repository (${graph.size} files)`);
  const intoSortition = [...graph].some(([file, targets]) => file.startsWith('packages/platform/') && targets.includes('packages/sortition/src/index.ts'));
  assert.ok(intoSortition, 'workspace imports resolve through package.json exports');
  assert.deepEqual(importCycles(graph), []);
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
});

/** Kysely table access and `sql` templates (`sql\`…\``, `sql<T>\`…\``): what only repository files may run. */
const sqlUse = /\b(?:selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql(?:<[^`;]*>)?`/;

/** Every line of a module's source (tests and db/, seed/, testing/ aside) outside `*.repository.ts` that runs SQL. */
function sqlOutsideRepositoryViolations(tree: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of tree) {
    if (path.endsWith('.test.ts') || path.endsWith('.repository.ts') || tableOwnershipExempt.includes(moduleOf(path))) continue;
    text.split('\n').forEach((line, i) => {
      if (sqlUse.test(line)) found.push(`${path}:${i + 1} runs SQL outside a repository file`);
    });
  }
  return found.sort((a, b) => a.localeCompare(b));
}

test('only a module’s repository files run SQL', () => {
  assert.deepEqual(sqlOutsideRepositoryViolations(platformTree()), []);
});

test('the repository check reports SQL in a use-case file, naming file and line', () => {
  const tree = new Map([
    ['ideas/ideas.repository.ts', "db.selectFrom('ideas').selectAll()"],
    ['ideas/posting.ts', "const repo = ideasRepository(db);\nawait deps.db.insertInto('ideas').values(row).execute();"],
    ['ideas/report.ts', 'const a = 1;\nconst b = 2;\nconst rows = await sql<{ n: number }>`SELECT count(*) FROM ideas`.execute(db);'],
    ['ideas/ideas.test.ts', "db.deleteFrom('ideas')"],
    ['db/database.ts', 'await sql`SELECT 1`.execute(db);'],
    ['seed/seed.ts', "db.updateTable('ideas')"],
  ]);
  assert.deepEqual(sqlOutsideRepositoryViolations(tree), ['ideas/posting.ts:2 runs SQL outside a repository file', 'ideas/report.ts:3 runs SQL outside a repository file']);
  tree.set('ideas/posting.ts', 'const repo = ideasRepository(db);\nawait repo.insertIdea(row);');
  tree.set('ideas/report.ts', 'const rows = await repo.countIdeas();');
  assert.deepEqual(sqlOutsideRepositoryViolations(tree), []);
});
