// Whether apps/web/build is older than the sources it is built from (shared by start.mjs and test.ts).
import { isStale } from './freshness.mjs';

/** True when the web app must be (re)built before it can be served. */
export function webBuildIsStale(root) {
  return isStale(root, 'apps/web/build/handler.js', [
    'apps/web/src',
    'apps/web/static',
    'packages/platform/src',
    'apps/web/svelte.config.js',
    'apps/web/vite.config.ts',
    'package-lock.json',
  ]);
}
