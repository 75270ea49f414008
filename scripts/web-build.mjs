// Whether apps/web/build is older than the sources it is built from (shared by start.mjs and test.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.svelte-kit' || name === 'testing') continue;
    const full = join(dir, name);
    const stat = statSync(full);
    latest = Math.max(latest, stat.isDirectory() ? newest(full) : stat.mtimeMs);
  }
  return latest;
}

/** True when the web app must be (re)built before it can be served. */
export function webBuildIsStale(root) {
  const handler = join(root, 'apps/web/build/handler.js');
  if (!existsSync(handler)) return true;
  const sources = ['apps/web/src', 'apps/web/static', 'packages/platform/src'].map((d) => newest(join(root, d)));
  const configs = ['apps/web/svelte.config.js', 'apps/web/vite.config.ts', 'package-lock.json'].map((f) =>
    existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0,
  );
  return statSync(handler).mtimeMs < Math.max(...sources, ...configs);
}
