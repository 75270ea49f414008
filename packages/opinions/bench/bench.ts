/**
 * Benchmark: `npm run bench` in packages/opinions. Each case runs in its own child process so that peak memory
 * (maxRSS) is per case. Prints figures and compares them with the targets of issue 4; always exits 0.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, recompute } from '../src/analyze.ts';
import { whereDoIStand } from '../src/stand.ts';
import { buildConversation } from '../src/formats.ts';
import { createRandom } from '../src/prng.ts';
import { applyVote, voteStorageBytes, type ConversationState, type Vote } from '../src/state.ts';
import { dataDir, loadOpenData } from '../src/testdata.ts';
import { syntheticConversation } from './synthetic.ts';

interface CaseResult {
  name: string;
  participants: number;
  statements: number;
  votes: number;
  seconds: number;
  warmSeconds?: number;
  pcaIterations?: number;
  groups?: number;
  maxRssMB: number;
  voteStorageMB?: number;
  targetSeconds?: number;
  targetMB?: number;
  extra?: string;
}

const secs = (t0: number): number => (performance.now() - t0) / 1000;

function runAnalyzeCase(name: string, participants: number, statements: number, votes: number, targetSeconds: number, warmRuns: number, targetMB?: number): CaseResult {
  const t0 = performance.now();
  const state = syntheticConversation({ participants, statements, votes, seed: name });
  const genSeconds = secs(t0);
  const t1 = performance.now();
  const r = analyze(state);
  const seconds = secs(t1);
  const warm: number[] = [];
  for (let i = 0; i < warmRuns; i++) { const t = performance.now(); analyze(state); warm.push(secs(t)); }
  warm.sort((a, b) => a - b);
  const out: CaseResult = {
    name, participants, statements: state.statementIds.length, votes: state.nVotes, seconds,
    pcaIterations: r.pca.iterations, groups: r.groups.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024, voteStorageMB: voteStorageBytes(state) / 2 ** 20, targetSeconds,
    extra: `generation ${genSeconds.toFixed(1)} s`,
  };
  if (warm.length > 0) out.warmSeconds = warm[Math.floor(warm.length / 2)]!;
  if (targetMB !== undefined) out.targetMB = targetMB;
  return out;
}

/**
 * Writes a conversation as openData files (votes.csv in comment-id order, as Pol.is exports it, so timestamps are
 * not in order; comments.csv with an is-meta column). Returns the size of votes.csv in bytes.
 */
function writeOpenData(state: ConversationState, dir: string): number {
  const enc = new TextEncoder();
  const bySt: number[][] = state.statementIds.map(() => []);
  state.votes.forEach((arr, p) => {
    for (let k = 0; k < state.voteLength[p]!; k++) bySt[arr[k]! >> 2]!.push(p, k, (arr[k]! & 3) - 1);
  });
  const fd = openSync(join(dir, 'votes.csv'), 'w');
  let bytes = 0;
  let out = 'timestamp,datetime,comment-id,voter-id,vote\n';
  const flush = (): void => {
    const b = enc.encode(out);
    writeSync(fd, b);
    bytes += b.length;
    out = '';
  };
  const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  bySt.forEach((list, s) => {
    for (let i = 0; i < list.length; i += 3) {
      const p = list[i]!, k = list[i + 1]!;
      // Participants arrive a minute apart and vote every 7 s.
      const ts = 1_500_000_000_000 + p * 60_000 + k * 7_000;
      const sec = Math.floor(ts / 1000);
      out += `${ts},${day[sec % 7]} Jul ${10 + (sec % 20)} ${String(sec % 24).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}:${String((sec * 7) % 60).padStart(2, '0')} WIB 2017,${String(state.statementIds[s])},${String(state.participantIds[p])},${list[i + 2]}\n`;
      if (out.length > 1 << 20) flush();
    }
  });
  flush();
  closeSync(fd);
  const cfd = openSync(join(dir, 'comments.csv'), 'w');
  let c = 'timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body,is-meta\n';
  state.statementIds.forEach((id, s) => {
    c += `${1_500_000_000_000 + s},x,${String(id)},0,${state.agree[s]},${state.disagree[s]},${state.moderation[s] === 'rejected' ? -1 : 1},"Statement ${String(id)}, synthetic",${state.isMeta[s] ? 1 : 0}\n`;
  });
  writeSync(cfd, enc.encode(c));
  closeSync(cfd);
  return bytes;
}

interface ProcessFigure {
  wall: number;
  cpu: number;
  seconds: number;
  peakMemoryMB: number;
}

function wholeProcess(args: string[]): ProcessFigure {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = secs(t);
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { seconds: number; cpuSeconds: number; peakMemoryMB: number };
  return { wall, cpu: out.cpuSeconds, seconds: out.seconds, peakMemoryMB: out.peakMemoryMB };
}

/** The CLI on the largest Pol.is-format conversation, written as openData files, against the whole-text baseline. */
function runCliCase(): void {
  const dir = mkdtempSync(join(tmpdir(), 'opinions-bench-'));
  try {
    const t0 = performance.now();
    const state = syntheticConversation({ participants: 33_000, statements: 783, votes: 2_000_000, seed: 'largest-polis' });
    const bytes = writeOpenData(state, dir);
    const gen = secs(t0);
    const votes = join(dir, 'votes.csv');
    const comments = join(dir, 'comments.csv');
    const bin = fileURLToPath(new URL('../bin/tingsted-opinions.js', import.meta.url));
    const baseline = fileURLToPath(new URL('./whole-text.ts', import.meta.url));
    const repeat = Number(process.env.BENCH_REPEAT ?? 2);
    let ours: ProcessFigure | undefined;
    let peer: ProcessFigure | undefined;
    for (let k = 0; k < repeat; k++) {
      const a = wholeProcess([bin, 'analyze', '--votes', votes, '--comments', comments, '--json']);
      if (ours === undefined || a.wall < ours.wall) ours = a;
      const b = wholeProcess(['--import', 'tsx', baseline, votes, comments]);
      if (peer === undefined || b.wall < peer.wall) peer = b;
    }
    const o = ours!, p = peer!;
    process.stdout.write(
      `CLI analyze, largest Pol.is (33,000 × 783, ${state.nVotes} votes, votes.csv ${(bytes / 1e6).toFixed(0)} MB), whole process, best of ${repeat} interleaved: ` +
      `${o.wall.toFixed(2)} s (cpu ${o.cpu.toFixed(2)} s), peak RSS ${o.peakMemoryMB} MB | whole-text reading (the CLI before issue 23) ${p.wall.toFixed(2)} s (cpu ${p.cpu.toFixed(2)} s), peak RSS ${p.peakMemoryMB} MB | ` +
      `×${(p.wall / o.wall).toFixed(2)} wall, ×${(p.cpu / o.cpu).toFixed(2)} cpu; target < 3 s wall: ${o.wall < 3 ? 'PASS' : 'MISS'} (CPU time ${o.cpu < 3 ? 'under' : 'over'} 3 s) [files written in ${gen.toFixed(1)} s; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}]\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runCase(name: string): CaseResult {
  switch (name) {
    case 'bowling-green-size': return runAnalyzeCase(name, 2031, 896, 225_000, 1, 3);
    case 'largest-polis': return runAnalyzeCase(name, 33_000, 783, 2_000_000, 10, 0);
    case 'large': return runAnalyzeCase(name, 100_000, 2000, 5_000_000, 30, 0, 2048);
    case 'vtaiwan.uberx': {
      const d = loadOpenData('vtaiwan.uberx');
      const state = buildConversation(d.comments, d.votes);
      const t0 = performance.now();
      analyze(state);
      const seconds = secs(t0);
      const warm: number[] = [];
      for (let i = 0; i < 3; i++) { const t = performance.now(); analyze(state); warm.push(secs(t)); }
      warm.sort((a, b) => a - b);
      return { name, participants: state.participantIds.length, statements: state.statementIds.length, votes: state.nVotes, seconds, warmSeconds: warm[1]!, maxRssMB: process.resourceUsage().maxRSS / 1024 };
    }
    case 'where-do-i-stand': {
      const state = syntheticConversation({ participants: 10_000, statements: 500, votes: 600_000, seed: name });
      recompute(state);
      const rnd = createRandom('stand');
      const times: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const p = Math.floor(rnd() * 10_000);
        const s = Math.floor(rnd() * 500);
        const t = performance.now();
        applyVote(state, p, s, (Math.floor(rnd() * 3) - 1) as Vote);
        const w = whereDoIStand(state, p);
        times.push(performance.now() - t);
        if (!w.ok) throw new Error(w.detail);
      }
      times.sort((a, b) => a - b);
      const p50 = times[Math.floor(times.length / 2)]!, p99 = times[Math.floor(times.length * 0.99)]!, max = times[times.length - 1]!;
      return {
        name, participants: 10_000, statements: 500, votes: state.nVotes, seconds: max / 1000, targetSeconds: 0.05,
        maxRssMB: process.resourceUsage().maxRSS / 1024,
        extra: `vote + position: median ${(p50 * 1000).toFixed(0)} µs, p99 ${(p99 * 1000).toFixed(0)} µs, max ${max.toFixed(2)} ms (first call includes building the result index)`,
      };
    }
    default: throw new Error(`unknown case ${name}`);
  }
}

const caseArg = process.argv.indexOf('--case');
if (caseArg >= 0) {
  const res = runCase(process.argv[caseArg + 1]!);
  process.stdout.write(JSON.stringify(res) + '\n');
} else {
  const cases = ['bowling-green-size', 'largest-polis', 'large', 'where-do-i-stand'];
  if (process.argv.includes('--cli-only')) cases.length = 0;
  if (existsSync(join(dataDir(), 'polis', 'openData', 'vtaiwan.uberx')) && cases.length > 0) cases.unshift('vtaiwan.uberx');
  process.stdout.write(`opinions benchmark — node ${process.version}, ${new Date().toISOString()}\n`);
  for (const name of cases) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--case', name], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) { process.stdout.write(`${name}: FAILED\n${child.stderr}\n`); continue; }
    const line = child.stdout.trim().split('\n').pop()!;
    const r = JSON.parse(line) as CaseResult;
    const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target');
    let text = `${r.name}: ${r.participants} participants × ${r.statements} statements, ${r.votes} votes — `;
    if (r.name === 'where-do-i-stand') text += `${r.extra}; target < 50 ms: ${verdict(r.seconds < 0.05)}`;
    else {
      text += `full recompute ${r.seconds.toFixed(2)} s (first run)`;
      if (r.warmSeconds !== undefined) text += `, ${r.warmSeconds.toFixed(2)} s (median of warm runs)`;
      if (r.pcaIterations !== undefined) text += `, PCA ${r.pcaIterations} products with CᵀC, ${r.groups} groups`;
      text += `, peak RSS ${r.maxRssMB.toFixed(0)} MB`;
      if (r.voteStorageMB !== undefined) text += ` (vote storage ${r.voteStorageMB.toFixed(1)} MB)`;
      if (r.targetSeconds !== undefined) text += `; target < ${r.targetSeconds} s: ${verdict(r.seconds < r.targetSeconds)}`;
      if (r.targetMB !== undefined) text += `; target < ${r.targetMB} MB: ${verdict(r.maxRssMB < r.targetMB)}`;
      if (r.extra) text += ` [${r.extra}]`;
    }
    process.stdout.write(text + '\n');
  }
  runCliCase();
}
