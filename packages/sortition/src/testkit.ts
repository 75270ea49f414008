/**
 * Helpers shared by the tests (not exported from the package): locating the shared reference data and
 * generating small random pools.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRandom, randomFloat, randomInt, type Category, type Compiled, type Highs, type Person, type SelectionProblem, type Lottery } from './index.ts';

/** The shared data folder: $TINGSTED_DATA, else <repo root>/../shared/data. */
export const DATA_DIR = process.env['TINGSTED_DATA'] ?? fileURLToPath(new URL('../../../../shared/data', import.meta.url));

/** Reads a file under the data folder, or undefined when the folder is absent. */
export function dataFile(relative: string): string | undefined {
  const path = `${DATA_DIR}/${relative}`;
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/**
 * A random small pool: n people, 2–3 categories with 2–3 values, quotas in a band around the
 * proportional share, optionally households of up to 3 people.
 */
export function randomProblem(seed: number, n: number, k: number, households: boolean): SelectionProblem {
  const random = createRandom(`pool-${seed}`);
  const C = 2 + randomInt(random, 2);
  const valueCounts = Array.from({ length: C }, () => 2 + randomInt(random, 2));
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const values: Record<string, string> = {};
    valueCounts.forEach((V, c) => {
      // Skewed: value 0 is the most common.
      const v = Math.min(V - 1, Math.floor(randomInt(random, 100) / (100 / (V + 1))));
      values[`c${c}`] = `v${v}`;
    });
    const household = households ? `h${Math.floor(i / (1 + randomInt(random, 3)))}` : undefined;
    people.push(household === undefined ? { id: `p${i}`, values } : { id: `p${i}`, values, household });
  }
  const categories: Category[] = valueCounts.map((V, c) => ({
    name: `c${c}`,
    values: Array.from({ length: V }, (_, v) => {
      const count = people.filter((p) => p.values[`c${c}`] === `v${v}`).length;
      const share = (count / n) * k;
      return { value: `v${v}`, min: Math.max(0, Math.floor(share) - 1), max: Math.min(k, Math.ceil(share) + 1) };
    }),
  }));
  return { people, categories, k, householdRule: households };
}

/** Every panel of a lottery, expanded with the first members of each group (groups are interchangeable). */
export function supportPanels(lottery: Lottery): string[][] {
  return lottery.panels.map((p) => [...lottery.alreadySelected, ...p.counts.flatMap(([g, c]) => lottery.groups[g]!.slice(0, c))]);
}

/** Quota style of `realisticPool`. */
export type PoolQuotas = 'exact' | 'nested' | 'near-infeasible';

/** Options of `realisticPool`. */
export interface RealisticPoolOptions {
  readonly n: number;
  readonly k: number;
  /**
   * `exact`: min = max on every value, taken from one panel drawn from the pool (so a panel exists).
   * `nested`: the same, plus a coarse age category (under / over 45) whose values are unions of the age
   * bands, and an area category split into urban / rural (rows that repeat other rows' sums).
   * `near-infeasible`: exact quotas from a panel holding as many people with the two rarest values as a
   * quarter of the seats allows (all of them when few: the quota then equals the candidates available).
   */
  readonly quotas: PoolQuotas;
  /** Use only the first this many of the seven categories (default 7; at least 4 for `nested`), for pools small enough to enumerate. */
  readonly categories?: number;
}

interface Feature {
  readonly name: string;
  readonly values: readonly string[];
}

/** The seven categories of `realisticPool` (2–4 values each). */
const FEATURES: readonly Feature[] = [
  { name: 'gender', values: ['female', 'male'] },
  { name: 'age', values: ['16-29', '30-44', '45-64', '65+'] },
  { name: 'education', values: ['basic', 'vocational', 'university'] },
  { name: 'area', values: ['centre', 'suburbs', 'town', 'rural'] },
  { name: 'work', values: ['employed', 'student', 'retired', 'other'] },
  { name: 'housing', values: ['owner', 'renter'] },
  { name: 'origin', values: ['born here', 'born abroad'] },
];

/** Index drawn from unnormalised weights. */
function pick(random: ReturnType<typeof createRandom>, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = randomFloat(random) * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/**
 * A respondent pool like the ones municipalities get back from invitation letters: older, more educated
 * and more often home-owning people answer more, and the features are correlated (age drives work,
 * education and housing; area drives housing and origin; students are young, retired people old), so
 * several profiles are rare or absent. The quotas are exact (min = max) and come from one panel of k people
 * drawn with weights that favour the under-represented profiles, as census-based quotas do — so a panel
 * meeting every quota exists by construction, while the quotas are not proportional to the pool.
 * Deterministic in `seed`.
 */
export function realisticPool(seed: number, options: RealisticPoolOptions): SelectionProblem {
  const { n, k, quotas } = options;
  const random = createRandom(`realistic-pool-${seed}`);
  const people: Person[] = [];
  const propensity: number[] = [];
  for (let i = 0; i < n; i++) {
    const age = pick(random, [0.14, 0.22, 0.36, 0.28]);
    const gender = pick(random, age === 3 ? [0.45, 0.55] : [0.53, 0.47]);
    const education = pick(random, [[0.3, 0.3, 0.4], [0.15, 0.35, 0.5], [0.25, 0.4, 0.35], [0.45, 0.35, 0.2]][age]!);
    const area = pick(random, [0.3, 0.3, 0.25, 0.15]);
    const work = pick(
      random,
      [
        [0.35, 0.55, 0, 0.1],
        [0.85, 0.04, 0, 0.11],
        [0.78, 0.01, 0.08, 0.13],
        [0.08, 0, 0.9, 0.02],
      ][age]!,
    );
    const owner = [0.15, 0.45, 0.7, 0.75][age]! * [0.6, 1.1, 1.1, 1.3][area]!;
    const housing = pick(random, [owner, 1 - Math.min(0.95, owner)]);
    const origin = pick(random, area === 0 ? [0.8, 0.2] : area === 3 ? [0.97, 0.03] : [0.9, 0.1]);
    const index = [gender, age, education, area, work, housing, origin];
    const values: Record<string, string> = {};
    FEATURES.forEach((f, c) => {
      if (c < (options.categories ?? FEATURES.length)) values[f.name] = f.values[index[c]!]!;
    });
    if (quotas === 'nested') {
      values['age group'] = age < 2 ? 'under 45' : '45 and over';
      values['settlement'] = area < 2 ? 'urban' : 'non-urban';
    }
    people.push({ id: `r${String(i).padStart(3, '0')}`, values });
    // Quotas follow the population, where young, less educated, renting and foreign-born people are more
    // common than among respondents: the panel behind the quotas is drawn with these weights.
    propensity.push([2.2, 1.2, 0.8, 0.7][age]! * [1.3, 1, 0.8][education]! * (housing === 1 ? 1.3 : 1) * (origin === 1 ? 1.6 : 1));
  }
  const kept = FEATURES.slice(0, options.categories ?? FEATURES.length).map((f) => f.name);
  const names = quotas === 'nested' ? [...kept, 'age group', 'settlement'] : kept;
  const valuesOf = (name: string): string[] =>
    name === 'age group' ? ['under 45', '45 and over'] : name === 'settlement' ? ['urban', 'non-urban'] : [...FEATURES.find((f) => f.name === name)!.values];
  const panel = new Set<number>();
  if (quotas === 'near-infeasible') {
    // The panel behind the quotas takes as many holders of the two rarest values (of two categories) as a
    // quarter of the seats allows — all of them when there are few: those quotas are far from the pool's
    // shares, or equal to the candidates available, so very few panels meet them.
    const rare = names
      .flatMap((name) => valuesOf(name).map((value) => ({ name, value, count: people.filter((p) => p.values[name] === value).length })))
      .filter((v) => v.count > 0)
      .sort((a, b) => a.count - b.count || a.name.localeCompare(b.name) || a.value.localeCompare(b.value));
    const first = rare[0];
    const second = rare.find((v) => first !== undefined && v.name !== first.name);
    for (const v of [first, second]) {
      if (v === undefined) continue;
      let seated = 0;
      people.forEach((p, i) => {
        if (p.values[v.name] === v.value && seated < Math.floor(k / 4) && !panel.has(i)) {
          panel.add(i);
          seated++;
        }
      });
    }
  }
  const weights = propensity.slice();
  for (const i of panel) weights[i] = 0;
  while (panel.size < k) {
    const i = pick(random, weights);
    panel.add(i);
    weights[i] = 0;
  }
  const categories: Category[] = names.map((name) => ({
    name,
    values: valuesOf(name).map((value) => {
      let count = 0;
      for (const i of panel) if (people[i]!.values[name] === value) count++;
      return { value, min: count, max: count };
    }),
  }));
  return { people, categories, k };
}

/**
 * Every panel of a small problem, as counts per group of the compiled problem (no households): a
 * depth-first enumeration with the quota rows checked as groups are added. Throws past `limit` panels.
 */
export function allPanels(compiled: Compiled, limit = 200_000): Int32Array[] {
  const { groups, rows, seats } = compiled;
  const G = groups.length;
  const count = new Int32Array(rows.length);
  // How many more members each row can still receive from groups g.. (to prune unreachable minimums).
  const reach = Array.from({ length: G + 1 }, () => new Int32Array(rows.length));
  for (let g = G - 1; g >= 0; g--) {
    reach[g]!.set(reach[g + 1]!);
    for (const r of groups[g]!.rows) reach[g]![r]! += groups[g]!.members.length;
  }
  const x = new Int32Array(G);
  const out: Int32Array[] = [];
  const visit = (g: number, left: number): void => {
    for (let r = 0; r < rows.length; r++) if (count[r]! + Math.min(left, reach[g]![r]!) < rows[r]!.min) return;
    if (left === 0) {
      if (rows.every((row, r) => count[r]! >= row.min)) {
        if (out.length >= limit) throw new Error(`more than ${limit} panels`);
        out.push(x.slice());
      }
      return;
    }
    if (g === G) return;
    const gr = groups[g]!.rows;
    let most = Math.min(left, groups[g]!.members.length);
    for (const r of gr) most = Math.min(most, rows[r]!.max - count[r]!);
    for (let c = most; c >= 0; c--) {
      x[g] = c;
      for (const r of gr) count[r]! += c;
      visit(g + 1, left - c);
      for (const r of gr) count[r]! -= c;
    }
    x[g] = 0;
  };
  visit(0, seats);
  return out;
}

/**
 * LEXIMIN over an explicit list of panels, solved the slow, textbook way as an independent check of
 * column generation: each level maximises the smallest probability among groups not yet fixed; then each
 * such group is fixed when a second LP shows it cannot get more than the level's value without another
 * falling below it (no duals involved). Returns each group's probability (per member).
 */
export function leximinOverPanels(highs: Highs, compiled: Compiled, panels: readonly Int32Array[]): Float64Array {
  const G = compiled.groups.length;
  const sizes = compiled.groups.map((g) => g.members.length);
  const P = panels.length;
  const inGroup = (g: number): boolean => panels.some((x) => x[g]! > 0);
  const fixed = new Map<number, number>();
  for (let g = 0; g < G; g++) if (!inGroup(g)) fixed.set(g, 0);
  // Columns: π_1..π_P, z. Rows: one per group (p_g − z·[unfixed] ≥ fixed value or 0), Σπ = 1.
  const solve = (objective: 'z' | number, level: number | undefined): { status: number; value: number } => {
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const x of panels) {
      for (let g = 0; g < G; g++) {
        if (x[g]! > 0) {
          indices.push(g);
          values.push(x[g]! / sizes[g]!);
        }
      }
      indices.push(G);
      values.push(1);
      starts.push(indices.length);
    }
    for (let g = 0; g < G; g++) {
      if (!fixed.has(g)) {
        indices.push(g);
        values.push(-1);
      }
    }
    starts.push(indices.length);
    const colCost = new Float64Array(P + 1);
    if (objective === 'z') colCost[P] = 1;
    const model = highs.createModel({
      numCols: P + 1,
      numRows: G + 1,
      sense: highs.constants.objectiveSense.maximize,
      colCost,
      colLower: new Float64Array(P + 1),
      colUpper: new Float64Array(P + 1).fill(1),
      rowLower: [...Array.from({ length: G }, (_, g) => fixed.get(g) ?? 0), 1],
      rowUpper: [...new Array<number>(G).fill(highs.infinity), 1],
      matrix: { format: 'csc', numRows: G + 1, numCols: P + 1, starts, indices, values },
    });
    try {
      model.options.set({ output_flag: false, primal_feasibility_tolerance: 1e-9, dual_feasibility_tolerance: 1e-9 });
      if (objective !== 'z') {
        // Maximise group `objective`'s probability with z held at the level's value.
        model.changeColBounds(P, level!, level!);
        const cost = new Float64Array(P + 1);
        panels.forEach((x, j) => (cost[j] = x[objective]! / sizes[objective]!));
        model.changeColsCost({ kind: 'range', from: 0, to: P }, cost);
      }
      const status = model.run().modelStatus;
      return { status, value: model.getObjectiveValue() };
    } finally {
      model.dispose();
    }
  };
  while (fixed.size < G) {
    const level = solve('z', undefined);
    if (level.status !== highs.constants.modelStatus.optimal) throw new Error(`level LP ended with status ${level.status}`);
    const z = level.value;
    // Some group cannot rise above z (else a mixture would lift them all); tolerance for the LP's own.
    let lowest = { g: -1, value: Infinity };
    let progress = false;
    for (let g = 0; g < G; g++) {
      if (fixed.has(g)) continue;
      const most = solve(g, z - 1e-9);
      if (most.status !== highs.constants.modelStatus.optimal) throw new Error(`LP for group ${g} ended with status ${most.status}`);
      if (most.value < lowest.value) lowest = { g, value: most.value };
      if (most.value <= z + 1e-7) {
        fixed.set(g, z - 1e-9);
        progress = true;
      }
    }
    if (!progress) {
      if (lowest.value > z + 1e-5) throw new Error(`no group is tight at level value ${z} (lowest maximum ${lowest.value})`);
      fixed.set(lowest.g, z - 1e-9);
    }
  }
  const out = new Float64Array(G);
  for (const [g, v] of fixed) out[g] = Math.max(0, v + 1e-9);
  return out;
}
