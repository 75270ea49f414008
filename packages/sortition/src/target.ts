/**
 * LEXIMIN through its relaxation, for large pools where column generation is slow.
 *
 * The selection probabilities of any lottery lie in the relaxed polytope R: 0 ≤ p_g ≤ 1, every quota met by
 * the expected counts Σ_g n_g·p_g, the seats met exactly (and at most one expected member per household).
 * R is described by a few dozen rows, so its LEXIMIN point p* is cheap to compute. The achievable
 * probabilities Q (the convex hull of the panels) lie inside R, so if some lottery reaches p*, then p* is
 * also the LEXIMIN point of Q — the answer, proven optimal without any pricing.
 *
 * To build such a lottery we round m·n_g·p*_g to whole seats, deal them into m panels that meet every
 * quota (`dealDesign`), and correct the rounding error exactly with single exchanges: moving weight ε from
 * a design panel to the same panel with one member of group h exchanged for one of group g moves ε
 * expected seats from h to g. Which exchanges, and how much, is a small sparse LP (a flow between groups,
 * each design panel giving at most its own weight), unlike the dense master LP of column generation.
 * When any step fails the caller falls back to column generation.
 */
import type { Compiled } from './model.ts';
import type { GroupPanel } from './oracle.ts';
import { panelKey } from './oracle.ts';
import { dealDesign } from './balanced.ts';
import type { Budget, Highs } from './solver.ts';
import { TimeLimitError } from './solver.ts';

/** The LEXIMIN point of the relaxation: each group's probability and the level value at which it was fixed. */
export interface RelaxedLeximin {
  /** Probability of each member of each group (0 for excluded groups). */
  readonly probability: Float64Array;
  /** Level (1-based) at which each group was fixed; 0 for excluded groups. */
  readonly level: Int32Array;
  readonly levels: number;
}

/** Dual values above this mark a group as tight in every optimum of the relaxed level LP. */
const RELAXED_DUAL_TOL = 1e-7;
/** Seat shortfalls or excesses below this are rounding noise. */
const NEED_EPS = 1e-13;

/**
 * LEXIMIN over the relaxed polytope R (see the module comment), over the groups in `active` (the others are
 * held at 0). Each level maximises the smallest unfixed probability by simplex; groups whose row has a
 * positive dual are at that value in every optimum and are fixed (at least the one with the largest dual).
 */
export function relaxedLeximin(highs: Highs, compiled: Compiled, active: readonly number[], budget: Budget): RelaxedLeximin | null {
  const { groups, rows, households } = compiled;
  const G = groups.length;
  const R = rows.length;
  const H = households.length;
  const A = active.length;
  const inf = highs.infinity;
  const isActive = new Uint8Array(G);
  for (const g of active) isActive[g] = 1;
  const householdOf = new Int32Array(G).fill(-1);
  households.forEach((list, h) => {
    for (const g of list) householdOf[g] = h;
  });
  // Columns: p_g for every group, then z. Rows: quotas, seats, households, one "p_g − z ≥ 0" per active group.
  const leximinRow = new Int32Array(G).fill(-1);
  active.forEach((g, i) => {
    leximinRow[g] = R + 1 + H + i;
  });
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let g = 0; g < G; g++) {
    const n = groups[g]!.members.length;
    for (const r of [...groups[g]!.rows].sort((a, b) => a - b)) {
      indices.push(r);
      values.push(n);
    }
    indices.push(R);
    values.push(n);
    if (householdOf[g]! >= 0) {
      indices.push(R + 1 + householdOf[g]!);
      values.push(1);
    }
    if (leximinRow[g]! >= 0) {
      indices.push(leximinRow[g]!);
      values.push(1);
    }
    starts.push(indices.length);
  }
  for (let i = 0; i < A; i++) {
    indices.push(R + 1 + H + i);
    values.push(-1);
  }
  starts.push(indices.length);
  const numRows = R + 1 + H + A;
  const model = highs.createModel({
    numCols: G + 1,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: [...new Array<number>(G).fill(0), 1],
    colLower: new Array<number>(G + 1).fill(0),
    colUpper: [...Array.from({ length: G }, (_, g) => (isActive[g] ? 1 : 0)), 1],
    rowLower: [...rows.map((r) => r.min), compiled.seats, ...new Array<number>(H).fill(-inf), ...new Array<number>(A).fill(0)],
    rowUpper: [...rows.map((r) => r.max), compiled.seats, ...new Array<number>(H).fill(1), ...new Array<number>(A).fill(inf)],
    matrix: { format: 'csc', numRows, numCols: G + 1, starts, indices, values },
  });
  try {
    model.options.set({ output_flag: false, solver: 'simplex', primal_feasibility_tolerance: 1e-10, dual_feasibility_tolerance: 1e-10 });
    const probability = new Float64Array(G);
    const level = new Int32Array(G);
    const unfixed = new Set(active);
    let levels = 0;
    while (unfixed.size > 0) {
      budget.check('relaxed LEXIMIN');
      levels++;
      model.zeroAllClocks();
      model.options.set({ time_limit: budget.remaining() });
      const status = model.run().modelStatus;
      if (status === highs.constants.modelStatus.timeLimit) throw new TimeLimitError('relaxed LEXIMIN', `time limit of ${budget.limitSeconds} s reached during the relaxed LEXIMIN`);
      if (status !== highs.constants.modelStatus.optimal) return null;
      const z = model.getObjectiveValue();
      const dual = model.getSolution().rowDual;
      // Maximisation: a binding "p_g − z ≥ 0" row has a non-positive dual in HiGHS' sign convention.
      let toFix = [...unfixed].filter((g) => -dual[leximinRow[g]!]! > RELAXED_DUAL_TOL);
      if (toFix.length === 0) {
        let best = -1;
        for (const g of unfixed) if (best < 0 || -dual[leximinRow[g]!]! > -dual[leximinRow[best]!]!) best = g;
        toFix = [best];
      }
      for (const g of toFix) {
        unfixed.delete(g);
        probability[g] = z;
        level[g] = levels;
        model.changeCoefficient(leximinRow[g]!, G, 0);
        model.changeRowBounds(leximinRow[g]!, z, inf);
      }
    }
    return { probability, level, levels };
  } finally {
    model.dispose();
  }
}

/**
 * Whole seats per group for m panels: m·n_g·p_g rounded so that the total is m·seats and every quota row's
 * total lies within m·[min, max] (so a design can exist). Largest remainders first, groups in rows still
 * below their minimum before others. `null` when no such rounding was found.
 */
export function roundUnits(compiled: Compiled, probability: Float64Array, m: number): Int32Array | null {
  const { groups, rows } = compiled;
  const G = groups.length;
  const R = rows.length;
  const units = new Int32Array(G);
  const frac = new Float64Array(G);
  const rowTotal = new Float64Array(R);
  let total = 0;
  for (let g = 0; g < G; g++) {
    const x = m * groups[g]!.members.length * probability[g]!;
    // Values within 1e-6 of a whole number are that number (level values are floating-point rationals).
    const near = Math.round(x);
    const base = Math.abs(x - near) < 1e-6 ? near : Math.floor(x);
    units[g] = base;
    frac[g] = x - base;
    total += base;
    for (const r of groups[g]!.rows) rowTotal[r]! += base;
  }
  let missing = m * compiled.seats - total;
  if (missing < 0) return null;
  const bumped = new Uint8Array(G);
  while (missing > 0) {
    let best = -1;
    let bestBelow = -1;
    for (let g = 0; g < G; g++) {
      if (bumped[g] || frac[g]! <= 1e-6) continue;
      let ok = true;
      let below = 0;
      for (const r of groups[g]!.rows) {
        if (rowTotal[r]! + 1 > m * rows[r]!.max) ok = false;
        if (rowTotal[r]! < m * rows[r]!.min) below++;
      }
      if (!ok) continue;
      if (below > bestBelow || (below === bestBelow && frac[g]! > frac[best]!)) {
        best = g;
        bestBelow = below;
      }
    }
    if (best < 0) return null;
    bumped[best] = 1;
    units[best]!++;
    for (const r of groups[best]!.rows) rowTotal[r]!++;
    missing--;
  }
  for (let r = 0; r < R; r++) if (rowTotal[r]! < m * rows[r]!.min || rowTotal[r]! > m * rows[r]!.max) return null;
  return units;
}

/** A lottery over group panels whose probabilities reach a target. */
export interface TargetLottery {
  readonly panels: GroupPanel[];
  readonly weights: number[];
  /** Largest |probability − target| over the groups (LP tolerance). */
  readonly deviation: number;
  /** Number of exchange LP columns offered and used. */
  readonly exchanges: { offered: number; used: number };
}

/**
 * Exact correction of a uniform design toward `target` by single exchanges (see the module comment).
 * `null` when the exchange LP is infeasible with the exchanges offered.
 */
export function correctDesign(
  highs: Highs,
  compiled: Compiled,
  design: readonly GroupPanel[],
  target: Float64Array,
  budget: Budget,
  panelsPerGroup = 4,
  arcsPerPanel = 6,
): TargetLottery | null {
  const { groups, rows } = compiled;
  const G = groups.length;
  const R = rows.length;
  const M = design.length;
  const sizes = Int32Array.from(groups, (g) => g.members.length);
  const w0 = 1 / M;
  // Seats of each group in each design panel, and row counts of each panel.
  const have = new Float64Array(G);
  for (const p of design) for (let i = 0; i < p.groups.length; i++) have[p.groups[i]!]! += p.counts[i]! * w0;
  const need = new Float64Array(G);
  for (let g = 0; g < G; g++) need[g] = sizes[g]! * target[g]! - have[g]!;
  // Exchanges offered: into every group short of its target, from every member group of a few design
  // panels; and out of every group above its target, in a few of the panels that hold it, toward groups
  // short of theirs. Only exchanges that keep the panel within every quota. Panels are picked
  // deterministically, spread over the design.
  const rowCount = new Int32Array(M * R);
  const count = new Map<number, number>();
  const holders: number[][] = Array.from({ length: G }, () => []);
  design.forEach((p, j) => {
    for (let i = 0; i < p.groups.length; i++) {
      holders[p.groups[i]!]!.push(j);
      for (const r of groups[p.groups[i]!]!.rows) rowCount[j * R + r]! += p.counts[i]!;
      count.set(j * G + p.groups[i]!, p.counts[i]!);
    }
  });
  const fits = (j: number, h: number, g: number): boolean => {
    if ((count.get(j * G + g) ?? 0) >= sizes[g]!) return false;
    const rh = groups[h]!.rows;
    const rg = groups[g]!.rows;
    for (let c = 0; c < rg.length; c++) {
      if (rg[c] === rh[c]) continue;
      if (rowCount[j * R + rh[c]!]! - 1 < rows[rh[c]!]!.min || rowCount[j * R + rg[c]!]! + 1 > rows[rg[c]!]!.max) return false;
    }
    return true;
  };
  const seen = new Set<string>();
  const arcPanel: number[] = [];
  const arcOut: number[] = [];
  const arcIn: number[] = [];
  const offer = (j: number, h: number, g: number): boolean => {
    if (h === g || !fits(j, h, g)) return false;
    const key = `${j},${h},${g}`;
    if (seen.has(key)) return false;
    seen.add(key);
    arcPanel.push(j);
    arcOut.push(h);
    arcIn.push(g);
    return true;
  };
  const short: number[] = [];
  for (let g = 0; g < G; g++) if (need[g]! > NEED_EPS && target[g]! > 0) short.push(g);
  for (const g of short) {
    // Panels in a fixed pseudo-random order (a stride coprime with M), until enough of them take g.
    const stride = coprimeStride(M, g);
    let found = 0;
    for (let t = 0; t < Math.min(M, 16 * panelsPerGroup) && found < panelsPerGroup; t++) {
      const j = (g + t * stride) % M;
      let arcs = 0;
      const p = design[j]!;
      for (let i = 0; i < p.groups.length && arcs < arcsPerPanel; i++) if (offer(j, p.groups[i]!, g)) arcs++;
      if (arcs > 0) found++;
    }
  }
  for (let h = 0; h < G; h++) {
    if (need[h]! >= -NEED_EPS) continue;
    const list = holders[h]!;
    for (let t = 0; t < Math.min(panelsPerGroup, list.length); t++) {
      const j = list[Math.floor((t * list.length) / Math.min(panelsPerGroup, list.length))]!;
      // Toward groups short of their target first, then toward any group (a path on through it).
      let arcs = 0;
      for (let i = 0; i < short.length && arcs < arcsPerPanel / 2; i++) {
        if (offer(j, h, short[(h * 104729 + i) % short.length]!)) arcs++;
      }
      const stride = coprimeStride(G, h);
      for (let i = 0; i < G && arcs < arcsPerPanel; i++) if (offer(j, h, (h + i * stride) % G)) arcs++;
    }
  }
  const E = arcPanel.length;
  if (E === 0) return null;
  // LP: columns = exchanges (weight moved), rows = groups (seats gained − lost = need) then design panels
  // (weight given away ≤ 1/M). Minimise the weight moved.
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let e = 0; e < E; e++) {
    const lo = Math.min(arcOut[e]!, arcIn[e]!);
    const hi = Math.max(arcOut[e]!, arcIn[e]!);
    indices.push(lo, hi, G + arcPanel[e]!);
    values.push(lo === arcIn[e] ? 1 : -1, hi === arcIn[e] ? 1 : -1, 1);
    starts.push(indices.length);
  }
  const inf = highs.infinity;
  const model = highs.createModel({
    numCols: E,
    numRows: G + M,
    sense: highs.constants.objectiveSense.minimize,
    colCost: new Float64Array(E).fill(1),
    colLower: new Float64Array(E),
    colUpper: new Float64Array(E).fill(inf),
    rowLower: Float64Array.from([...need, ...new Array<number>(M).fill(-inf)]),
    rowUpper: Float64Array.from([...need, ...new Array<number>(M).fill(w0)]),
    matrix: { format: 'csc', numRows: G + M, numCols: E, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
  });
  let flow: Float64Array;
  try {
    model.options.set({ output_flag: false, solver: 'simplex', presolve: 'off', primal_feasibility_tolerance: 1e-10, time_limit: budget.remaining() });
    const status = model.run().modelStatus;
    if (status === highs.constants.modelStatus.timeLimit) throw new TimeLimitError('exchange LP', `time limit of ${budget.limitSeconds} s reached during the exchange LP`);
    if (status !== highs.constants.modelStatus.optimal) return null;
    flow = model.getSolution().colValue;
  } finally {
    model.dispose();
  }
  // The lottery: design panels with what they gave away subtracted, plus one exchanged panel per used
  // exchange.
  const weight = new Float64Array(M).fill(w0);
  const out = new Map<string, number>();
  const panels: GroupPanel[] = [];
  const weights: number[] = [];
  const push = (p: GroupPanel, wgt: number): void => {
    if (wgt <= 0) return;
    const key = panelKey(p);
    const at = out.get(key);
    if (at === undefined) {
      out.set(key, panels.length);
      panels.push(p);
      weights.push(wgt);
    } else weights[at]! += wgt;
  };
  let used = 0;
  const exchanged: [GroupPanel, number][] = [];
  for (let e = 0; e < E; e++) {
    const f = flow[e]!;
    if (!(f > 1e-15)) continue;
    used++;
    weight[arcPanel[e]!]! -= f;
    exchanged.push([exchange(design[arcPanel[e]!]!, arcOut[e]!, arcIn[e]!), f]);
  }
  for (let j = 0; j < M; j++) push(design[j]!, Math.max(0, weight[j]!));
  for (const [p, f] of exchanged) push(p, f);
  let sum = 0;
  for (const x of weights) sum += x;
  for (let i = 0; i < weights.length; i++) weights[i]! /= sum;
  const probability = new Float64Array(G);
  panels.forEach((p, j) => {
    for (let i = 0; i < p.groups.length; i++) probability[p.groups[i]!]! += (weights[j]! * p.counts[i]!) / sizes[p.groups[i]!]!;
  });
  let deviation = 0;
  for (let g = 0; g < G; g++) deviation = Math.max(deviation, Math.abs(probability[g]! - target[g]!));
  return { panels, weights, deviation, exchanges: { offered: E, used } };
}

/** A step through 0..m−1 that visits every index (coprime with m), varying with `salt`. */
function coprimeStride(m: number, salt: number): number {
  let s = 1 + ((salt * 2654435761) % Math.max(1, m - 1));
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  while (gcd(s, m) !== 1) s++;
  return s % m || 1;
}

/** `p` with one member of group `out` exchanged for one of group `into`. */
function exchange(p: GroupPanel, out: number, into: number): GroupPanel {
  const counts = new Map<number, number>();
  for (let i = 0; i < p.groups.length; i++) counts.set(p.groups[i]!, p.counts[i]!);
  counts.set(out, counts.get(out)! - 1);
  counts.set(into, (counts.get(into) ?? 0) + 1);
  const gs = [...counts.keys()].filter((g) => counts.get(g)! > 0).sort((a, b) => a - b);
  return { groups: Int32Array.from(gs), counts: Int32Array.from(gs, (g) => counts.get(g)!) };
}

/** Result of `leximinByRelaxation`. */
export interface RelaxationLottery {
  readonly panels: GroupPanel[];
  readonly weights: number[];
  /** Each group's probability in the lottery. */
  readonly groupProbability: Float64Array;
  readonly relaxed: RelaxedLeximin;
  /** Largest |probability − relaxed LEXIMIN value| over the groups. */
  readonly deviation: number;
  /** Panels in the design, and exchanges offered / used by the correction. */
  readonly designPanels: number;
  readonly exchanges: { offered: number; used: number };
  readonly lpCalls: number;
  readonly seconds: { relaxation: number; design: number; exchange: number };
}

/** Largest allowed |probability − target|: the answer must be the relaxed LEXIMIN point to this tolerance. */
const TARGET_TOL = 1e-9;
/** Swaps tried per seat of the design before giving up. */
const DESIGN_MOVES_PER_SLOT = 20;
/** …and swaps per seat in a row without progress (measured: sf150's design, which cannot succeed, gave up
 * after 1.5 s at the full count). */
const DESIGN_STALL_PER_SLOT = 3;

/**
 * The design size m: the smallest in [G/3, 2G] (at least 10, at most 2,500) whose rounding moves at most
 * 10 % of the lottery's weight, Σ_g |m·n_g·p_g − round(m·n_g·p_g)| / m, else the one that moves the least.
 * Level values are ratios, and some m are close to a common multiple of their denominators
 * (synth5000-skew: 1,285 panels move 6 % of the weight, 1,000 panels 126 %, more than single exchanges
 * can carry).
 */
export function designSize(compiled: Compiled, probability: Float64Array): number {
  const G = compiled.groups.length;
  const seats = Float64Array.from(compiled.groups, (g, i) => g.members.length * probability[i]!);
  const lo = Math.max(10, Math.ceil(G / 3));
  const hi = Math.max(lo, Math.min(2500, 2 * G));
  let best = lo;
  let bestVolume = Infinity;
  for (let m = lo; m <= hi; m++) {
    let v = 0;
    for (let g = 0; g < G; g++) {
      const x = m * seats[g]!;
      v += Math.abs(x - Math.round(x));
    }
    if (v / m <= 0.1) return m;
    if (v / m < bestVolume - 1e-12) {
      bestVolume = v / m;
      best = m;
    }
  }
  return best;
}

/**
 * The LEXIMIN lottery through the relaxation (see the module comment), or `null` when this route does not
 * reach the relaxed LEXIMIN point (the caller then runs column generation). Not under the household rule.
 */
export function leximinByRelaxation(highs: Highs, compiled: Compiled, budget: Budget): RelaxationLottery | null {
  if (compiled.households.length > 0) return null;
  const G = compiled.groups.length;
  const t0 = budget.elapsed();
  const relaxed = relaxedLeximin(highs, compiled, [...Array(G).keys()], budget);
  if (relaxed === null) return null;
  const t1 = budget.elapsed();
  const m = designSize(compiled, relaxed.probability);
  const units = roundUnits(compiled, relaxed.probability, m);
  if (units === null) return null;
  budget.check('relaxation design');
  const design = dealDesign(compiled, units, m, DESIGN_MOVES_PER_SLOT * m * compiled.seats, DESIGN_STALL_PER_SLOT * m * compiled.seats);
  const t2 = budget.elapsed();
  if (design === null) return null;
  const lottery = correctDesign(highs, compiled, design, relaxed.probability, budget);
  const t3 = budget.elapsed();
  if (lottery === null || lottery.deviation > TARGET_TOL) return null;
  const sizes = compiled.groups.map((g) => g.members.length);
  const groupProbability = new Float64Array(G);
  lottery.panels.forEach((p, j) => {
    for (let i = 0; i < p.groups.length; i++) groupProbability[p.groups[i]!]! += (lottery.weights[j]! * p.counts[i]!) / sizes[p.groups[i]!]!;
  });
  return {
    panels: lottery.panels,
    weights: lottery.weights,
    groupProbability,
    relaxed,
    deviation: lottery.deviation,
    designPanels: design.length,
    exchanges: lottery.exchanges,
    lpCalls: relaxed.levels + 1,
    seconds: { relaxation: t1 - t0, design: t2 - t1, exchange: t3 - t2 },
  };
}
