// `npm run lint`: ESLint (with type information), the TypeScript check of every package, e2e test and script
// (one program: tsconfig.check.json) and svelte-check of the web app, run side by side. Each is single-threaded,
// so on a machine with more than one core they finish in about the time of the longest one instead of the sum.
// Each tool's output is printed when it ends, with its time; the command fails when any of them fails.
import { spawn, spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;

// ESLint reads the web app's tsconfig, which extends the one `svelte-kit sync` writes.
const sync = spawnSync('npx', ['svelte-kit', 'sync'], { cwd: `${root}apps/web`, stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);

const tools: { name: string; command: string[]; cwd: string }[] = [
  { name: 'eslint', command: ['npx', 'eslint', '.'], cwd: root },
  { name: 'tsc', command: ['npx', 'tsc', '-p', 'tsconfig.check.json'], cwd: root },
  { name: 'svelte-check', command: ['npx', 'svelte-check', '--tsconfig', './tsconfig.json'], cwd: `${root}apps/web` },
];

const started = Date.now();
const results = await Promise.all(
  tools.map(
    (tool) =>
      new Promise<{ name: string; code: number }>((resolve) => {
        const [command, ...args] = tool.command as [string, ...string[]];
        const child = spawn(command, args, { cwd: tool.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        const output: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
        child.on('close', (code) => {
          const seconds = ((Date.now() - started) / 1000).toFixed(0);
          process.stdout.write(`\n=== ${tool.name}: ${code === 0 ? 'clean' : `failed (exit ${code})`} after ${seconds} s\n`);
          process.stdout.write(Buffer.concat(output));
          resolve({ name: tool.name, code: code ?? 1 });
        });
      }),
  ),
);
const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
process.stdout.write(`\nlint: ${failed.length === 0 ? 'clean' : `failed: ${failed.join(', ')}`}\n`);
process.exit(failed.length === 0 ? 0 : 1);
