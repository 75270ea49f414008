// When is a build older than its sources? Shared by start.mjs, test.ts and the tingsted command.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of any file below `dir` (0 when it does not exist). */
export function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === '.svelte-kit' || name === 'build' || name === 'dist') continue;
    const full = join(dir, name);
    const stat = statSync(full);
    latest = Math.max(latest, stat.isDirectory() ? newest(full) : stat.mtimeMs);
  }
  return latest;
}

/** True when `output` is missing or older than any file under `sources` (folders or files). */
export function isStale(root, output, sources) {
  const target = join(root, output);
  if (!existsSync(target)) return true;
  const latest = Math.max(
    ...sources.map((s) => {
      const path = join(root, s);
      if (!existsSync(path)) return 0;
      return statSync(path).isDirectory() ? newest(path) : statSync(path).mtimeMs;
    }),
  );
  return statSync(target).mtimeMs < latest;
}

/** What the server bundle is built from. */
export const serverSources = ['apps/server/src', 'apps/server/bin', 'packages/platform/src', 'packages/sortition/src', 'packages/opinions/src', 'packages/budgeting/src', 'packages/text/src', 'package-lock.json'];
