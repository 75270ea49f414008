// `npm start`: the one command that takes a fresh clone to a running platform with demo data.
// Installs dependencies when missing, builds the web app when its sources changed, then runs
// `tingsted start --demo` (migrate, seed "Demo kommune", serve on PORT, default 3000).
// Plain JavaScript with no dependencies, because it runs before `npm ci`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync, spawn } from 'node:child_process';
import { webBuildIsStale } from './web-build.mjs';
import { isStale, serverSources } from './freshness.mjs';

const root = new URL('..', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs a step quietly: one line while it runs, its output only when it fails. */
function quietly(label, command, args) {
  const started = Date.now();
  process.stdout.write(`${label} … `);
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stdout.write('failed\n');
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`done in ${Math.round((Date.now() - started) / 1000)} s\n`);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `Tingsted needs Node.js 22.18 or newer (Node 22 LTS); this is ${process.versions.node}.\n` +
      'Install Node 22 from your package manager or nodejs.org, or run it from the npm registry without installing:\n' +
      '  npx -y -p node@22 -- npm start\n',
  );
  process.exit(1);
}

if (!existsSync(join(root, 'node_modules/.package-lock.json'))) run(npm, ['ci', '--no-audit', '--no-fund']);
if (webBuildIsStale(root) || isStale(root, 'apps/server/dist/tingsted.mjs', serverSources)) {
  quietly('Building the web app and the server (after a fresh clone or a change; a minute or two)', npm, ['run', 'build']);
}

const server = spawn(process.execPath, [join(root, 'apps/server/bin/tingsted.js'), 'start', '--demo', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('close', (code) => process.exit(code ?? 0));
