import type { Highs , Budget} from './solver.ts';
import { TimeLimitError } from './solver.ts';
import type { Compiled } from './model.ts';

/** A panel over groups: how many members of each group sit on it (sparse, groups ascending). */
export interface GroupPanel {
  readonly groups: Int32Array;
  readonly counts: Int32Array;
}

/** Canonical text key of a group panel, for de-duplication. */
export function panelKey(p: GroupPanel): string {
  let s = '';
  for (let i = 0; i < p.groups.length; i++) s += `${p.groups[i]}:${p.counts[i]},`;
  return s;
}

/**
 * The panel oracle: one persistent HiGHS integer program whose variables are how many members of each
 * group are chosen, with every quota, the panel size and the household rule as constraints. Only the
 * objective (and a few bounds) change between calls, so the model is built once.
 */
export class PanelOracle {
  private readonly highs: Highs;
  private readonly model: ReturnType<Highs['createModel']>;
  private readonly sizes: Float64Array;
  private readonly budget: Budget;
  /** Number of integer programs solved. */
  calls = 0;
  /** Seconds spent in integer programs. */
  seconds = 0;

  constructor(highs: Highs, compiled: Compiled, budget: Budget) {
    this.highs = highs;
    this.budget = budget;
    const G = compiled.groups.length;
    const R = compiled.rows.length;
    const H = compiled.households.length;
    const householdOf = new Int32Array(G).fill(-1);
    compiled.households.forEach((list, h) => {
      for (const g of list) householdOf[g] = h;
    });
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    this.sizes = new Float64Array(G);
    for (let g = 0; g < G; g++) {
      const group = compiled.groups[g]!;
      this.sizes[g] = group.members.length;
      const rows = [...group.rows].sort((a, b) => a - b);
      for (const r of rows) {
        indices.push(r);
        values.push(1);
      }
      indices.push(R);
      values.push(1);
      if (householdOf[g]! >= 0) {
        indices.push(R + 1 + householdOf[g]!);
        values.push(1);
      }
      starts.push(indices.length);
    }
    const inf = highs.infinity;
    const rowLower: number[] = [];
    const rowUpper: number[] = [];
    for (const row of compiled.rows) {
      rowLower.push(row.min);
      rowUpper.push(row.max);
    }
    rowLower.push(compiled.seats);
    rowUpper.push(compiled.seats);
    for (let h = 0; h < H; h++) {
      rowLower.push(-inf);
      rowUpper.push(1);
    }
    this.model = highs.createModel({
      numCols: G,
      numRows: R + 1 + H,
      sense: highs.constants.objectiveSense.maximize,
      colCost: new Float64Array(G),
      colLower: new Float64Array(G),
      colUpper: this.sizes,
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows: R + 1 + H, numCols: G, starts, indices, values },
      integrality: new Int32Array(G).fill(highs.constants.variableType.integer),
    });
    this.model.options.set({ output_flag: false, mip_rel_gap: 1e-7, mip_abs_gap: 1e-9 });
  }

  /** Releases the native model; the oracle is unusable afterwards. */
  dispose(): void {
    this.model.dispose();
  }

  /** Forbids a group (its members are in no feasible panel). */
  exclude(g: number): void {
    this.model.changeColBounds(g, 0, 0);
  }

  /**
   * A panel maximising Σ weight[g]·count[g]; `null` when no panel exists. Weights are scaled internally
   * so that the largest is 1. Every improving incumbent found on the way is returned in `others` (cheap
   * extra columns for column generation). `gap` is HiGHS' relative MIP gap. With `threshold`, the search
   * stops as soon as it knows on which side of the threshold the optimum lies: an incumbent above it, or a
   * bound at or below it (`bound` is then a proven upper bound on the optimum). `start` is a known panel
   * given to HiGHS as the first incumbent.
   */
  best(
    weights: Float64Array,
    phase: string,
    options: { gap?: number; threshold?: number; start?: GroupPanel | undefined } = {},
  ): { panel: GroupPanel; value: number; bound: number; others: GroupPanel[] } | null {
    this.budget.check(phase);
    let scale = 0;
    for (const w of weights) scale = Math.max(scale, Math.abs(w));
    if (scale === 0) scale = 1;
    const costs = new Float64Array(weights.length);
    for (let g = 0; g < weights.length; g++) costs[g] = weights[g]! / scale;
    this.model.changeColsCost({ kind: 'range', from: 0, to: weights.length - 1 }, costs);
    // HiGHS compares time_limit with the model's cumulative run time: reset it before every run.
    this.model.zeroAllClocks();
    this.model.options.set({ time_limit: this.budget.remaining(), mip_rel_gap: options.gap ?? 1e-7 });
    if (options.start) {
      const x = new Float64Array(weights.length);
      for (let i = 0; i < options.start.groups.length; i++) x[options.start.groups[i]!] = options.start.counts[i]!;
      this.model.setSolution({ colValue: x });
    }
    const found: Float64Array[] = [];
    const threshold = options.threshold !== undefined ? options.threshold / scale : undefined;
    const margin = 1e-9;
    const cb = this.highs.constants.callbackType;
    const t0 = this.budget.elapsed();
    let interruptedBound: number | undefined;
    const status = this.model.run({
      [cb.mipImprovingSolution]: (event) => {
        const sol = event.data.mip_solution;
        if (sol) found.push(Float64Array.from(sol));
        return undefined;
      },
      ...(threshold !== undefined
        ? {
            [cb.mipInterrupt]: (event) => {
              const primal = event.data.mip_primal_bound;
              const dual = event.data.mip_dual_bound;
              if (primal !== undefined && primal > threshold + margin) event.interrupt();
              else if (dual !== undefined && dual <= threshold) {
                interruptedBound = dual;
                event.interrupt();
              }
              return undefined;
            },
          }
        : {}),
    }).modelStatus;
    this.seconds += this.budget.elapsed() - t0;
    this.calls++;
    const ms = this.highs.constants.modelStatus;
    if (status === ms.infeasible) return null;
    if (status === ms.timeLimit) throw new TimeLimitError(phase, `time limit of ${this.budget.limitSeconds} s reached during ${phase}`);
    if (status !== ms.optimal && status !== ms.interrupted) throw new Error(`integer program ended with status ${status} during ${phase}`);
    const panel = toPanel(this.model.getSolution().colValue);
    let value = 0;
    for (let i = 0; i < panel.groups.length; i++) value += weights[panel.groups[i]!]! * panel.counts[i]!;
    let bound: number;
    if (status === ms.optimal) bound = Math.max(value, this.model.info.get('mip_dual_bound') as number * scale);
    else bound = interruptedBound !== undefined ? interruptedBound * scale : Infinity;
    if (!Number.isFinite(bound) && status === ms.optimal) bound = value;
    const others = found.map(toPanel);
    return { panel, value, bound, others };
  }
}

function toPanel(x: Float64Array): GroupPanel {
  const groups: number[] = [];
  const counts: number[] = [];
  for (let g = 0; g < x.length; g++) {
    const c = Math.round(x[g]!);
    if (c > 0) {
      groups.push(g);
      counts.push(c);
    }
  }
  return { groups: Int32Array.from(groups), counts: Int32Array.from(counts) };
}

