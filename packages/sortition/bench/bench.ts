/**
 * Benchmark: `npm run bench` (all instances) or `npm run bench -- small large exact360` (by name).
 * Prints minimum probability, deviation from the published reference where one exists, the time split,
 * solver calls and peak memory, and compares with the targets (PASS/MISS), with a summary at the end. Always exits 0: targets are reported, not
 * enforced. Timings on shared 2-core machines are noisy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { analyze, checkPanel, compile, readCategoriesCsv, readPeopleCsv, type SelectionProblem, type Algorithm } from '../src/index.ts';
import { syntheticProblem } from './synthetic.ts';
import { realisticPool } from '../src/testkit.ts';

const DATA = process.env['TINGSTED_DATA'] ?? fileURLToPath(new URL('../../../../shared/data', import.meta.url));

interface Instance {
  readonly name: string;
  readonly load: () => SelectionProblem | undefined;
  readonly algorithm?: Algorithm;
  /** Published sorted LEXIMIN profile (one value per person), when known. */
  readonly reference?: () => number[] | undefined;
  readonly expectedMin?: number;
  readonly targetSeconds?: number;
  readonly timeLimit: number;
  /** Also solve MAXIMIN (not timed) and compare its minimum with LEXIMIN's: both maximise the minimum. */
  readonly checkMaximin?: boolean;
}

function loadData(dir: string, peopleFile: string, k: number, idColumn?: string): SelectionProblem | undefined {
  const catPath = existsSync(`${DATA}/sortition/${dir}/categories.csv`) ? `${DATA}/sortition/${dir}/categories.csv` : `${DATA}/sortition/${dir}/features.csv`;
  const peoplePath = `${DATA}/sortition/${dir}/${peopleFile}`;
  if (!existsSync(catPath) || !existsSync(peoplePath)) return undefined;
  const cats = readCategoriesCsv(readFileSync(catPath, 'utf8'));
  if (!cats.ok) throw new Error(cats.detail);
  const people = readPeopleCsv(readFileSync(peoplePath, 'utf8'), cats.categories, idColumn !== undefined ? { idColumn } : {});
  if (!people.ok) throw new Error(people.detail);
  return { people: people.people, categories: cats.categories, k };
}

function referenceProfile(dir: string): number[] | undefined {
  const path = `${DATA}/sortition/${dir}/reference_prob_allocs.csv`;
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('LexiMin,'))
    .map((l) => Number(l.split(',')[2]))
    .sort((a, b) => a - b);
}

const instances: Instance[] = [
  { name: 'small', load: () => loadData('example_small_20', 'respondents.csv', 20), reference: () => referenceProfile('example_small_20'), expectedMin: 0.1, timeLimit: 120 },
  { name: 'small-legacy', algorithm: 'legacy', load: () => loadData('example_small_20', 'respondents.csv', 20), timeLimit: 120 },
  { name: 'sf150', load: () => loadData('sf_fixture_150', 'candidates.csv', 22, 'nationbuilder_id'), expectedMin: 1 / 11, timeLimit: 300 },
  { name: 'large', load: () => loadData('example_large_200', 'respondents.csv', 200), reference: () => referenceProfile('example_large_200'), expectedMin: 0.1, targetSeconds: 120, timeLimit: 600 },
  { name: 'exact360', load: () => syntheticProblem(360, 30, [2, 2, 3, 3, 4, 4, 5], { kind: 'exact' }, 'exact-a'), targetSeconds: 30, timeLimit: 300 },
  // Issue 18: generated respondent pools with seven correlated categories and exact quotas (feasible by
  // construction); seeds 3, 5 and 6 stopped with "master LP ended with status 8" before the fix.
  ...[1, 2, 3, 4, 5, 6].map((seed): Instance => ({ name: `real360-${seed}`, load: () => realisticPool(seed, { n: 360, k: 30, quotas: 'exact' }), targetSeconds: 30, timeLimit: 300, checkMaximin: true })),
  { name: 'synth1000', load: () => syntheticProblem(1000, 50, [2, 3, 3, 4, 4, 5, 6], { kind: 'band', slack: 0.15 }, 'synth-1000'), timeLimit: 600 },
  { name: 'synth5000', load: () => syntheticProblem(5000, 100, [2, 2, 3, 3, 4, 5, 6, 8], { kind: 'band', slack: 0.08 }, 'synth-5000'), timeLimit: 900 },
  // The same pool with the first category's quotas moved off the proportional share, so equal
  // probabilities are impossible and column generation has to do the work.
  { name: 'synth5000-skew', load: () => skewed(syntheticProblem(5000, 100, [2, 2, 3, 3, 4, 5, 6, 8], { kind: 'band', slack: 0.08 }, 'synth-5000')), timeLimit: 900 },
];

/** Moves the first category's first value 6 seats above its band and the second value 6 seats below. */
function skewed(problem: SelectionProblem): SelectionProblem {
  const [first, ...rest] = problem.categories;
  if (first === undefined) return problem;
  const values = first.values.map((v, i) => (i === 0 ? { ...v, min: v.max + 6, max: v.max + 6 } : i === 1 ? { ...v, min: Math.max(0, v.min - 6 - (v.max - v.min)), max: v.min - 6 } : v));
  return { ...problem, categories: [{ ...first, values }, ...rest] };
}

const wanted = process.argv.slice(2);
// A name also selects its numbered variants: `real360` runs real360-1 … real360-6.
const chosen = wanted.length > 0 ? instances.filter((i) => wanted.some((w) => i.name === w || i.name.startsWith(`${w}-`))) : instances;
const summary: string[] = [];
process.stdout.write(`sortition benchmark — Node ${process.version}, ${new Date().toISOString()}\n`);
for (const instance of chosen) {
  const problem = instance.load();
  if (!problem) {
    process.stdout.write(`\n${instance.name}: skipped (shared data not found at ${DATA})\n`);
    continue;
  }
  const compiled = compile(problem);
  const groups = compiled.ok ? compiled.compiled.groups.length : 0;
  const algorithm = instance.algorithm ?? 'leximin';
  process.stdout.write(`\n${instance.name}: n = ${problem.people.length}, k = ${problem.k}, ${problem.categories.length} categories, ${groups} groups, ${algorithm}\n`);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let lastReport = 0;
  const result = await analyze(problem, {
    algorithm,
    timeLimitSeconds: instance.timeLimit,
    legacyRuns: 10000,
    seed: 'bench',
    onProgress: (p) => {
      if (p.seconds - lastReport >= 10) {
        lastReport = p.seconds;
        process.stderr.write(`  [${p.seconds.toFixed(0)} s] ${p.phase} level ${p.level} panels ${p.panels} fixed ${p.fixedGroups}/${p.groups}\n`);
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  if (!result.ok) {
    process.stdout.write(`  FAILED (${result.reason}) after ${seconds.toFixed(1)} s: ${result.detail.split('\n')[0]}\n`);
    summary.push(`${instance.name}: FAILED (${result.reason})${instance.targetSeconds !== undefined ? ` — target < ${instance.targetSeconds} s: MISS` : ''}`);
    continue;
  }
  const probs = Object.values(result.probabilities).sort((a, b) => a - b);
  const s = result.stats;
  process.stdout.write(`  min probability ${result.minProbability.toFixed(6)}, max ${probs[probs.length - 1]!.toFixed(6)}, zero-probability people ${result.zeroProbability.length}\n`);
  if (instance.expectedMin !== undefined) process.stdout.write(`  expected minimum ${instance.expectedMin.toFixed(6)}: deviation ${Math.abs(result.minProbability - instance.expectedMin).toExponential(2)}\n`);
  const ref = instance.reference?.();
  if (ref && ref.length === probs.length) {
    let dev = 0;
    for (let i = 0; i < ref.length; i++) dev = Math.max(dev, Math.abs(ref[i]! - probs[i]!));
    process.stdout.write(`  largest deviation from the published LEXIMIN profile: ${dev.toExponential(2)}\n`);
  }
  if (algorithm === 'legacy') {
    const lone = problem.people.find((p) => p.values['gender'] === 'female' && p.values['leaning'] === 'conservative');
    if (lone) process.stdout.write(`  lone female conservative: ${(100 * result.probabilities[lone.id]!).toFixed(2)} % (published 1.11 %)\n`);
  }
  process.stdout.write(
    `  time ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s) = feasibility ${s.seconds.feasibility.toFixed(2)} + warm start ${s.seconds.warmStart.toFixed(2)} + column generation ${s.seconds.columnGeneration.toFixed(2)} + final ${s.seconds.finalSolve.toFixed(2)} (+ set-up)\n`,
  );
  process.stdout.write(`  route: ${s.route}; solver calls: ${s.lpCalls} LP (${s.lpSeconds.toFixed(2)} s) + ${s.mipCalls} integer programs (${s.mipSeconds.toFixed(2)} s); panels ${s.panelsGenerated}${algorithm === 'legacy' ? '' : ` (${s.heuristicPanels} without an integer program)`}, levels ${s.levels}, lottery support ${result.lottery.panels.length}\n`);
  if (algorithm !== 'legacy') {
    // Every panel of the lottery, expanded to people, must meet every quota.
    let invalid = 0;
    for (const panel of result.lottery.panels) {
      const ids = [...result.lottery.alreadySelected, ...panel.counts.flatMap(([g, c]) => result.lottery.groups[g]!.slice(0, c))];
      if (!checkPanel(problem, ids).ok) invalid++;
    }
    process.stdout.write(`  lottery panels meeting every quota: ${result.lottery.panels.length - invalid} of ${result.lottery.panels.length}\n`);
  }
  if (instance.checkMaximin) {
    const maximin = await analyze(problem, { algorithm: 'maximin', timeLimitSeconds: instance.timeLimit });
    if (maximin.ok) process.stdout.write(`  MAXIMIN's minimum (solved separately, not timed): ${maximin.minProbability.toFixed(8)}, LEXIMIN − MAXIMIN = ${(result.minProbability - maximin.minProbability).toExponential(2)}\n`);
    else process.stdout.write(`  MAXIMIN failed: ${maximin.reason}\n`);
  }
  for (const w of result.warnings) process.stdout.write(`  warning: ${w}\n`);
  process.stdout.write(`  peak memory (process RSS so far): ${peakMb.toFixed(0)} MB\n`);
  const verdict = instance.targetSeconds === undefined ? '' : ` — target < ${instance.targetSeconds} s: ${seconds < instance.targetSeconds ? 'PASS' : 'MISS'}`;
  if (verdict !== '') process.stdout.write(`  ${verdict.slice(3)}\n`);
  summary.push(`${instance.name}: min probability ${result.minProbability.toFixed(6)}, ${s.levels} levels, ${seconds.toFixed(1)} s (CPU ${cpuSeconds.toFixed(1)} s)${verdict}`);
}
process.stdout.write(`\nsummary (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}):\n${summary.map((l) => `  ${l}\n`).join('')}`);
