// Bundles the server (apps/server with packages/platform and the algorithm packages) into one JavaScript
// file, apps/server/dist/tingsted.mjs, so production runs on plain Node without a TypeScript loader.
// Third-party packages stay external and load from node_modules. Run by `npm run build`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const external = new Set();
for (const dir of ['apps/server', 'packages/platform', 'packages/sortition', 'packages/opinions', 'packages/budgeting', 'packages/text']) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) {
    if (!name.startsWith('@tingsted/')) external.add(name);
  }
}

await build({
  entryPoints: [join(root, 'apps/server/src/main.ts')],
  outfile: join(root, 'apps/server/dist/tingsted.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external].map((name) => [name, `${name}/*`]).flat(),
  logLevel: 'warning',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
process.stdout.write('built apps/server/dist/tingsted.mjs\n');
// The opinion-map recompute runs in a worker thread: its own small bundle beside the server's.
await build({ entryPoints: [join(root, 'packages/platform/src/conversations/recompute.worker.ts')], outfile: join(root, 'apps/server/dist/conversations-worker.mjs'), bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
