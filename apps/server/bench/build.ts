// Benchmarks measure what production runs: the built web app and the bundled server. Both are brought up
// to date first (the bundle always: it takes seconds, and other work may have touched its sources).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;

/** Builds the web app when its sources changed, and the server bundle. */
export async function buildForBench(): Promise<void> {
  const { webBuildIsStale } = (await import(join(root, 'scripts/web-build.mjs'))) as { webBuildIsStale: (root: string) => boolean };
  if (webBuildIsStale(root)) execFileSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { cwd: root, stdio: 'inherit' });
}
