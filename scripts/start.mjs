// `npm start`: the one command that takes a fresh clone to a running platform with demo data.
// Installs dependencies when missing, builds the web app when its sources changed, then runs
// `tingsted start --demo` (migrate, seed "Demo kommune", serve on PORT, default 3000).
// Plain JavaScript with no dependencies, because it runs before `npm ci`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync, spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.svelte-kit')) continue;
    const full = join(dir, name);
    const stat = statSync(full);
    latest = Math.max(latest, stat.isDirectory() ? newest(full) : stat.mtimeMs);
  }
  return latest;
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`Tingsted needs Node.js 20.19 or newer; this is ${process.versions.node}.\n`);
  process.exit(1);
}

const installed = join(root, 'node_modules/.package-lock.json');
if (!existsSync(installed) || statSync(join(root, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs) {
  run(npm, ['ci', '--no-audit', '--no-fund']);
}

const handler = join(root, 'apps/web/build/handler.js');
const sources = Math.max(newest(join(root, 'apps/web/src')), newest(join(root, 'apps/web/static')), newest(join(root, 'packages/platform/src')));
if (!existsSync(handler) || statSync(handler).mtimeMs < sources) run(npm, ['run', 'build']);

const server = spawn(process.execPath, [join(root, 'apps/server/bin/tingsted.js'), 'start', '--demo', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('close', (code) => process.exit(code ?? 0));
