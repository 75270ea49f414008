// `npm run bench -w apps/server`: HTTP throughput and latency with autocannon on loopback, 50 connections,
// 10 s per target and round, against a bare node:http server (the machine's ceiling), the process list API and
// the server-rendered home page. Prints each as a ratio of the bare server and compares with the targets (issue 23).
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
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

// Both servers run at once and are loaded in turn, round after round (bare, API list, home), so a change in the
// machine's load from other work hits all three alike; each ratio is taken within a round and the median is
// reported. BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS each per target.
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const bare = await startTarget('bare');
const tingsted = await startTarget('tingsted');
const bareUrl = `http://127.0.0.1:${bare.port}/`;
const apiUrl = `http://127.0.0.1:${tingsted.port}/api/v1/processes`;
const homeUrl = `http://127.0.0.1:${tingsted.port}/`;
type Figure = Awaited<ReturnType<typeof load>>;
const measured: { bare: Figure; api: Figure; home: Figure }[] = [];
for (let round = 0; round < rounds; round++) {
  measured.push({ bare: await load(bareUrl), api: await load(apiUrl), home: await load(homeUrl, { 'accept-language': 'nb' }) });
}
bare.child.kill();
tingsted.child.kill('SIGTERM');
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = (pick: (m: (typeof measured)[number]) => Figure, ratioOf: (m: (typeof measured)[number]) => number) => ({
  rps: median(measured.map((m) => pick(m).rps)),
  p50: median(measured.map((m) => pick(m).p50)),
  p99: median(measured.map((m) => pick(m).p99)),
  ratio: median(measured.map(ratioOf)),
});

const rows = [
  { name: 'bare node:http JSON', ...summary((m) => m.bare, () => 1), target: null as null | { ratio: number; p99: number } },
  { name: 'GET /api/v1/processes', ...summary((m) => m.api, (m) => m.api.rps / m.bare.rps), target: { ratio: 0.5, p99: 100 } },
  { name: 'GET / (server-rendered home)', ...summary((m) => m.home, (m) => m.home.rps / m.bare.rps), target: { ratio: 0.25, p99: 100 } },
];
process.stdout.write(
  `\nautocannon, ${connections} connections, ${rounds} rounds of ${seconds} s per target (bare, API, home in turn; medians), loopback, ` +
    `${new Date().toISOString()}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`,
);
for (const [i, m] of measured.entries()) {
  process.stdout.write(`round ${i + 1}: bare ${Math.round(m.bare.rps)}, API ${Math.round(m.api.rps)} (${((m.api.rps / m.bare.rps) * 100).toFixed(0)} %), home ${Math.round(m.home.rps)} (${((m.home.rps / m.bare.rps) * 100).toFixed(0)} %) req/s\n`);
}
process.stdout.write('\n| target | req/s | p50 ms | p99 ms | of bare | target | met |\n|---|---|---|---|---|---|---|\n');
for (const row of rows) {
  const met = row.target ? row.ratio >= row.target.ratio && row.p99 < row.target.p99 : null;
  process.stdout.write(
    `| ${row.name} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${(row.ratio * 100).toFixed(0)} % | ${
      row.target ? `≥ ${row.target.ratio * 100} %, p99 < ${row.target.p99} ms` : '–'
    } | ${met === null ? '' : met ? 'PASS' : 'MISS'} |\n`,
  );
}
