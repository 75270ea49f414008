// Benchmark. Part 1, whole processes side by side: `tingsted-budget tally` against the equal-shares reference
// tool (equalshares.net's JavaScript compute tool, run by equalshares-peer.mjs from a local copy named by
// EQUALSHARES_TOOL) on every file in shared/data/pabulib, greedy and MES, interleaved (ours, peer, ours, …) so
// that the load of the shared machine hits both alike; best wall time of BENCH_REPEAT runs each and the ratio.
// Targets (issue 23): faster than the peer everywhere; MES + Add1 on Łódź ≤ 0.5 s. Part 2: the in-process
// figures (reading, merging, each rule). Prints figures and compares them with the targets; always exits 0.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createPabulibReader, readPabulib } from '../src/pabulib.ts';
import { buildProfile, type Election } from '../src/model.ts';
import { tallyProfile, type TallyOptions } from '../src/tally.ts';

const DATA = process.env.TINGSTED_DATA ?? fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const DIR = `${DATA.replace(/\/$/, '')}/pabulib`;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

function best(fn: () => void, n = REPEAT): number {
  let b = Infinity;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    b = Math.min(b, (performance.now() - t) / 1000);
  }
  return b;
}

function line(label: string, seconds: number, target?: number, extra = ''): void {
  const verdict = target === undefined ? '' : seconds <= target ? `  (target < ${target} s: met)` : `  (target < ${target} s: MISSED)`;
  process.stdout.write(`${label.padEnd(44)} ${seconds.toFixed(3).padStart(8)} s${verdict}${extra}\n`);
}

function load(name: string): { election: Election; parse: number } | undefined {
  const path = `${DIR}/${name}`;
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  const parse = best(() => {
    const reader = createPabulibReader();
    for (let at = 0; at < bytes.length; at += 1 << 20) reader.push(bytes.subarray(at, at + (1 << 20)));
    const r = reader.end();
    if (!r.ok) throw new Error(`${name}: ${r.detail[0]?.message}`);
  });
  const r = readPabulib(bytes.toString('utf8'));
  if (!r.ok) throw new Error(`${name}: ${r.detail[0]?.message}`);
  return { election: r.election, parse };
}

interface Run {
  seconds: number;
  /** CPU time (user + system) of the whole process, as it reports at its end. */
  cpu: number;
  selected: string[];
  cost: number;
}

const BIN = fileURLToPath(new URL('../bin/tingsted-budget.js', import.meta.url));
const PEER = fileURLToPath(new URL('./equalshares-peer.mjs', import.meta.url));
const TOOL = process.env.EQUALSHARES_TOOL;

/** Strings in code-unit order. */
const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One whole process: wall time from spawn to exit, and its JSON answer. */
function processRun(args: string[]): Run {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { selected: string[]; cost: number; cpuSeconds: number };
  return { seconds, cpu: out.cpuSeconds, selected: out.selected, cost: out.cost };
}

/** Ours and the peer alternately, REPEAT times each; the best wall time of each. */
function sideBySide(file: string, ours: string[], peerRule: string): { ours: Run; peer: Run | undefined } {
  const keep = (a: Run | undefined, b: Run): Run => (a === undefined ? b : { ...a, seconds: Math.min(a.seconds, b.seconds), cpu: Math.min(a.cpu, b.cpu) });
  let best: Run | undefined;
  let peer: Run | undefined;
  for (let k = 0; k < REPEAT; k++) {
    best = keep(best, processRun([BIN, 'tally', file, ...ours, '--json']));
    if (TOOL !== undefined) peer = keep(peer, processRun([PEER, TOOL, file, peerRule]));
  }
  return { ours: best!, peer };
}

function compareLine(label: string, r: { ours: Run; peer: Run | undefined }, target?: number): void {
  const same = r.peer === undefined ? '' : [...r.ours.selected].sort(byCode).join() === [...r.peer.selected].sort(byCode).join() ? '  same projects' : `  projects differ (peer ${r.peer.selected.length}, ${r.peer.cost})`;
  const f = (x: number): string => x.toFixed(3).padStart(7);
  const o = r.ours, p = r.peer;
  const peer = p === undefined ? ' (no peer)' : ` | peer ${f(p.seconds)} s, cpu ${f(p.cpu)} s | ×${(p.seconds / o.seconds).toFixed(2)} wall, ×${(p.cpu / o.cpu).toFixed(2)} cpu`;
  const verdicts: string[] = [];
  if (p !== undefined) verdicts.push(o.seconds < p.seconds && o.cpu < p.cpu ? 'faster: met' : o.cpu < p.cpu ? 'faster in cpu only' : o.seconds < p.seconds ? 'faster in wall time only' : 'faster: MISSED');
  if (target !== undefined) verdicts.push(`≤ ${target} s: ${o.seconds <= target ? 'met' : o.cpu <= target ? 'met in cpu, not wall' : 'MISSED'}`);
  process.stdout.write(`${label.padEnd(42)} ours ${f(o.seconds)} s, cpu ${f(o.cpu)} s${peer} (${verdicts.join('; ')}) ${o.selected.length} projects, ${o.cost}${same}\n`);
}

process.stdout.write(`@tingsted/budgeting benchmark — node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}, ${new Date().toISOString()}\n`);
if (existsSync(DIR)) {
  // One start before measuring: a bundle out of date with the sources is rebuilt here, not in the first run timed.
  spawnSync(process.execPath, [BIN, '--help'], { stdio: 'ignore' });
  process.stdout.write(`\nWhole processes, best of ${REPEAT} interleaved runs (wall time, and CPU time of the process): tingsted-budget tally | equal-shares reference tool | ratios peer ÷ ours\n`);
  if (TOOL === undefined) process.stdout.write('EQUALSHARES_TOOL is not set: the peer is not run (see README, Benchmark)\n');
  for (const name of readdirSync(DIR).filter((f) => f.endsWith('.pb')).sort(byCode)) {
    const file = `${DIR}/${name}`;
    const short = name.replace('.pb', '');
    // The tool reads every ballot as an approval ballot with cost utilities; ours is asked for the same.
    compareLine(`${short}: greedy`, sideBySide(file, ['--rule', 'greedy', '--by', 'votes'], 'greedy'));
    compareLine(`${short}: MES`, sideBySide(file, ['--rule', 'mes', '--utility', 'cost'], 'mes'));
    if (name === 'Poland_Lodz_2022.pb') compareLine(`${short}: MES + Add1 (exhaustive stop)`, sideBySide(file, ['--rule', 'mes-add1-exhaustive', '--utility', 'cost'], 'mes-add1'), 0.5);
  }
  process.stdout.write(`load average after part 1: ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n\nIn process, best of ${REPEAT}:\n`);
}
if (process.argv.includes('--whole-process-only')) process.exit(0);
const lodz = load('Poland_Lodz_2022.pb');
if (lodz === undefined) {
  process.stdout.write(`shared data not found at ${DIR}; nothing to measure\n`);
  process.exit(0);
}
line('Łódź 2022: read .pb (3.7 MB) into voter classes', lodz.parse);
let profile = buildProfile(lodz.election);
line('Łódź 2022: buildProfile from ballot objects', best(() => (profile = buildProfile(lodz.election))), undefined, `  ${profile.classes.length} classes`);
const run = (options: TallyOptions): { s: number; n: number; cost: number } => {
  let n = 0;
  let cost = 0;
  const s = best(() => {
    const r = tallyProfile(profile, { explainVoters: false, ...options });
    n = r.selected.length;
    cost = r.cost;
  });
  return { s, n, cost };
};
const show = (label: string, options: TallyOptions, target?: number): void => {
  const r = run(options);
  line(label, r.s, target, `  ${r.n} projects, ${r.cost}`);
};
show('Łódź 2022: greedy, votes ≥ 100', { rule: 'greedy', threshold: 100 });
show('Łódź 2022: plain MES (cost utilities)', { rule: 'mes' }, 0.3);
show('Łódź 2022: MES + Add1 (full, no exhaustive stop)', { rule: 'mes-add1' }, 3);
show('Łódź 2022: MES + Add1 with per-voter explanations', { rule: 'mes-add1', explainVoters: true });
show('Łódź 2022: sequential Phragmén', { rule: 'phragmen' });

for (const name of ['Poland_Warszawa_2021_Mokotow.pb', 'Poland_Warszawa_2020_Praga-Poludnie.pb']) {
  const f = load(name);
  if (f === undefined) continue;
  const short = name.replace('Poland_', '').replace('.pb', '');
  line(`${short}: read into voter classes`, f.parse);
  profile = buildProfile(f.election);
  show(`${short}: plain MES`, { rule: 'mes' });
  show(`${short}: MES + Add1`, { rule: 'mes-add1' });
}

const krakow = load('Poland_Krakow_2021.pb');
if (krakow !== undefined) {
  line('Kraków 2021 (ordinal, 51,229 voters): read', krakow.parse);
  profile = buildProfile(krakow.election);
  show('Kraków 2021: greedy by score', { rule: 'greedy', by: 'score' });
  show('Kraków 2021: MES with points utilities', { rule: 'mes', utility: 'points' });
}
