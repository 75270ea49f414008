/**
 * Benchmark: `npm run bench` in packages/opinions. Each case runs in its own child process so that peak memory
 * (maxRSS) is per case. Prints figures and compares them with the targets of issue 4; always exits 0.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, recompute } from '../src/analyze.ts';
import { whereDoIStand } from '../src/stand.ts';
import { buildConversation } from '../src/formats.ts';
import { createRandom } from '../src/prng.ts';
import { applyVote, voteStorageBytes, type Vote } from '../src/state.ts';
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
  if (existsSync(join(dataDir(), 'polis', 'openData', 'vtaiwan.uberx'))) cases.unshift('vtaiwan.uberx');
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
}
