/**
 * Cheap pricing by local search, tried before the integer program. Starting from a panel, it applies the
 * best improving exchange until none is left: one member out and one in (checked against every quota), or
 * two out and two in with the same values in every category (so every quota count is unchanged — the
 * only moves possible under exact quotas). Not used with the household rule.
 */
import type { Compiled } from './model.ts';
import type { GroupPanel } from './oracle.ts';

/** Local search over group panels for one compiled problem. */
export class LocalSearch {
  private readonly compiled: Compiled;
  private readonly sizes: Int32Array;
  /**
   * Two-for-two exchanges: for the pair (a, b), a ≤ b, at `pairIndex[a·G + b]` the index of the list of
   * pairs with the same values in every category (−1: none), each list flattened as b1, b2, b1, b2, ….
   * Integer look-ups: building the signature string for every pair of panel members on every move took
   * most of the exact-quota pools' time.
   */
  private readonly pairIndex: Int32Array | null;
  private readonly pairLists: Int32Array[] = [];

  constructor(compiled: Compiled) {
    this.compiled = compiled;
    const G = compiled.groups.length;
    this.sizes = Int32Array.from(compiled.groups, (g) => g.members.length);
    if (G > 700) {
      this.pairIndex = null;
      return;
    }
    const bySignature = new Map<string, number[]>();
    const listOf = new Int32Array(G * G).fill(-1);
    const keys: string[] = [];
    for (let a = 0; a < G; a++) {
      for (let b = a; b < G; b++) {
        const key = this.signature(a, b);
        keys.push(key);
        if (a === b && this.sizes[a]! < 2) continue;
        const list = bySignature.get(key);
        if (list) list.push(a, b);
        else bySignature.set(key, [a, b]);
      }
    }
    const indexOf = new Map<string, number>();
    for (const [key, list] of bySignature) {
      indexOf.set(key, this.pairLists.length);
      this.pairLists.push(Int32Array.from(list));
    }
    let t = 0;
    for (let a = 0; a < G; a++) for (let b = a; b < G; b++) listOf[a * G + b] = indexOf.get(keys[t++]!) ?? -1;
    this.pairIndex = listOf;
  }

  private signature(a: number, b: number): string {
    const ra = this.compiled.groups[a]!.rows;
    const rb = this.compiled.groups[b]!.rows;
    let key = '';
    for (let c = 0; c < ra.length; c++) {
      const x = ra[c]!;
      const y = rb[c]!;
      key += x < y ? `${x}.${y},` : `${y}.${x},`;
    }
    return key;
  }

  /** Improves `start` for weights `w` (value Σ w_g·count_g); returns the improved panel and its value. */
  improve(start: GroupPanel, w: Float64Array, maxMoves = 200): { panel: GroupPanel; value: number } {
    const { groups, rows } = this.compiled;
    const G = groups.length;
    const x = new Int32Array(G);
    for (let i = 0; i < start.groups.length; i++) x[start.groups[i]!] = start.counts[i]!;
    const count = new Int32Array(rows.length);
    for (let g = 0; g < G; g++) if (x[g]) for (const r of groups[g]!.rows) count[r]! += x[g]!;
    // Groups by weight, largest first (ties: lower index first). Scanning candidates in this order finds,
    // for each member a, the same best entering group as a scan by index, and stops as soon as no later
    // group can beat the best gain so far.
    const byWeight = Int32Array.from(groups.keys()).sort((a, b) => w[b]! - w[a]! || a - b);
    for (let move = 0; move < maxMoves; move++) {
      let bestGain = 1e-12;
      let bestMove: number[] | null = null;
      const inPanel: number[] = [];
      for (let g = 0; g < G; g++) if (x[g]! > 0) inPanel.push(g);
      // One out, one in.
      for (const a of inPanel) {
        const ra = groups[a]!.rows;
        for (const b of byWeight) {
          const gain = w[b]! - w[a]!;
          if (gain <= bestGain) break;
          if (b === a || x[b]! >= this.sizes[b]!) continue;
          const rb = groups[b]!.rows;
          let ok = true;
          for (let c = 0; c < ra.length && ok; c++) {
            if (ra[c] === rb[c]) continue;
            if (count[ra[c]!]! - 1 < rows[ra[c]!]!.min || count[rb[c]!]! + 1 > rows[rb[c]!]!.max) ok = false;
          }
          if (ok) {
            bestGain = gain;
            bestMove = [a, b];
          }
        }
      }
      // Two out, two in, same values.
      const pairIndex = this.pairIndex;
      if (bestMove === null && pairIndex !== null) {
        for (let i = 0; i < inPanel.length; i++) {
          for (let j = i; j < inPanel.length; j++) {
            const a1 = inPanel[i]!;
            const a2 = inPanel[j]!;
            if (a1 === a2 && x[a1]! < 2) continue;
            const li = pairIndex[a1 * G + a2]!;
            if (li < 0) continue;
            const list = this.pairLists[li]!;
            const out = w[a1]! + w[a2]!;
            for (let t = 0; t < list.length; t += 2) {
              const b1 = list[t]!;
              const b2 = list[t + 1]!;
              const gain = w[b1]! + w[b2]! - out;
              if (gain <= bestGain) continue;
              // Capacity after removing a1, a2.
              const away1 = (b1 === a1 ? 1 : 0) + (b1 === a2 ? 1 : 0);
              const away2 = (b2 === a1 ? 1 : 0) + (b2 === a2 ? 1 : 0);
              const twice = b1 === b2 ? 1 : 0;
              if (x[b1]! + 1 + twice - away1 > this.sizes[b1]! || x[b2]! + 1 + twice - away2 > this.sizes[b2]!) continue;
              bestGain = gain;
              bestMove = [a1, a2, b1, b2];
            }
          }
        }
      }
      if (bestMove === null) break;
      const half = bestMove.length / 2;
      for (let t = 0; t < half; t++) {
        const a = bestMove[t]!;
        x[a]!--;
        for (const r of groups[a]!.rows) count[r]!--;
      }
      for (let t = half; t < bestMove.length; t++) {
        const b = bestMove[t]!;
        x[b]!++;
        for (const r of groups[b]!.rows) count[r]!++;
      }
    }
    const outGroups: number[] = [];
    const outCounts: number[] = [];
    let value = 0;
    for (let g = 0; g < G; g++) {
      if (x[g]! > 0) {
        outGroups.push(g);
        outCounts.push(x[g]!);
        value += w[g]! * x[g]!;
      }
    }
    return { panel: { groups: Int32Array.from(outGroups), counts: Int32Array.from(outCounts) }, value };
  }
}
