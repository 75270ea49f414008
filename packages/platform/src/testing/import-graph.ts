// The repository's import graph, for the architecture test: which source file imports which, with relative
// specifiers, `$lib/…` and workspace `@tingsted/*` packages resolved to files, and the cycles in it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const skipped = new Set(['node_modules', 'build', '.svelte-kit', 'dist', '.data']);

/** Every .ts, .js, .mjs and .svelte file under `dir`, without dependencies and build output. */
export function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort((a, b) => a.localeCompare(b))) {
    if (skipped.has(name)) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|js|mjs|svelte)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The specifiers a source text imports or re-exports (static, dynamic and side-effect imports). */
export function importSpecifiers(text: string): string[] {
  const pattern = /(?:^|[\s;}])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  return [...text.matchAll(pattern)].map((m) => m[1] ?? m[2] ?? m[3] ?? '').filter((s) => s !== '');
}

/** A workspace package: its folder and its `exports` map from package.json. */
interface WorkspacePackage {
  readonly dir: string;
  readonly exports: Record<string, string>;
}

/** The workspace packages by name (`@tingsted/…`), read from each package.json under packages/ and apps/. */
export function workspacePackages(root: string): Map<string, WorkspacePackage> {
  const out = new Map<string, WorkspacePackage>();
  for (const group of ['packages', 'apps']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const file = join(base, name, 'package.json');
      if (!existsSync(file)) continue;
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; exports?: Record<string, string> | string };
      if (!json.name) continue;
      const exports = typeof json.exports === 'string' ? { '.': json.exports } : (json.exports ?? {});
      out.set(json.name, { dir: join(base, name), exports });
    }
  }
  return out;
}

function existingFile(candidate: string): string | null {
  const tries = [candidate, candidate.replace(/\.js$/, '.ts'), `${candidate}.ts`, `${candidate}.js`, `${candidate}.svelte`, join(candidate, 'index.ts'), join(candidate, 'index.js')];
  for (const t of tries) if (existsSync(t) && statSync(t).isFile()) return t;
  return null;
}

/**
 * The file a specifier names, or null for a third-party package or a virtual module. Relative specifiers
 * (with .js → .ts, a missing extension and folder/index), `$lib/…` of the web app and `@tingsted/name[/sub]`
 * through the package's `exports` (an exact key, or a `./*` pattern).
 */
export function resolveImport(root: string, packages: Map<string, WorkspacePackage>, from: string, specifier: string): string | null {
  if (specifier.startsWith('.')) return existingFile(resolve(dirname(from), specifier));
  if (specifier.startsWith('$lib/') || specifier === '$lib') return existingFile(join(root, 'apps/web/src/lib', specifier.slice(5)));
  const m = /^(@tingsted\/[^/]+)(\/.*)?$/.exec(specifier);
  if (!m) return null;
  const pkg = packages.get(m[1]!);
  if (!pkg) return null;
  const sub = `.${m[2] ?? ''}`;
  const exact = pkg.exports[sub];
  if (exact) return existingFile(join(pkg.dir, exact));
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    if (sub.startsWith(prefix)) return existingFile(join(pkg.dir, target.replace('*', sub.slice(prefix.length))));
  }
  return null;
}

/** The import graph of the files under `dirs` (paths relative to `root`): file → files it imports. */
export function importGraph(root: string, dirs: readonly string[]): Map<string, string[]> {
  const packages = workspacePackages(root);
  const graph = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const file of sourceFiles(join(root, dir))) {
      const targets = new Set<string>();
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        const target = resolveImport(root, packages, file, specifier);
        if (target) targets.add(relative(root, target));
      }
      graph.set(relative(root, file), [...targets].sort((a, b) => a.localeCompare(b)));
    }
  }
  return graph;
}

/**
 * The import cycles of a graph: its strongly connected components with more than one file, or one file that
 * imports itself (Tarjan's algorithm, iterative). Each cycle's files are sorted; cycles are sorted by first file.
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  const nodes = [...graph.keys()].sort((a, b) => a.localeCompare(b));
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || (graph.get(frame.node) ?? []).includes(frame.node)) cycles.push(component.sort((a, b) => a.localeCompare(b)));
      }
    }
  }
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
