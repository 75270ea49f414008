/**
 * The restricted master LP of the fair solver's column generation (Flanigan et al. 2021): maximise z
 * subject to Σ_P π_P·x_g(P)/n_g − z ≥ 0 for every unfixed group g, Σ_P π_P·x_g(P)/n_g ≥ f_g for fixed
 * groups, Σ π = 1; and the pricing helpers that read its duals.
 */
import type { Budget, Highs } from './solver.ts';
import { TimeLimitError } from './solver.ts';
import type { GroupPanel } from './oracle.ts';

/** An optimal solution of the master LP: its value and duals. */
export interface MasterSolution {
  readonly objective: number;
  /** Dual of each group's row (≥ 0), indexed by group. */
  readonly y: Float64Array;
  /** Dual of the convexity row. */
  readonly yhat: number;
  /**
   * Each group's probability under the solution's panel weights, computed here in double precision from
   * the weights (negative ones cut to 0, the rest scaled to sum to 1): an actual lottery, not the LP's
   * row activities, which may miss a fixed level by up to the solver's feasibility tolerance.
   */
  readonly probability: Float64Array;
  /** Those weights, by column (z left out). */
  readonly weights: Float64Array;
}

/** How a master solve ended: `optimal` on the first try, or after which recovery step. */
export type MasterRecovery = 'none' | 'cold-restart' | 'interior-point';

/** The `count` generated panels with the largest weight (earlier panels first on ties). */
export function topPanels(panels: readonly GroupPanel[], w: Float64Array, count: number): GroupPanel[] {
  const scored = panels.map((p, j) => {
    let v = 0;
    for (let i = 0; i < p.groups.length; i++) v += w[p.groups[i]!]! * p.counts[i]!;
    return [v, j] as const;
  });
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return scored.slice(0, count).map(([, j]) => panels[j]!);
}

/** Reduced cost of a panel's column under the duals of `sol` (positive: the panel would improve the master). */
export function reducedCost(p: GroupPanel, sol: MasterSolution, sizes: readonly number[]): number {
  let v = 0;
  for (let i = 0; i < p.groups.length; i++) v += (sol.y[p.groups[i]!]! * p.counts[i]!) / sizes[p.groups[i]!]!;
  return v - sol.yhat;
}

/** The restricted master LP: column 0 is z, then one column per panel; one row per active group + convexity. */
export class Master {
  private readonly highs: Highs;
  private readonly model: ReturnType<Highs['createModel']>;
  private readonly rowOf: Map<number, number>;
  private readonly active: readonly number[];
  private readonly sizes: readonly number[];
  private readonly budget: Budget;
  /** The panel of each column after z, in column order. */
  readonly panels: GroupPanel[] = [];
  calls = 0;
  seconds = 0;
  /** The recovery step the last `solve` needed. */
  lastRecovery: MasterRecovery = 'none';

  constructor(highs: Highs, active: readonly number[], sizes: readonly number[], budget: Budget) {
    this.highs = highs;
    this.active = active;
    this.sizes = sizes;
    this.budget = budget;
    this.rowOf = new Map(active.map((g, i) => [g, i] as const));
    const A = active.length;
    const inf = highs.infinity;
    const indices = active.map((_, i) => i);
    this.model = highs.createModel({
      numCols: 1,
      numRows: A + 1,
      sense: highs.constants.objectiveSense.maximize,
      colCost: [1],
      colLower: [-1],
      colUpper: [1],
      rowLower: [...new Array<number>(A).fill(0), 1],
      rowUpper: [...new Array<number>(A).fill(inf), 1],
      matrix: { format: 'csc', numRows: A + 1, numCols: 1, starts: [0, A], indices, values: new Array<number>(A).fill(-1) },
    });
    // No presolve: it would discard the warm-start basis between column-generation solves.
    this.model.options.set({ output_flag: false, presolve: 'off' });
  }

  /** Adds one column per panel. */
  addPanels(panels: readonly GroupPanel[]): void {
    if (panels.length === 0) return;
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    const conv = this.active.length;
    for (const p of panels) {
      const entries: [number, number][] = [];
      for (let i = 0; i < p.groups.length; i++) {
        const g = p.groups[i]!;
        const r = this.rowOf.get(g);
        if (r !== undefined) entries.push([r, p.counts[i]! / this.sizes[g]!]);
      }
      entries.sort((a, b) => a[0] - b[0]);
      for (const [r, v] of entries) {
        indices.push(r);
        values.push(v);
      }
      indices.push(conv);
      values.push(1);
      starts.push(indices.length);
    }
    const n = panels.length;
    this.model.addCols({
      cost: new Float64Array(n),
      lower: new Float64Array(n),
      upper: new Float64Array(n).fill(this.highs.infinity),
      matrix: { format: 'csc', numRows: conv + 1, numCols: n, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
    });
    this.panels.push(...panels);
  }


  /**
   * Solves the master LP by simplex, warm-started from the previous basis. When the simplex stops without
   * an optimum (typically "infeasible" after a level was fixed, when the bounds are just out of reach
   * within the solver's tolerances, or a numerically poor warm basis), it tries again: dual simplex from
   * the logical basis, then interior point with crossover and presolve on a fresh copy (slower, independent
   * of any basis), whose basis is passed back. Returns `null` when all fail: the LP is then infeasible
   * within the solver's tolerances, and the caller has to lower the fixed bounds.
   */
  solve(): MasterSolution | null {
    this.lastRecovery = 'none';
    const first = this.run({ solver: 'simplex', simplex_strategy: 4 });
    if (first === 'optimal') return this.current();
    this.model.clearSolver();
    this.lastRecovery = 'cold-restart';
    if (this.run({ solver: 'simplex', simplex_strategy: 1 }) === 'optimal') return this.current();
    this.lastRecovery = 'interior-point';
    const copy = this.highs.createModel(this.model.getLp());
    try {
      copy.options.set({ output_flag: false, solver: 'ipm', run_crossover: 'on', presolve: 'on', time_limit: this.budget.remaining() });
      const t0 = this.budget.elapsed();
      const status = copy.run().modelStatus;
      this.seconds += this.budget.elapsed() - t0;
      this.calls++;
      if (status === this.highs.constants.modelStatus.timeLimit) throw new TimeLimitError('column generation', `time limit of ${this.budget.limitSeconds} s reached during column generation`);
      if (status !== this.highs.constants.modelStatus.optimal) return null;
      this.model.setBasis(copy.getBasis());
    } finally {
      copy.dispose();
    }
    if (this.run({ solver: 'simplex', simplex_strategy: 1 }) !== 'optimal') return null;
    return this.current();
  }

  /** One run of the master model with `options`; throws on the time limit. */
  private run(options: Record<string, string | number>): 'optimal' | 'failed' {
    this.budget.check('column generation');
    // HiGHS compares time_limit with the model's cumulative run time: reset it before every run.
    this.model.zeroAllClocks();
    this.model.options.set({ ...options, time_limit: this.budget.remaining() });
    const t0 = this.budget.elapsed();
    const status = this.model.run().modelStatus;
    this.seconds += this.budget.elapsed() - t0;
    this.calls++;
    if (status === this.highs.constants.modelStatus.timeLimit) throw new TimeLimitError('column generation', `time limit of ${this.budget.limitSeconds} s reached during column generation`);
    return status === this.highs.constants.modelStatus.optimal ? 'optimal' : 'failed';
  }

  /** The model's current solution. */
  private current(): MasterSolution {
    return this.read(this.model.getSolution(), this.model.getObjectiveValue());
  }

  /** Interior-point solve of a copy (no crossover, no presolve) for centred duals; null if it fails. */
  solveCentred(): MasterSolution | null {
    this.budget.check('column generation');
    const copy = this.highs.createModel(this.model.getLp());
    try {
      copy.options.set({ output_flag: false, solver: 'ipm', run_crossover: 'off', presolve: 'off', time_limit: this.budget.remaining() });
      const t0 = this.budget.elapsed();
      const status = copy.run().modelStatus;
      this.seconds += this.budget.elapsed() - t0;
      this.calls++;
      if (status !== this.highs.constants.modelStatus.optimal) return null;
      return this.read(copy.getSolution(), copy.getObjectiveValue());
    } finally {
      copy.dispose();
    }
  }

  /** The duals of a solution by group (sign turned to ≥ 0), of the convexity row, and its lottery's probabilities. */
  private read(s: { rowDual: Float64Array; colValue: Float64Array }, objective: number): MasterSolution {
    const y = new Float64Array(this.sizes.length);
    this.active.forEach((g, i) => {
      y[g] = Math.max(0, -s.rowDual[i]!);
    });
    return { objective, y, yhat: s.rowDual[this.active.length]!, ...this.lottery(s.colValue) };
  }

  /** The lottery given by column values (z first): negative weights cut, the rest renormalised, and its group probabilities. */
  private lottery(colValue: Float64Array): { probability: Float64Array; weights: Float64Array } {
    const probability = new Float64Array(this.sizes.length);
    const weights = new Float64Array(this.panels.length);
    let total = 0;
    for (let j = 0; j < this.panels.length; j++) total += Math.max(0, colValue[j + 1]!);
    if (total <= 0) return { probability, weights };
    this.panels.forEach((p, j) => {
      const w = Math.max(0, colValue[j + 1]!) / total;
      weights[j] = w;
      if (w === 0) return;
      for (let i = 0; i < p.groups.length; i++) probability[p.groups[i]!]! += (w * p.counts[i]!) / this.sizes[p.groups[i]!]!;
    });
    return { probability, weights };
  }

  /** Fixes group g at (at least) `value`: its row no longer counts towards z. Also lowers or raises an earlier fixing. */
  fix(g: number, value: number): void {
    const r = this.rowOf.get(g)!;
    this.model.changeCoefficient(r, 0, 0);
    this.model.changeRowBounds(r, value, this.highs.infinity);
  }

  /** Maximises the uniform slack over every fixed level with simplex; returns panel weights. */
  finalSolve(fixedValue: Float64Array): { weights: Float64Array; slack: number } {
    this.budget.check('final solve');
    for (const g of this.active) {
      const r = this.rowOf.get(g)!;
      this.model.changeCoefficient(r, 0, -1);
      this.model.changeRowBounds(r, fixedValue[g]!, this.highs.infinity);
    }
    this.model.zeroAllClocks();
    this.model.options.set({ solver: 'simplex', time_limit: this.budget.remaining() });
    const t0 = this.budget.elapsed();
    let status = this.model.run().modelStatus;
    if (status !== this.highs.constants.modelStatus.optimal && status !== this.highs.constants.modelStatus.timeLimit) {
      // Always feasible (the slack may go to −1): a failure is numerical, so start again from scratch.
      this.model.clearSolver();
      this.model.zeroAllClocks();
      this.model.options.set({ solver: 'simplex', simplex_strategy: 1, time_limit: this.budget.remaining() });
      status = this.model.run().modelStatus;
      this.calls++;
    }
    this.seconds += this.budget.elapsed() - t0;
    this.calls++;
    if (status === this.highs.constants.modelStatus.timeLimit) throw new TimeLimitError('final solve', `time limit of ${this.budget.limitSeconds} s reached during the final solve`);
    if (status !== this.highs.constants.modelStatus.optimal) {
      throw new Error(`final LP ended with status ${status}`);
    }
    const x = this.model.getSolution().colValue;
    return { weights: x.slice(1), slack: x[0]! };
  }

  /** Frees the solver's model. */
  dispose(): void {
    this.model.dispose();
  }
}
