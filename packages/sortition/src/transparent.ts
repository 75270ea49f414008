/**
 * Transparent draw (Flanigan, Kehne, Procaccia, "Fair sortition made transparent", NeurIPS 2021): round the
 * lottery to m equally likely panels, publish the list and its SHA-256 hash before the draw, then pick the
 * index from a public seed. Anyone can re-compute the index and panel with `verifyDraw`.
 */
import type { Analysis, Lottery } from './select.ts';
import { csvField } from '@tingsted/csv';
import { readCsvTable } from './formats.ts';
import { sha256Bytes, sha256Hex } from '@tingsted/random';
import { Budget, loadSolver, type Highs } from './solver.ts';

/** m equally likely panels, ready to publish. */
export interface UniformLottery {
  readonly m: number;
  /** The m panels (ids in pool order), index 0 … m−1. */
  readonly panels: readonly (readonly string[])[];
  /** The published text: one panel per line, ids comma-separated (CSV quoting), LF line ends. */
  readonly text: string;
  /** SHA-256 of `text` (hex). */
  readonly hash: string;
  /** Largest |count/m − probability| over all pool members. */
  readonly maxDeviation: number;
  /** Id of a person with the largest deviation (first in pool order). */
  readonly maxDeviationId: string;
}

/** Options for `roundToUniform`. */
export interface RoundOptions {
  /** Number of panels (default 1000). */
  readonly m?: number;
  /** Seconds for the integer program that improves the simple rounding (default 5). */
  readonly timeLimitSeconds?: number;
  readonly highs?: Highs;
  readonly now?: () => number;
}

/**
 * Rounds the analysis' lottery to m equally likely panels. Panel multiplicities start from largest-remainder
 * rounding of m·probability (ties to the lower index) and are improved by an integer program minimising
 * the largest deviation of any group's expected share (within the time limit; the better of the two is
 * kept). Members of a group are then assigned to the group's seats round-robin in pool order, so within a
 * group counts differ by at most one.
 */
export async function roundToUniform(
  analysis: Analysis,
  peopleOrder: readonly string[],
  options: RoundOptions = {},
): Promise<UniformLottery> {
  const m = options.m ?? 1000;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`m must be a positive integer (got ${m})`);
  const { lottery } = analysis;
  const P = lottery.panels.length;
  const G = lottery.groups.length;
  const sizes = lottery.groups.map((g) => g.length);
  // Group share of each panel per member, and target group probabilities.
  const target = new Float64Array(G);
  lottery.panels.forEach((p) => {
    for (const [g, c] of p.counts) target[g]! += (p.probability * c) / sizes[g]!;
  });
  const deviation = (mult: Int32Array): number => {
    const share = new Float64Array(G);
    lottery.panels.forEach((p, j) => {
      for (const [g, c] of p.counts) share[g]! += (mult[j]! * c) / sizes[g]!;
    });
    let worst = 0;
    for (let g = 0; g < G; g++) worst = Math.max(worst, Math.abs(share[g]! / m - target[g]!));
    return worst;
  };
  const simple = largestRemainder(
    lottery.panels.map((p) => p.probability),
    m,
  );
  let best = simple;
  let bestDev = deviation(simple);
  const highs = options.highs ?? (await loadSolver());
  const improved = improveByIlp(
    highs,
    lottery,
    m,
    target,
    sizes,
    simple,
    new Budget(options.timeLimitSeconds ?? 5, options.now ?? (() => globalThis.performance.now())),
  );
  if (improved !== null) {
    const d = deviation(improved);
    if (d < bestDev - 1e-15) {
      best = improved;
      bestDev = d;
    }
  }
  // Expand to explicit panels.
  const cursor = new Int32Array(G);
  const rank = new Map(peopleOrder.map((id, i) => [id, i] as const));
  const panels: string[][] = [];
  for (let j = 0; j < P; j++) {
    for (let copy = 0; copy < best[j]!; copy++) {
      const ids = [...lottery.alreadySelected];
      for (const [g, c] of lottery.panels[j]!.counts) {
        const members = lottery.groups[g]!;
        for (let t = 0; t < c; t++) {
          ids.push(members[cursor[g]!]!);
          cursor[g] = (cursor[g]! + 1) % members.length;
        }
      }
      ids.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
      panels.push(ids);
    }
  }
  const count = new Map<string, number>();
  for (const panel of panels) for (const id of panel) count.set(id, (count.get(id) ?? 0) + 1);
  let maxDeviation = 0;
  let maxDeviationId = peopleOrder[0] ?? '';
  for (const id of peopleOrder) {
    const d = Math.abs((count.get(id) ?? 0) / m - (analysis.probabilities[id] ?? 0));
    if (d > maxDeviation + 1e-15) {
      maxDeviation = d;
      maxDeviationId = id;
    }
  }
  const text = lotteryText(panels);
  return { m, panels, text, hash: sha256Hex(text), maxDeviation, maxDeviationId };
}

/** The canonical published text of a list of panels. */
export function lotteryText(panels: readonly (readonly string[])[]): string {
  return panels.map((p) => p.map((id) => csvField(id)).join(',')).join('\n') + '\n';
}

/** Parses published lottery text back into panels. */
export function parseLotteryText(text: string): readonly (readonly string[])[] {
  const parsed = readCsvTable('header\n' + text, 'lottery');
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.table.records.map((r) => r.fields);
}

/**
 * Index drawn from a public seed: a seed of decimal digits only (e.g. lottery balls) gives seed mod m;
 * any other text gives the SHA-256 of "tingsted-sortition-draw:" + seed, read as a big-endian integer, mod m.
 */
export function drawIndex(publicSeed: string, m: number): number {
  const trimmed = publicSeed.trim();
  if (/^\d+$/.test(trimmed)) return Number(BigInt(trimmed) % BigInt(m));
  const digest = sha256Bytes(new TextEncoder().encode(`tingsted-sortition-draw:${trimmed}`));
  let value = 0n;
  for (const byte of digest) value = (value << 8n) | BigInt(byte);
  return Number(value % BigInt(m));
}

/** Outcome of `verifyDraw`. */
export interface Verification {
  /** True when the hash (if given) matches and the claimed panel/index (if given) is the drawn one. */
  readonly ok: boolean;
  readonly hash: string;
  readonly hashMatches?: boolean;
  readonly m: number;
  readonly index: number;
  readonly panel: readonly string[];
  readonly panelMatches?: boolean;
  readonly detail: string;
}

/** Re-computes a transparent draw from the published list, its hash and the public seed. */
export function verifyDraw(input: {
  readonly lotteryText: string;
  readonly publicSeed: string;
  readonly publishedHash?: string;
  readonly claimedPanel?: readonly string[];
  readonly claimedIndex?: number;
}): Verification {
  const hash = sha256Hex(input.lotteryText);
  const panels = parseLotteryText(input.lotteryText);
  const m = panels.length;
  const index = drawIndex(input.publicSeed, m);
  const panel = panels[index] ?? [];
  const hashMatches =
    input.publishedHash === undefined ? undefined : input.publishedHash.trim().toLowerCase() === hash;
  let panelMatches: boolean | undefined;
  if (input.claimedPanel !== undefined) {
    const a = [...input.claimedPanel].sort(compareText);
    const b = [...panel].sort(compareText);
    panelMatches = a.length === b.length && a.every((id, i) => id === b[i]);
  }
  if (input.claimedIndex !== undefined) panelMatches = (panelMatches ?? true) && input.claimedIndex === index;
  const ok = hashMatches !== false && panelMatches !== false;
  const parts = [
    `list of ${m} panels, SHA-256 ${hash}`,
    hashMatches === undefined
      ? 'no published hash given'
      : hashMatches
        ? 'hash matches the published hash'
        : 'HASH DOES NOT MATCH the published hash',
    `public seed "${input.publicSeed}" → index ${index}`,
    panelMatches === undefined
      ? `drawn panel: ${panel.join(', ')}`
      : panelMatches
        ? 'claimed panel matches the draw'
        : 'CLAIMED PANEL DOES NOT MATCH the draw',
  ];
  return {
    ok,
    hash,
    ...(hashMatches !== undefined ? { hashMatches } : {}),
    m,
    index,
    panel,
    ...(panelMatches !== undefined ? { panelMatches } : {}),
    detail: parts.join('\n'),
  };
}

function largestRemainder(probabilities: readonly number[], m: number): Int32Array {
  const total = probabilities.reduce((s, p) => s + p, 0);
  const exact = probabilities.map((p) => (p / total) * m);
  const out = Int32Array.from(exact.map((x) => Math.floor(x + 1e-12)));
  let missing = m - out.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, j) => [x - Math.floor(x + 1e-12), j] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let t = 0; missing > 0; t = (t + 1) % order.length, missing--) out[order[t]![1]]!++;
  return out;
}

function improveByIlp(
  highs: Highs,
  lottery: Lottery,
  m: number,
  target: Float64Array,
  sizes: readonly number[],
  start: Int32Array,
  budget: Budget,
): Int32Array | null {
  const P = lottery.panels.length;
  const G = target.length;
  // Columns: c_j (P), t. Rows: Σ c = m; for each group: share_g − m·t ≤ m·target and share_g + m·t ≥ m·target.
  const rowsOf: [number, number][][] = lottery.panels.map((p) =>
    p.counts.map(([g, c]) => [g, c / sizes[g]!] as [number, number]),
  );
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < P; j++) {
    indices.push(0);
    values.push(1);
    const entries = [...rowsOf[j]!].sort((a, b) => a[0] - b[0]);
    for (const [g, v] of entries) {
      indices.push(1 + g);
      values.push(v);
    }
    for (const [g, v] of entries) {
      indices.push(1 + G + g);
      values.push(v);
    }
    starts.push(indices.length);
  }
  for (let g = 0; g < G; g++) {
    indices.push(1 + g);
    values.push(-m);
  }
  for (let g = 0; g < G; g++) {
    indices.push(1 + G + g);
    values.push(m);
  }
  starts.push(indices.length);
  const inf = highs.infinity;
  const numRows = 1 + 2 * G;
  const rowLower = [m, ...new Array<number>(G).fill(-inf), ...Array.from(target, (x) => m * x)];
  const rowUpper = [m, ...Array.from(target, (x) => m * x), ...new Array<number>(G).fill(inf)];
  const integrality = new Int32Array(P + 1).fill(highs.constants.variableType.integer);
  integrality[P] = highs.constants.variableType.continuous;
  const colCost = new Float64Array(P + 1);
  colCost[P] = 1;
  const model = highs.createModel({
    numCols: P + 1,
    numRows,
    sense: highs.constants.objectiveSense.minimize,
    colCost,
    colLower: new Float64Array(P + 1),
    colUpper: Float64Array.from({ length: P + 1 }, (_, j) => (j < P ? m : 1)),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols: P + 1, starts, indices, values },
    integrality,
  });
  try {
    model.options.set({ output_flag: false, time_limit: budget.remaining(), mip_rel_gap: 1e-4 });
    let worst = 0;
    const share = new Float64Array(G);
    rowsOf.forEach((entries, j) => entries.forEach(([g, v]) => (share[g]! += start[j]! * v)));
    for (let g = 0; g < G; g++) worst = Math.max(worst, Math.abs(share[g]! / m - target[g]!));
    model.setSolution({
      colValue: Float64Array.from({ length: P + 1 }, (_, j) => (j < P ? start[j]! : worst + 1e-12)),
    });
    model.run();
    const status = model.getModelStatus();
    const ms = highs.constants.modelStatus;
    if (status !== ms.optimal && status !== ms.timeLimit) return null;
    const x = model.getSolution().colValue;
    const out = Int32Array.from({ length: P }, (_, j) => Math.round(x[j]!));
    if (out.reduce((s, v) => s + v, 0) !== m) return null;
    return out;
  } catch {
    return null;
  } finally {
    model.dispose();
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
