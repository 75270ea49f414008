/**
 * Checks before solving, and the smallest quota relaxation when no panel exists.
 */
import type { Compiled, QuotaRow } from './model.ts';
import type { Highs } from './solver.ts';
import type { Budget } from './solver.ts';

/** A quota problem found without a solver. */
export interface QuotaIssue {
  readonly kind:
    | 'min-sum-above-k'
    | 'max-sum-below-k'
    | 'not-enough-people'
    | 'max-exceeded-by-already-selected'
    | 'pool-too-small';
  /** Category concerned (absent for pool-wide issues). */
  readonly category?: string;
  /** Value concerned, when the issue is about one value. */
  readonly value?: string;
  readonly message: string;
}

/** A change to one quota. `to` is in the terms of the original quota (before people already selected). */
export interface QuotaChange {
  readonly category: string;
  readonly value: string;
  readonly bound: 'min' | 'max';
  readonly from: number;
  readonly to: number;
}

/** Result of `diagnose`. */
export interface Diagnosis {
  readonly feasible: boolean;
  readonly issues: readonly QuotaIssue[];
  /** Smallest total change (in seats) to the quotas that makes a panel possible; empty when feasible. */
  readonly relaxation: readonly QuotaChange[];
  /** Whether the relaxation stays within the min_flex / max_flex limits. */
  readonly withinFlex: boolean;
  /** Human-readable summary naming the quotas and the suggested change. */
  readonly message: string;
}

/**
 * Quick necessary conditions per category (with quotas already reduced by people already selected):
 * sum of mins ≤ seats ≤ sum of maxes, enough candidates for every min, no max already exceeded.
 */
export function checkQuotas(compiled: Compiled): QuotaIssue[] {
  const issues: QuotaIssue[] = [];
  const seats = compiled.seats;
  if (compiled.candidates.length < seats) {
    issues.push({
      kind: 'pool-too-small',
      message: `${seats} seats to fill but only ${compiled.candidates.length} candidates`,
    });
  }
  const byCategory = new Map<string, QuotaRow[]>();
  for (const row of compiled.rows) {
    const list = byCategory.get(row.category);
    if (list) list.push(row);
    else byCategory.set(row.category, [row]);
  }
  for (const [category, rows] of byCategory) {
    const minSum = rows.reduce((s, r) => s + r.min, 0);
    const maxSum = rows.reduce((s, r) => s + Math.max(0, r.max), 0);
    if (minSum > seats)
      issues.push({
        kind: 'min-sum-above-k',
        category,
        message: `${category}: the minimums add up to ${minSum}, more than the ${seats} seats`,
      });
    if (maxSum < seats)
      issues.push({
        kind: 'max-sum-below-k',
        category,
        message: `${category}: the maximums add up to ${maxSum}, fewer than the ${seats} seats`,
      });
    for (const r of rows) {
      if (r.max < 0) {
        issues.push({
          kind: 'max-exceeded-by-already-selected',
          category,
          value: r.value,
          message: `${category}=${r.value}: people already selected exceed the max of ${r.originalMax}`,
        });
      }
      if (r.available < r.min) {
        issues.push({
          kind: 'not-enough-people',
          category,
          value: r.value,
          message: `${category}=${r.value}: min ${r.originalMin} needs ${r.min} more but only ${r.available} candidates have this value`,
        });
      }
    }
  }
  return issues;
}

/**
 * Full diagnosis: the quick checks, then an integer program for whether any panel exists; if none does,
 * a second integer program finds the smallest total relaxation of mins and maxes (first within the
 * min_flex / max_flex limits, then without them) and names the quotas to change.
 */
export function diagnose(highs: Highs, compiled: Compiled, budget: Budget): Diagnosis {
  const issues = checkQuotas(compiled);
  const within = relax(highs, compiled, budget, true);
  if (within !== null && within.length === 0) {
    return {
      feasible: true,
      issues,
      relaxation: [],
      withinFlex: true,
      message: 'a panel meeting every quota exists',
    };
  }
  const changes = within ?? relax(highs, compiled, budget, false);
  const names = issues.map((i) => i.message);
  if (changes === null) {
    return {
      feasible: false,
      issues,
      relaxation: [],
      withinFlex: false,
      message: [
        'No panel is possible and no change of quotas helps (the pool is too small or the household rule leaves too few people).',
        ...names,
      ].join('\n'),
    };
  }
  const lines = changes.map((c) => `  ${c.category}=${c.value}: ${c.bound} ${c.from} → ${c.to}`);
  return {
    feasible: false,
    issues,
    relaxation: changes,
    withinFlex: within !== null,
    message: [
      'No panel meets every quota.',
      ...names,
      `Smallest relaxation that makes a panel possible (${changes.reduce((s, c) => s + Math.abs(c.to - c.from), 0)} seat(s) in total${within === null ? ', beyond the min_flex/max_flex limits' : ''}):`,
      ...lines,
    ].join('\n'),
  };
}

/** Minimum-total relaxation; [] when no relaxation is needed, null when none exists under the limits. */
function relax(highs: Highs, compiled: Compiled, budget: Budget, useFlex: boolean): QuotaChange[] | null {
  budget.check('diagnosis');
  const G = compiled.groups.length;
  const R = compiled.rows.length;
  const inf = highs.infinity;
  // Columns: x_g (G), lo_r (R), hi_r (R).
  const colLower = new Float64Array(G + 2 * R);
  const colUpper = new Float64Array(G + 2 * R);
  const colCost = new Float64Array(G + 2 * R);
  compiled.groups.forEach((g, i) => {
    colUpper[i] = g.members.length;
  });
  compiled.rows.forEach((row, r) => {
    const loMax = useFlex ? Math.min(row.min, Math.max(0, row.originalMin - row.minFlex)) : row.min;
    const hiMax = useFlex
      ? Math.max(0, row.maxFlex - row.originalMax)
      : compiled.seats + Math.max(0, -row.max);
    colUpper[G + r] = loMax;
    colUpper[G + R + r] = hiMax;
    colCost[G + r] = 1;
    colCost[G + R + r] = 1;
  });
  // Rows: min rows (R), max rows (R), size, households. Built column-wise.
  const H = compiled.households.length;
  const householdOf = new Int32Array(G).fill(-1);
  compiled.households.forEach((list, h) => list.forEach((g) => (householdOf[g] = h)));
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let g = 0; g < G; g++) {
    const rows = [...compiled.groups[g]!.rows].sort((a, b) => a - b);
    for (const r of rows) {
      indices.push(r);
      values.push(1);
    }
    for (const r of rows) {
      indices.push(R + r);
      values.push(1);
    }
    indices.push(2 * R);
    values.push(1);
    if (householdOf[g]! >= 0) {
      indices.push(2 * R + 1 + householdOf[g]!);
      values.push(1);
    }
    starts.push(indices.length);
  }
  for (let r = 0; r < R; r++) {
    indices.push(r);
    values.push(1);
    starts.push(indices.length);
  }
  for (let r = 0; r < R; r++) {
    indices.push(R + r);
    values.push(-1);
    starts.push(indices.length);
  }
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const row of compiled.rows) {
    rowLower.push(row.min);
    rowUpper.push(inf);
  }
  for (const row of compiled.rows) {
    rowLower.push(-inf);
    rowUpper.push(row.max);
  }
  rowLower.push(compiled.seats);
  rowUpper.push(compiled.seats);
  for (let h = 0; h < H; h++) {
    rowLower.push(-inf);
    rowUpper.push(1);
  }
  const numRows = 2 * R + 1 + H;
  const model = highs.createModel({
    numCols: G + 2 * R,
    numRows,
    sense: highs.constants.objectiveSense.minimize,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols: G + 2 * R, starts, indices, values },
    integrality: new Int32Array(G + 2 * R).fill(highs.constants.variableType.integer),
  });
  try {
    model.options.set({ output_flag: false, time_limit: budget.remaining() });
    const status = model.run().modelStatus;
    const ms = highs.constants.modelStatus;
    if (status === ms.infeasible) return null;
    if (status !== ms.optimal) {
      budget.check('diagnosis');
      throw new Error(`relaxation program ended with status ${status}`);
    }
    const x = model.getSolution().colValue;
    const changes: QuotaChange[] = [];
    compiled.rows.forEach((row, r) => {
      const lo = Math.round(x[G + r]!);
      const hi = Math.round(x[G + R + r]!);
      if (lo > 0)
        changes.push({
          category: row.category,
          value: row.value,
          bound: 'min',
          from: row.originalMin,
          to: row.originalMin - lo,
        });
      if (hi > 0)
        changes.push({
          category: row.category,
          value: row.value,
          bound: 'max',
          from: row.originalMax,
          to: row.originalMax + hi,
        });
    });
    return changes;
  } finally {
    model.dispose();
  }
}
