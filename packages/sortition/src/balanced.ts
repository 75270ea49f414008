/**
 * Balanced designs: a shortcut for pools where every candidate can have the same probability.
 *
 * The probabilities of the N candidates sum to the number of seats K, so no lottery gives everyone more
 * than K/N. If m panels exist in which every candidate sits exactly r times (m·K = r·N), the uniform
 * lottery over them gives everyone exactly K/N — the LEXIMIN (and MAXIMIN) optimum, with every level fixed
 * at once and no LP needed. We look for such a design with the smallest r (m = N / gcd(N, K)): units are
 * dealt round-robin into the m panels, groups ordered by profile so that similar people are spread, then a
 * seeded local search swaps units between panels until every panel meets every quota, or gives up after a
 * bounded number of moves (the caller then uses column generation as usual). A necessary condition is
 * checked first: each quota row must admit its average share K·available/N.
 */
import type { Compiled } from './model.ts';
import type { GroupPanel } from './oracle.ts';
import { randomFloat, randomInt } from '@tingsted/random';
import { createRandom } from './seed.ts';

/** Largest number of panels a design may have. */
const MAX_PANELS = 400;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * Panels of a balanced design (every candidate in the same number of them, every panel meeting every
 * quota), or `null` when none was found within `maxMoves` local-search moves or the design would need more
 * than 400 panels. Not for problems with the household rule. Deterministic (fixed internal seed).
 */
export function balancedDesign(compiled: Compiled, maxMoves = 1_500_000): GroupPanel[] | null {
  const { groups, rows } = compiled;
  if (compiled.households.length > 0) return null;
  const G = groups.length;
  const R = rows.length;
  const K = compiled.seats;
  const sizes = Int32Array.from(groups, (g) => g.members.length);
  let N = 0;
  for (const s of sizes) N += s;
  if (K < 1 || N < K) return null;
  const d = gcd(N, K);
  const m = N / d;
  const r = K / d;
  if (m > MAX_PANELS || m * G > 5_000_000) return null;
  // Necessary: the average count of every row across the m panels lies within its quota.
  const available = new Float64Array(R);
  for (let g = 0; g < G; g++) for (const row of groups[g]!.rows) available[row]! += sizes[g]!;
  for (let row = 0; row < R; row++) {
    const mean = (available[row]! * K) / N;
    if (mean < rows[row]!.min - 1e-9 || mean > rows[row]!.max + 1e-9) return null;
  }
  const units = new Int32Array(G);
  for (let g = 0; g < G; g++) units[g] = r * sizes[g]!;
  return dealDesign(compiled, units, m, maxMoves);
}

/**
 * Panels in which group g sits `units[g]` times in all (Σ units = m · seats): units are dealt round-robin
 * into the m panels, groups ordered by profile so that similar people are spread, then a seeded local
 * search swaps units between two panels (a violated one and a random other; improving swaps always, equal
 * ones with probability 0.3) until every panel meets every quota. `null` when `maxMoves` swaps did not
 * get there (or `stallMoves` swaps in a row did not lower the total violation), or when a group would
 * need more seats in a panel than it has members. Deterministic (fixed
 * internal seed). Not for problems with the household rule.
 */
export function dealDesign(compiled: Compiled, units: Int32Array, m: number, maxMoves: number, stallMoves = Infinity): GroupPanel[] | null {
  const { groups, rows } = compiled;
  const G = groups.length;
  const R = rows.length;
  const K = compiled.seats;
  const sizes = Int32Array.from(groups, (g) => g.members.length);
  let totalUnits = 0;
  for (let g = 0; g < G; g++) {
    if (units[g]! < 0 || units[g]! > m * sizes[g]!) return null;
    totalUnits += units[g]!;
  }
  if (totalUnits !== m * K) return null;
  // Deal units round-robin, groups ordered by their quota rows (profile), so each panel gets an even spread.
  const order = [...Array(G).keys()].sort((a, b) => {
    const ra = groups[a]!.rows;
    const rb = groups[b]!.rows;
    for (let c = 0; c < ra.length; c++) if (ra[c] !== rb[c]) return ra[c]! - rb[c]!;
    return a - b;
  });
  const slots = Array.from({ length: m }, () => new Int32Array(K));
  const count = new Int32Array(m * G); // members of group g in panel j: count[j * G + g]
  const rowCount = new Int32Array(m * R);
  let t = 0;
  for (const g of order) {
    for (let u = 0; u < units[g]!; u++, t++) {
      const j = t % m;
      slots[j]![Math.floor(t / m)] = g;
      count[j * G + g]!++;
      for (const row of groups[g]!.rows) rowCount[j * R + row]!++;
    }
  }
  const excess = (row: number, c: number): number => {
    const q = rows[row]!;
    return c < q.min ? q.min - c : c > q.max ? c - q.max : 0;
  };
  const panelViolation = new Float64Array(m);
  let total = 0;
  for (let j = 0; j < m; j++) {
    let v = 0;
    for (let row = 0; row < R; row++) v += excess(row, rowCount[j * R + row]!);
    panelViolation[j] = v;
    total += v;
  }
  const random = createRandom('tingsted-sortition:balanced-design');
  const violated: number[] = [];
  let best = Infinity;
  let bestAt = 0;
  for (let move = 0; move < maxMoves && total > 0; move++) {
    if (total < best) {
      best = total;
      bestAt = move;
    } else if (move - bestAt > stallMoves) break;
    if (move % 64 === 0 || violated.length === 0) {
      violated.length = 0;
      for (let j = 0; j < m; j++) if (panelViolation[j]! > 0) violated.push(j);
      if (violated.length === 0) break;
    }
    const i = violated[randomInt(random, violated.length)]!;
    if (panelViolation[i] === 0) continue;
    let j = randomInt(random, m - 1);
    if (j >= i) j++;
    const pi = randomInt(random, K);
    const pj = randomInt(random, K);
    const a = slots[i]![pi]!;
    const b = slots[j]![pj]!;
    if (a === b) continue;
    if (count[i * G + b]! >= sizes[b]! || count[j * G + a]! >= sizes[a]!) continue;
    // Change in violation when a moves i → j and b moves j → i.
    const ra = groups[a]!.rows;
    const rb = groups[b]!.rows;
    let delta = 0;
    for (let c = 0; c < ra.length; c++) {
      const x = ra[c]!;
      const y = rb[c]!;
      if (x === y) continue;
      delta += excess(x, rowCount[i * R + x]! - 1) - excess(x, rowCount[i * R + x]!);
      delta += excess(y, rowCount[i * R + y]! + 1) - excess(y, rowCount[i * R + y]!);
      delta += excess(y, rowCount[j * R + y]! - 1) - excess(y, rowCount[j * R + y]!);
      delta += excess(x, rowCount[j * R + x]! + 1) - excess(x, rowCount[j * R + x]!);
    }
    if (delta > 0 || (delta === 0 && randomFloat(random) < 0.7)) continue;
    let vi = 0;
    let vj = 0;
    for (let c = 0; c < ra.length; c++) {
      const x = ra[c]!;
      const y = rb[c]!;
      if (x === y) continue;
      rowCount[i * R + x]!--;
      rowCount[i * R + y]!++;
      rowCount[j * R + y]!--;
      rowCount[j * R + x]!++;
    }
    slots[i]![pi] = b;
    slots[j]![pj] = a;
    count[i * G + a]!--;
    count[i * G + b]!++;
    count[j * G + b]!--;
    count[j * G + a]!++;
    for (let row = 0; row < R; row++) {
      vi += excess(row, rowCount[i * R + row]!);
      vj += excess(row, rowCount[j * R + row]!);
    }
    total += vi - panelViolation[i]! + vj - panelViolation[j]!;
    panelViolation[i] = vi;
    panelViolation[j] = vj;
  }
  if (total > 0) return null;
  const panels: GroupPanel[] = [];
  for (let j = 0; j < m; j++) {
    const gs: number[] = [];
    const cs: number[] = [];
    for (let g = 0; g < G; g++) {
      const c = count[j * G + g]!;
      if (c > 0) {
        gs.push(g);
        cs.push(c);
      }
    }
    panels.push({ groups: Int32Array.from(gs), counts: Int32Array.from(cs) });
  }
  return panels;
}
