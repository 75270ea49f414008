// Benchmarks measure what production runs: the built web app and the bundled server. Both are brought up
// to date first (the bundle always: it takes seconds, and other work may have touched its sources).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;

/** Builds the web app when its sources changed, and the server bundle. */
export async function buildForBench(): Promise<void> {
  const { webBuildIsStale } = (await import(join(root, 'scripts/web-build.mjs'))) as { webBuildIsStale: (root: string) => boolean };
  if (webBuildIsStale(root)) execFileSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { cwd: root, stdio: 'inherit' });
}

/**
 * Starts the bundled `tingsted start` on a free port against `databaseUrl`; resolves with the process and its
 * address once it listens. From then on its log is drained without being parsed, as a log collector would take it
 * (or written to BENCH_LOG_FILE; BENCH_LOG_LEVEL sets its level, `info` by default: the port is read from it).
 */
export async function startBundledServer(options: { databaseUrl: string; dataDir: string }): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(process.execPath, [join(root, 'apps/server/bin/tingsted.js'), 'start'], {
    env: { ...process.env, TINGSTED_USE_BUNDLE: '1', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: options.databaseUrl, TINGSTED_DATA_DIR: options.dataDir, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: server.stdout! });
    lines.on('line', (line) => {
      const match = line.match(/Server listening at http:\/\/127\.0\.0\.1:(\d+)/);
      if (!match) return;
      lines.close();
      // BENCH_LOG_FILE keeps the server's log for a look afterwards (e.g. with BENCH_LOG_LEVEL=debug).
      if (process.env.BENCH_LOG_FILE) server.stdout!.pipe(createWriteStream(process.env.BENCH_LOG_FILE));
      else server.stdout!.resume();
      resolve(Number(match[1]));
    });
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { server, base: `http://127.0.0.1:${port}` };
}

/**
 * Starts a bench baseline (a bare node:http server, bench/<file>) in its own process with `args`; resolves with
 * the process and its address once it printed its port.
 */
export async function startBaseline(file: string, args: readonly string[]): Promise<{ baseline: ChildProcess; base: string }> {
  const baseline = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/server/bench', file), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    createInterface({ input: baseline.stdout! }).once('line', resolve);
    baseline.once('exit', (code) => reject(new Error(`the baseline server ${file} exited with ${code}`)));
  });
  return { baseline, base: `http://127.0.0.1:${port}` };
}

/** Stops a server or baseline started here and waits for it to exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}
