/**
 * The public use cases: `analyze` (selection probabilities and the lottery) and `select` (plus the panel
 * drawn from it with a seeded random source), for LEXIMIN, MAXIMIN and LEGACY.
 */
import { compile, type Compiled, type SelectionProblem } from './model.ts';
import { checkQuotas, diagnose, type Diagnosis } from './diagnostics.ts';
import { solveFair, type Progress, type SolveStats } from './fair.ts';
import { legacyDraw } from './legacy.ts';
import { randomFloat, sampleWithoutReplacement, type RandomSource, type Seed } from '@tingsted/random';
import { createRandom } from './seed.ts';
import { Budget, loadSolver, TimeLimitError, type Highs } from './solver.ts';

/** Selection algorithm. */
export type Algorithm = 'leximin' | 'maximin' | 'legacy';

/** Options shared by `analyze` and `select`. */
export interface SelectOptions {
  /** Default `leximin`. */
  readonly algorithm?: Algorithm;
  /** Seed for the draw (and for LEGACY's runs); a string or number, mapped deterministically to the PRNG. */
  readonly seed?: Seed;
  /** Random source to use instead of `seed`. */
  readonly random?: RandomSource;
  /** Stop with a `time-limit` failure after this many seconds (default 600). */
  readonly timeLimitSeconds?: number;
  /** Called during long solves (synchronously, from inside the solve). */
  readonly onProgress?: (progress: Progress) => void;
  /** Clock in milliseconds, used only for the time limit and reported durations (default `performance.now`). */
  readonly now?: () => number;
  /** A loaded HiGHS instance (default: `loadSolver()`). */
  readonly highs?: Highs;
  /** Solve over groups of interchangeable candidates (default true); false forces one column per person. */
  readonly aggregate?: boolean;
  /** LEGACY: number of seeded runs used to estimate probabilities (default 1000). */
  readonly legacyRuns?: number;
  /** LEXIMIN/MAXIMIN: warm-start panels from multiplicative weights (default: see `FairOptions`). */
  readonly warmStartPanels?: number;
  /**
   * Try a balanced design first (default true): panels in which every candidate sits equally often, which
   * give everyone seats/candidates — the largest possible minimum — without column generation.
   */
  readonly balancedDesign?: boolean;
  /**
   * LEXIMIN: try the LEXIMIN point of the quota relaxation next (default true): when a design with exact
   * exchanges reaches it, it is the optimum, without column generation.
   */
  readonly relaxation?: boolean;
}

/** A lottery over panels, compactly: candidates in interchangeable groups, each panel a count per group. */
export interface Lottery {
  /** Candidate ids of each group (pool order). */
  readonly groups: readonly (readonly string[])[];
  /** Panels with their probability; `counts` lists [group index, how many of that group] pairs. */
  readonly panels: readonly { readonly probability: number; readonly counts: readonly (readonly [number, number])[] }[];
  /** People on every panel (already selected). */
  readonly alreadySelected: readonly string[];
}

/** Result of `analyze`. */
export interface Analysis {
  readonly ok: true;
  readonly algorithm: Algorithm;
  readonly k: number;
  /** Every pool member's selection probability (excluded people 0, already selected 1). */
  readonly probabilities: Readonly<Record<string, number>>;
  /** Smallest probability among candidates who are in some feasible panel. */
  readonly minProbability: number;
  /** Candidates who are in no feasible panel (probability 0). */
  readonly zeroProbability: readonly string[];
  readonly lottery: Lottery;
  /** True when solved over groups of interchangeable candidates. */
  readonly aggregated: boolean;
  readonly stats: SolveStats;
  readonly warnings: readonly string[];
}

/** Result of `select`: the analysis plus the panel drawn from its lottery. */
export interface Selection extends Analysis {
  /** Ids of the panel, in pool order. */
  readonly panel: readonly string[];
}

/** Expected failures. */
export interface SelectionFailure {
  readonly ok: false;
  readonly reason: 'invalid-input' | 'infeasible' | 'time-limit' | 'legacy-failed';
  readonly detail: string;
  readonly diagnosis?: Diagnosis;
}

const defaultNow = (): number => globalThis.performance.now();

/** Computes the lottery and everyone's selection probability, without drawing. */
export async function analyze(problem: SelectionProblem, options: SelectOptions = {}): Promise<Analysis | SelectionFailure> {
  const algorithm = options.algorithm ?? 'leximin';
  const compiledResult = compile(problem, options.aggregate ?? true);
  if (!compiledResult.ok) return compiledResult;
  const compiled = compiledResult.compiled;
  const budget = new Budget(options.timeLimitSeconds ?? 600, options.now ?? defaultNow);
  const highs = options.highs ?? (await loadSolver());
  try {
    const issues = checkQuotas(compiled);
    if (issues.length > 0) return infeasible(highs, compiled, budget);
    if (algorithm === 'legacy') return analyzeLegacy(compiled, options, budget, highs);
    const lottery = solveFair(highs, compiled, {
      objective: algorithm,
      budget,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.warmStartPanels !== undefined ? { warmStartPanels: options.warmStartPanels } : {}),
      ...(options.balancedDesign !== undefined ? { balancedDesign: options.balancedDesign } : {}),
      ...(options.relaxation !== undefined ? { relaxation: options.relaxation } : {}),
    });
    if (lottery === null) return infeasible(highs, compiled, budget);
    const warnings: string[] = [];
    if (lottery.shortfall > 1e-6) warnings.push(`final distribution falls short of a LEXIMIN level by ${lottery.shortfall.toExponential(2)}`);
    for (const step of lottery.recoveries ?? []) warnings.push(`numerical recovery: ${step}`);
    const groups = compiled.groups.map((g) => g.members.map((i) => compiled.people[i]!.id));
    const panels = lottery.panels.map((p, j) => ({
      probability: lottery.weights[j]!,
      counts: Array.from(p.groups, (g, i) => [g, p.counts[i]!] as const),
    }));
    const probabilities: Record<string, number> = {};
    for (const person of compiled.people) probabilities[person.id] = 0;
    for (const i of compiled.fixedIn) probabilities[compiled.people[i]!.id] = 1;
    compiled.groups.forEach((g, gi) => {
      for (const i of g.members) probabilities[compiled.people[i]!.id] = lottery.groupProbability[gi]!;
    });
    const zero = new Set(lottery.zeroGroups);
    let minProbability = Infinity;
    compiled.groups.forEach((_, gi) => {
      if (!zero.has(gi)) minProbability = Math.min(minProbability, lottery.groupProbability[gi]!);
    });
    return {
      ok: true,
      algorithm,
      k: compiled.k,
      probabilities,
      minProbability: Number.isFinite(minProbability) ? minProbability : 0,
      zeroProbability: lottery.zeroGroups.flatMap((g) => groups[g]!),
      lottery: { groups, panels, alreadySelected: compiled.fixedIn.map((i) => compiled.people[i]!.id) },
      aggregated: compiled.aggregated,
      stats: lottery.stats,
      warnings,
    };
  } catch (error) {
    if (error instanceof TimeLimitError) {
      return { ok: false, reason: 'time-limit', detail: `${error.message}; raise the time limit, or relax the quotas to make the problem easier` };
    }
    throw error;
  }
}

/** Computes the lottery and draws one panel from it with `seed` / `random`. */
export async function select(problem: SelectionProblem, options: SelectOptions = {}): Promise<Selection | SelectionFailure> {
  const random = randomSource(options);
  const analysis = await analyze(problem, options);
  if (!analysis.ok) return analysis;
  if (analysis.algorithm === 'legacy') {
    // LEGACY's panel is one run of the greedy method itself with the given random source.
    const compiled = compile(problem, false);
    if (!compiled.ok) return compiled;
    const panel = legacyDraw(compiled.compiled, random);
    if (panel === null) return { ok: false, reason: 'legacy-failed', detail: 'LEGACY did not find a panel in 100 attempts' };
    const ids = [...compiled.compiled.fixedIn, ...panel].sort((a, b) => a - b).map((i) => compiled.compiled.people[i]!.id);
    return { ...analysis, panel: ids };
  }
  return { ...analysis, panel: drawFromLottery(analysis.lottery, random, problem) };
}

/** The random source of the options: `random`, else the PRNG for `seed`; throws if neither is given. */
export function randomSource(options: { readonly seed?: Seed; readonly random?: RandomSource }): RandomSource {
  if (options.random) return options.random;
  if (options.seed === undefined) throw new TypeError('a seed or random source is required to draw a panel');
  return createRandom(options.seed);
}

/**
 * Draws one panel: a lottery entry by its probability (one uniform float against the cumulative sum in
 * lottery order), then for each group the required number of members uniformly without replacement.
 * Returns ids in pool order.
 */
export function drawFromLottery(lottery: Lottery, random: RandomSource, problem: SelectionProblem): string[] {
  const u = randomFloat(random);
  let acc = 0;
  let chosen = lottery.panels[lottery.panels.length - 1]!;
  for (const p of lottery.panels) {
    acc += p.probability;
    if (u < acc) {
      chosen = p;
      break;
    }
  }
  const ids = new Set(lottery.alreadySelected);
  for (const [g, count] of chosen.counts) for (const id of sampleWithoutReplacement(random, lottery.groups[g]!, count)) ids.add(id);
  return problem.people.filter((p) => ids.has(p.id)).map((p) => p.id);
}

async function infeasible(highs: Highs, compiled: Compiled, budget: Budget): Promise<SelectionFailure> {
  const diagnosis = diagnose(highs, compiled, budget);
  return { ok: false, reason: 'infeasible', detail: diagnosis.message, diagnosis };
}

function analyzeLegacy(compiled: Compiled, options: SelectOptions, budget: Budget, highs: Highs): Promise<Analysis | SelectionFailure> | Analysis | SelectionFailure {
  const runs = options.legacyRuns ?? 1000;
  const random = options.random ?? createRandom(`legacy-runs:${String(options.seed ?? '')}`);
  const counts = new Float64Array(compiled.people.length);
  const panelCounts = new Map<string, { count: number; members: number[] }>();
  let done = 0;
  for (let run = 0; run < runs; run++) {
    if (run % 100 === 0) {
      budget.check('LEGACY runs');
      options.onProgress?.({ phase: 'legacy', seconds: budget.elapsed(), panels: panelCounts.size, groups: compiled.candidates.length, fixedGroups: 0, level: 0, solverCalls: 0 });
    }
    const panel = legacyDraw(compiled, random);
    if (panel === null) continue;
    done++;
    for (const i of panel) counts[i]!++;
    const key = panel.join(',');
    const entry = panelCounts.get(key);
    if (entry) entry.count++;
    else panelCounts.set(key, { count: 1, members: panel });
  }
  if (done === 0) {
    // LEGACY can fail where a panel exists; say whether one does.
    const diagnosis = diagnose(highs, compiled, budget);
    return { ok: false, reason: diagnosis.feasible ? 'legacy-failed' : 'infeasible', detail: diagnosis.feasible ? 'LEGACY found no panel in any run although one exists; use LEXIMIN' : diagnosis.message, diagnosis };
  }
  const probabilities: Record<string, number> = {};
  compiled.people.forEach((p, i) => (probabilities[p.id] = counts[i]! / done));
  for (const i of compiled.fixedIn) probabilities[compiled.people[i]!.id] = 1;
  let minProbability = Infinity;
  for (const i of compiled.candidates) minProbability = Math.min(minProbability, counts[i]! / done);
  const groups = compiled.candidates.map((i) => [compiled.people[i]!.id]);
  const groupOf = new Map(compiled.candidates.map((i, g) => [i, g] as const));
  const panels = [...panelCounts.values()].map((e) => ({
    probability: e.count / done,
    counts: e.members.map((i) => [groupOf.get(i)!, 1] as const),
  }));
  const t = budget.elapsed();
  return {
    ok: true,
    algorithm: 'legacy',
    k: compiled.k,
    probabilities,
    minProbability,
    zeroProbability: [],
    lottery: { groups, panels, alreadySelected: compiled.fixedIn.map((i) => compiled.people[i]!.id) },
    aggregated: false,
    stats: {
      seconds: { feasibility: 0, warmStart: 0, columnGeneration: 0, finalSolve: 0, total: t },
      lpCalls: 0,
      mipCalls: 0,
      lpSeconds: 0,
      mipSeconds: 0,
      panelsGenerated: panelCounts.size,
      heuristicPanels: 0,
      heuristicSeconds: 0,
      levels: 0,
      groups: compiled.candidates.length,
      route: 'legacy',
    },
    warnings: [`LEGACY probabilities are estimated from ${done} seeded runs (standard error up to ${(0.5 / Math.sqrt(done)).toFixed(3)})`],
  };
}
