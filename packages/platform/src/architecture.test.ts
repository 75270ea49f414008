// The dependency rules of docs/ARCHITECTURE.md, checked on every test run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(new URL('../../..', import.meta.url).pathname);
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

test('algorithm packages import nothing internal', () => {
  for (const name of algorithmPackages) {
    const base = `packages/${name}/`;
    const found = violations(join(root, base), (_file, specifier, target) => {
      if (specifier.startsWith('@tingsted/')) return 'an algorithm package may not depend on other Tingsted code';
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
