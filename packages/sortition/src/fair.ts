/**
 * LEXIMIN and MAXIMIN selection by column generation (Flanigan, Gölz, Gupta, Hennig, Procaccia,
 * "Fair algorithms for selecting citizens' assemblies", Nature 596, 2021), solved over groups of
 * interchangeable candidates.
 *
 * Master LP over panels π: maximise z subject to  Σ_P π_P·x_g(P)/n_g − z ≥ 0  for every unfixed group g,
 * Σ_P π_P·x_g(P)/n_g ≥ f_g for fixed groups, Σ π = 1. Its duals y give the pricing problem: the panel that
 * maximises Σ_g y_g·x_g/n_g (an integer program, see `PanelOracle`). When no panel prices out, the level
 * is optimal; groups with a positive dual must sit at the level value in every optimum, so they are fixed
 * and the next level maximises the minimum over the rest.
 */
import type { Budget, Highs } from './solver.ts';
import type { Compiled } from './model.ts';
import { LocalSearch } from './heuristic.ts';
import { PanelOracle, panelKey, type GroupPanel } from './oracle.ts';
import { balancedDesign } from './balanced.ts';
import { leximinByRelaxation } from './target.ts';
import { relaxationLottery, uniformLottery } from './fair-shortcuts.ts';
import { Master, reducedCost, topPanels, type MasterSolution } from './master.ts';
import type { FairOptions, GroupLottery, Progress } from './fair-types.ts';

export type { FairOptions, GroupLottery, Progress, SolveStats } from './fair-types.ts';

const PRICE_EPS = 1e-7;
/**
 * A fixed group's bound in the master sits this far (relative to the level, at least 1e-12) below what
 * the level's lottery gives it, so the lottery stays strictly feasible after rounding.
 */
const FIX_SLACK = 1e-9;
/** Recovery lowers fixed bounds below the last good lottery by these slacks, in turn (relative, as above). */
const RECOVERY_SLACKS = [1e-9, 1e-7, 1e-6, 1e-5];
/**
 * The simplex duals fix the level's groups unless they mark fewer than this share of the unfixed groups;
 * then centred duals are computed (see `tightGroups`).
 */
const CENTRED_BELOW = 0.1;
/** Local-search starts per pricing round. */
const MULTI_START = 5;

/** Solves LEXIMIN or MAXIMIN over the compiled problem's groups; `null` when no panel exists at all. */
export function solveFair(highs: Highs, compiled: Compiled, options: FairOptions): GroupLottery | null {
  const { budget } = options;
  const G = compiled.groups.length;
  const sizes = compiled.groups.map((g) => g.members.length);
  const t0 = budget.elapsed();
  const solve = new FairSolve(highs, compiled, options);
  try {
    // Shortcut: a balanced design gives every candidate seats/candidates, the largest possible minimum,
    // so it is the LEXIMIN (and MAXIMIN) optimum with every group fixed at level 1.
    solve.progress('feasibility');
    budget.check('balanced design');
    const design = options.balancedDesign === false ? null : balancedDesign(compiled);
    if (design !== null) return uniformLottery(design, sizes, t0, budget.elapsed(), budget.elapsed(), G);
    // Next: the LEXIMIN point of the relaxation, reached exactly by a design plus single exchanges, is the
    // LEXIMIN optimum with no column generation (large pools; falls through when it is not reached).
    if (options.objective === 'leximin' && options.relaxation !== false) {
      solve.progress('warm-start');
      const viaRelaxation = leximinByRelaxation(highs, compiled, budget);
      if (viaRelaxation !== null) return relaxationLottery(viaRelaxation, t0, budget.elapsed(), G);
    }
    return solve.byColumnGeneration(t0);
  } finally {
    solve.dispose();
  }
}

/**
 * One solve by column generation: the panels generated so far (each once), the pricing oracle, the
 * master LP once built, and the counters that progress reports read.
 */
class FairSolve {
  private readonly budget: Budget;
  private readonly G: number;
  private readonly sizes: number[];
  private readonly oracle: PanelOracle;
  /** Local search for pricing, when there are no households (created once column generation starts). */
  private local: LocalSearch | null = null;
  private master: Master | undefined;
  private level = 0;
  private fixedCount = 0;
  private readonly panels: GroupPanel[] = [];
  private readonly seen = new Set<string>();
  /** Groups in some feasible panel (set when column generation starts). */
  private activeGroups: readonly number[] = [];
  /** Fixed groups in fixing order, the lower bound each has in the master, and which bounds are set there. */
  private readonly fixed: number[] = [];
  private readonly bound: Float64Array;
  private readonly applied = new Set<number>();
  /** The minimum probability: level 1's value once known. */
  private minimum: number | undefined;
  /** The last optimal master solution (its lottery meets every fixed bound up to the solver's tolerance). */
  private lastGood: MasterSolution | undefined;
  /** What recovery steps were taken, for the warnings. */
  private readonly recoveries: string[] = [];
  /** Masters replaced by a rebuilt one (disposed at the end). */
  private readonly retired: Master[] = [];
  private readonly heuristic = { columns: 0, seconds: 0 }; // the local search's columns and seconds
  private readonly highs: Highs;
  private readonly compiled: Compiled;
  private readonly options: FairOptions;

  constructor(highs: Highs, compiled: Compiled, options: FairOptions) {
    this.highs = highs;
    this.compiled = compiled;
    this.options = options;
    this.budget = options.budget;
    this.G = compiled.groups.length;
    this.sizes = compiled.groups.map((g) => g.members.length);
    this.bound = new Float64Array(this.G);
    this.oracle = new PanelOracle(highs, compiled, this.budget);
  }

  /** Reports progress through `options.onProgress`. */
  progress(phase: Progress['phase'], extra: Partial<Progress> = {}): void {
    this.options.onProgress?.({
      phase,
      seconds: this.budget.elapsed(),
      panels: this.panels.length,
      groups: this.G,
      fixedGroups: this.fixedCount,
      level: this.level,
      solverCalls: this.oracle.calls + (this.master?.calls ?? 0),
      ...(this.minimum !== undefined ? { minProbability: this.minimum } : {}),
      ...extra,
    });
  }

  /** Frees the oracle's and the master's solver models. */
  dispose(): void {
    this.oracle.dispose();
    this.master?.dispose();
    for (const m of this.retired) m.dispose();
  }

  /** Adds a panel unless it was generated before; returns whether it was new. */
  private addPanel(p: GroupPanel): boolean {
    const key = panelKey(p);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.panels.push(p);
    return true;
  }

  /** Feasibility, warm start, coverage, column generation level by level, and the final solve; `null` when no panel exists. */
  byColumnGeneration(t0: number): GroupLottery | null {
    const { budget, G } = this;
    const tDesign = budget.elapsed();
    const first = this.oracle.best(new Float64Array(G).fill(1), 'feasibility', { gap: 0.05 });
    if (first === null) return null;
    this.addPanel(first.panel);
    const tFeasible = budget.elapsed();
    this.progress('warm-start');
    this.local = this.compiled.households.length === 0 ? new LocalSearch(this.compiled) : null;
    const covered = new Uint8Array(G);
    const previous = this.warmStart(first.panel, covered);
    const zeroGroups = this.coverEveryGroup(covered, previous);
    const tWarm = budget.elapsed();
    const zero = new Set(zeroGroups);
    const active = [...Array(G).keys()].filter((g) => !zero.has(g));
    this.activeGroups = active;
    const fixedValue = this.columnGeneration(active);
    const tCg = budget.elapsed();
    this.progress('final-solve');
    const lottery = this.finalLottery(active, fixedValue);
    const tEnd = budget.elapsed();
    const master = this.master as Master;
    return {
      panels: lottery.panels,
      weights: lottery.weights,
      groupProbability: lottery.groupProbability,
      zeroGroups,
      shortfall: lottery.shortfall,
      recoveries: this.recoveries,
      stats: {
        seconds: {
          feasibility: tFeasible - tDesign,
          warmStart: tWarm - tFeasible + (tDesign - t0),
          columnGeneration: tCg - tWarm,
          finalSolve: tEnd - tCg,
          total: tEnd - t0,
        },
        lpCalls: master.calls + this.retired.reduce((sum, m) => sum + m.calls, 0),
        mipCalls: this.oracle.calls,
        lpSeconds: master.seconds + this.retired.reduce((sum, m) => sum + m.seconds, 0),
        mipSeconds: this.oracle.seconds,
        panelsGenerated: this.panels.length,
        heuristicPanels: this.heuristic.columns,
        heuristicSeconds: this.heuristic.seconds,
        levels: this.level,
        groups: G,
        route: 'column-generation',
      },
    };
  }

  /**
   * Warm start: multiplicative weights push later panels toward people not yet chosen. Each round
   * improves the previous panel by local search when that is available (cheap), else solves the integer
   * program. Marks the groups in some panel in `covered`; returns the last panel.
   */
  private warmStart(first: GroupPanel, covered: Uint8Array): GroupPanel {
    const { budget, G, sizes, local } = this;
    // Round counts measured on the benchmark: many cheap rounds pay off for large pools with loose quotas
    // (the 1,000-person pool converges in one level after 1,452 rounds), but slow down small exact-quota
    // pools, where each round and each LP solve costs more.
    const rounds = this.options.warmStartPanels ?? (local === null ? Math.min(G, 30) : G > 500 ? Math.min(2 * G, 1500) : Math.min(3 * G, 200));
    const weights = new Float64Array(G).fill(1);
    const cover = (p: GroupPanel): void => {
      for (const g of p.groups) covered[g] = 1;
    };
    cover(first);
    let previous = first;
    for (let round = 0; round < rounds; round++) {
      let panel: GroupPanel;
      if (local !== null) {
        budget.check('warm start');
        // Above 500 groups, a few exchanges per round: the first moves carry most of the gain, and later
        // ones scan thousands of groups each (measured on synth5000-skew: 5 ms instead of 130 ms a round).
        panel = local.improve(previous, weights, G > 500 ? 20 : 200).panel;
      } else {
        const res = this.oracle.best(weights, 'warm start', { gap: 0.05 });
        if (res === null) break;
        panel = res.panel;
        for (const other of res.others) if (this.addPanel(other)) cover(other);
      }
      this.addPanel(panel);
      cover(panel);
      previous = panel;
      for (let i = 0; i < panel.groups.length; i++) {
        const g = panel.groups[i]!;
        weights[g]! *= 1 - (0.2 * panel.counts[i]!) / sizes[g]!;
      }
      let sum = 0;
      for (const w of weights) sum += w;
      for (let g = 0; g < G; g++) weights[g]! *= G / sum;
      if (round % 10 === 0) this.progress('warm-start');
    }
    return previous;
  }

  /**
   * Every group must be in some panel, or it gets probability 0: finds a panel for each group not yet
   * `covered` (local search from `previous` first, then the integer program); returns the groups in no
   * feasible panel, which the oracle then leaves out.
   */
  private coverEveryGroup(covered: Uint8Array, previous: GroupPanel): number[] {
    const zeroGroups: number[] = [];
    const cover = (p: GroupPanel): void => {
      for (const g of p.groups) covered[g] = 1;
    };
    for (let g = 0; g < this.G; g++) {
      if (covered[g]) continue;
      const target = new Float64Array(this.G);
      target[g] = 1;
      if (this.local !== null) {
        const found = this.local.improve(previous, target).panel;
        if (found.groups.includes(g)) {
          this.addPanel(found);
          cover(found);
          continue;
        }
      }
      const res = this.oracle.best(target, 'coverage check', { threshold: 0.5 });
      if (res === null || !res.panel.groups.includes(g)) {
        zeroGroups.push(g);
        this.oracle.exclude(g);
        continue;
      }
      this.addPanel(res.panel);
      cover(res.panel);
    }
    return zeroGroups;
  }

  /**
   * Column generation, level by level over the `active` groups: each level solves the master with
   * pricing until no panel prices out, then fixes the groups that sit at the level's value in every
   * optimum (all of them for MAXIMIN). Returns each group's fixed value.
   *
   * Fixing is where tolerances bite: the simplex meets a bound only to its feasibility tolerance
   * (1e-7), so a level's value can exceed what the groups fixed at it actually get by that much, and
   * after a few levels the bounds together can be just out of reach (the 360-person exact-quota pools
   * stopped with "infeasible" at levels 6–10). So every fixed bound is set from the level's actual lottery
   * (its weights, in double precision): never above what that lottery gives the group, whose panels stay
   * in the master, so the next level starts from a point that meets every bound exactly.
   */
  private columnGeneration(active: readonly number[]): Float64Array {
    const master = new Master(this.highs, active, this.sizes, this.budget);
    this.master = master;
    master.addPanels(this.panels);
    const unfixed = new Set(active);
    const fixedValue = new Float64Array(this.G);
    while (unfixed.size > 0) {
      this.level++;
      let sol = this.solveMaster();
      while (!this.price(sol, active)) sol = this.solveMaster();
      const value = Math.max(0, sol.objective);
      if (this.level === 1) this.minimum = value;
      const toFix = this.options.objective === 'maximin' ? [...unfixed] : this.tightGroups(sol, unfixed, value, active);
      for (const g of toFix) {
        unfixed.delete(g);
        fixedValue[g] = value;
        this.bound[g] = value;
        this.fixed.push(g);
        this.fixedCount++;
      }
      if (this.options.fixedBounds === 'level-value') {
        // The plain way (kept to test the recovery): bounds at the level value, whatever the lottery gives.
        for (const g of toFix) {
          this.bound[g] = Math.max(0, value - FIX_SLACK);
          (this.master as Master).fix(g, this.bound[g]!);
          this.applied.add(g);
        }
      } else {
        // Earlier bounds too: the lottery may miss them by the solver's tolerance.
        this.lowerBounds(sol.probability, FIX_SLACK);
      }
      this.progress('column-generation', { levelValue: value });
    }
    return fixedValue;
  }

  /**
   * Lowers each fixed group's bound to what `probability` (a lottery whose panels are in the master)
   * gives it, minus `slack` relative to the bound; returns the largest decrease.
   */
  private lowerBounds(probability: Float64Array, slack: number): number {
    const master = this.master as Master;
    let largest = 0;
    for (const g of this.fixed) {
      const target = Math.max(0, Math.min(this.bound[g]!, probability[g]! - Math.max(1e-12, slack * this.bound[g]!)));
      // Bounds that the lottery meets with room to spare stay as set; the others move (also on the first fixing).
      if (target < this.bound[g]! || !this.applied.has(g)) {
        largest = Math.max(largest, this.bound[g]! - target);
        this.bound[g] = target;
        master.fix(g, target);
        this.applied.add(g);
      }
    }
    return largest;
  }

  /** Records a recovery step the master's last solve needed, or that it failed (`sol` null). */
  private noteRecovery(sol: MasterSolution | null): void {
    const step = (this.master as Master).lastRecovery;
    if (sol === null) this.recoveries.push(`level ${this.level}: master LP without optimum (warm simplex, dual simplex from scratch, interior point)`);
    else if (step === 'cold-restart') this.recoveries.push(`level ${this.level}: master LP re-solved from scratch (dual simplex)`);
    else if (step === 'interior-point') this.recoveries.push(`level ${this.level}: master LP re-solved by interior point with crossover`);
  }

  /**
   * Solves the master; when the solver finds no optimum even after its own restarts (`Master.solve`),
   * recovers instead of stopping. The last optimal lottery met every fixed bound up to the solver's
   * tolerance and its panels are still columns, so lowering the bounds to what it gives (minus a slack
   * that grows tenfold per attempt) makes the LP feasible again; as the exact last resort the master is
   * rebuilt from scratch over that lottery's panels only (the fixed column set, where the lottery is
   * feasible by construction), and pricing adds columns back from there.
   */
  private solveMaster(): MasterSolution {
    const first = (this.master as Master).solve();
    this.noteRecovery(first);
    if (first !== null) {
      this.lastGood = first;
      return first;
    }
    const good = this.lastGood;
    if (good !== undefined) {
      for (const slack of RECOVERY_SLACKS) {
        const lowered = this.lowerBounds(good.probability, slack);
        this.recoveries.push(`level ${this.level}: fixed bounds lowered to the last optimal lottery (slack ${slack}, by up to ${lowered.toExponential(1)})`);
        const sol = (this.master as Master).solve();
        this.noteRecovery(sol);
        if (sol !== null) {
          this.lastGood = sol;
          return sol;
        }
      }
    }
    const rebuilt = new Master(this.highs, this.activeGroups, this.sizes, this.budget);
    const support = good === undefined ? this.panels : (this.master as Master).panels.filter((_, j) => (good.weights[j] ?? 0) > 0);
    rebuilt.addPanels(support.length > 0 ? support : this.panels);
    for (const g of this.fixed) rebuilt.fix(g, this.bound[g]!);
    this.retired.push(this.master as Master);
    this.master = rebuilt;
    this.panels.splice(0, this.panels.length, ...rebuilt.panels); // panels left out may be priced again
    this.seen.clear();
    for (const p of this.panels) this.seen.add(panelKey(p));
    this.recoveries.push(`level ${this.level}: master rebuilt over the last lottery's ${support.length} panels`);
    const sol = rebuilt.solve();
    this.noteRecovery(sol);
    if (sol === null) throw new Error(`the master LP has no optimum at level ${this.level}, even rebuilt over a lottery that meets every fixed level`);
    this.lastGood = sol;
    return sol;
  }

  /**
   * LEXIMIN: the unfixed groups to fix at this level. Any optimal dual that is feasible for the full
   * problem certifies its positive groups as tight in every optimum, so the simplex duals (already proven
   * feasible by pricing) are used first. Centred (interior-point) duals are positive on every group that is
   * tight in all optima, so they fix as many as possible per level, but an interior-point solve of the
   * dense master costs several simplex solves (on the 1,000-person pool, 13 of the 30 s of CPU while
   * fixing only 14 groups more, all at level 1). They are computed only when the simplex duals mark fewer
   * than `CENTRED_BELOW` of the unfixed groups, and used only if they also pass the pricing check. At least
   * one group (the largest dual) is fixed.
   */
  private tightGroups(sol: MasterSolution, unfixed: ReadonlySet<number>, levelValue: number, active: readonly number[]): number[] {
    let y = sol.y;
    let threshold = 1e-7;
    const bySimplex = [...unfixed].filter((g) => y[g]! > threshold).length;
    if (bySimplex < unfixed.size && bySimplex < CENTRED_BELOW * unfixed.size) {
      const centred = (this.master as Master).solveCentred();
      if (centred !== null && Math.abs(centred.objective - levelValue) < 1e-6 && this.price(centred, active)) {
        y = centred.y;
        threshold = Math.max(1e-7, 1e-4 / unfixed.size);
      }
    }
    let toFix = [...unfixed].filter((g) => y[g]! > threshold);
    if (toFix.length === 0) {
      let best = -1;
      for (const g of unfixed) if (best < 0 || y[g]! > y[best]!) best = g;
      toFix = [best];
    }
    return toFix;
  }

  /**
   * Pricing: local search first (cheap), the integer program only when it finds nothing; new columns go
   * into the master. Returns true when the duals are proven optimal for the full problem (no panel
   * prices out).
   */
  private price(sol: MasterSolution, active: readonly number[]): boolean {
    const { G, sizes, local, budget } = this;
    const master = this.master as Master;
    const w = new Float64Array(G);
    for (const g of active) w[g] = sol.y[g]! / sizes[g]!;
    const starts = topPanels(this.panels, w, MULTI_START);
    const start = starts[0];
    if (local !== null && start !== undefined) {
      // Local search from the few best panels: several new columns per LP solve.
      const th = budget.elapsed();
      const fresh: GroupPanel[] = [];
      for (const from of starts) {
        const improved = local.improve(from, w);
        if (improved.value > sol.yhat + PRICE_EPS && this.addPanel(improved.panel)) fresh.push(improved.panel);
      }
      this.heuristic.seconds += budget.elapsed() - th;
      if (fresh.length > 0) {
        this.heuristic.columns += fresh.length;
        master.addPanels(fresh);
        this.progress('column-generation', { levelValue: sol.objective, ...(this.level === 1 ? { minProbability: sol.objective } : {}) });
        return false;
      }
    }
    const res = this.oracle.best(w, 'column generation', { threshold: sol.yhat + PRICE_EPS, start });
    if (res === null) throw new Error('pricing became infeasible');
    this.progress('column-generation', {
      levelValue: sol.objective,
      ...(this.level === 1 ? { minProbability: sol.objective } : {}),
      ...(Number.isFinite(res.bound) ? { upperBound: sol.objective + Math.max(0, res.bound - sol.yhat) } : {}),
    });
    if (res.bound <= sol.yhat + PRICE_EPS) return true;
    const fresh: GroupPanel[] = [];
    for (const p of [res.panel, ...res.others]) {
      if (reducedCost(p, sol, sizes) > PRICE_EPS && this.addPanel(p)) fresh.push(p);
    }
    if (fresh.length === 0) return true; // the best panel is already in the master: numerically optimal
    master.addPanels(fresh);
    return false;
  }

  /** Final solve: a basic (small-support) distribution meeting every fixed level, with the groups' probabilities and the largest shortfall. */
  private finalLottery(active: readonly number[], fixedValue: Float64Array): Pick<GroupLottery, 'panels' | 'weights' | 'groupProbability' | 'shortfall'> {
    const { G, sizes } = this;
    const master = this.master as Master;
    const panels = master.panels;
    const final = master.finalSolve(fixedValue);
    const weightsOut: number[] = [];
    const panelsOut: GroupPanel[] = [];
    let total = 0;
    for (let j = 0; j < panels.length; j++) {
      const wgt = final.weights[j]!;
      if (wgt > 1e-12) {
        panelsOut.push(panels[j]!);
        weightsOut.push(wgt);
        total += wgt;
      }
    }
    for (let j = 0; j < weightsOut.length; j++) weightsOut[j]! /= total;
    const groupProbability = new Float64Array(G);
    panelsOut.forEach((p, j) => {
      for (let i = 0; i < p.groups.length; i++) {
        const g = p.groups[i]!;
        groupProbability[g]! += (weightsOut[j]! * p.counts[i]!) / sizes[g]!;
      }
    });
    let shortfall = 0;
    for (const g of active) shortfall = Math.max(shortfall, fixedValue[g]! - groupProbability[g]!);
    return { panels: panelsOut, weights: weightsOut, groupProbability, shortfall };
  }
}
