// `npm run bench -w apps/server`: HTTP throughput and latency with autocannon on loopback, 50 connections,
// 10 s per target, against a bare node:http server (the machine's ceiling), the process list API and the
// server-rendered home page. Prints each as a ratio of the bare server and compares with the targets.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { buildForBench } from './build.ts';


await buildForBench();
const here = new URL('.', import.meta.url).pathname;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 50;

async function startTarget(kind: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `${here}target.ts`, kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${kind} target exited with ${code}`)));
  });
  return { child, port: Number(line) };
}

async function load(url: string, headers: Record<string, string> = {}) {
  // A short warm-up so JIT and connection pools settle before the measured run.
  await autocannon({ url, connections, duration: 2, headers });
  const result = await autocannon({ url, connections, duration: seconds, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const bare = await startTarget('bare');
const bareResult = await load(`http://127.0.0.1:${bare.port}/`);
bare.child.kill();

const tingsted = await startTarget('tingsted');
const api = await load(`http://127.0.0.1:${tingsted.port}/api/v1/processes`);
const home = await load(`http://127.0.0.1:${tingsted.port}/`, { 'accept-language': 'nb' });
tingsted.child.kill('SIGTERM');

const rows = [
  { name: 'bare node:http JSON', ...bareResult, ratio: 1, target: null as null | { ratio: number; p99: number } },
  { name: 'GET /api/v1/processes', ...api, ratio: api.rps / bareResult.rps, target: { ratio: 0.3, p99: 100 } },
  { name: 'GET / (server-rendered home)', ...home, ratio: home.rps / bareResult.rps, target: { ratio: 0.1, p99: 100 } },
];
process.stdout.write(`\nautocannon, ${connections} connections, ${seconds} s each, loopback, ${new Date().toISOString()}\n\n`);
process.stdout.write('| target | req/s | p50 ms | p99 ms | of bare | target | met |\n|---|---|---|---|---|---|---|\n');
for (const row of rows) {
  const met = row.target ? row.ratio >= row.target.ratio && row.p99 < row.target.p99 : null;
  process.stdout.write(
    `| ${row.name} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${(row.ratio * 100).toFixed(0)} % | ${
      row.target ? `≥ ${row.target.ratio * 100} %, p99 < ${row.target.p99} ms` : '–'
    } | ${met === null ? '' : met ? 'yes' : 'NO'} |\n`,
  );
}
