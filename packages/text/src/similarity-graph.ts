// The similarity graph of the inputs' nearest neighbours, symmetrised and normalised for the spectral
// embedding (Ng, Jordan & Weiss 2001), and the modularity of a partition of it (Newman & Girvan 2004;
// Newman 2006), by which the number of topics is chosen.

import type { SparseVector } from './sparse.ts';

/** The symmetrised neighbour graph: rows of D^-1/2 A D^-1/2, the weights A of the same entries, the degrees D. */
export interface SimilarityGraph {
  normalised: SparseVector[];
  weights: Float32Array[];
  degree: Float64Array;
}

/**
 * The normalised affinity matrix D^-1/2 A D^-1/2 of the symmetrised neighbour graph: A(i, j) is the
 * (positive) similarity when j is among i's neighbours or i among j's, D the row sums. Each row's
 * sum adds its entries in the order they are first met when the neighbour lists are read in order
 * (i, then i's t-th neighbour, adding the entries (i, j) and (j, i)), so the result does not
 * depend on how the rows are stored. A itself and D are returned too (for modularity).
 */
export function similarityGraph(nn: readonly { idx: Int32Array; sim: Float32Array }[]): SimilarityGraph {
  const n = nn.length;
  const { count, key, val } = symmetricEntries(nn);
  const { rowLen, deg } = mergeRows(count, key, val, n);
  const out: SparseVector[] = [];
  const weights: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const b = count[i] as number;
    const len = rowLen[i] as number;
    const order = Array.from({ length: len }, (_, q) => b + q).sort((x, y) => (key[x] as number) - (key[y] as number));
    const idx = new Int32Array(len);
    const v = new Float32Array(len);
    const a = new Float32Array(len);
    order.forEach((q, r) => {
      const j = key[q] as number;
      idx[r] = j;
      a[r] = val[q] as number;
      v[r] = (val[q] as number) / Math.sqrt((deg[i] as number) * (deg[j] as number));
    });
    out.push({ idx, val: v });
    weights.push(a);
  }
  return { normalised: out, weights, degree: deg };
}

/**
 * Every positive neighbour similarity as two entries, (i, j) and (j, i), grouped by row: row i's
 * entries are key/val[count[i], count[i + 1]), in the order the neighbour lists are read.
 */
function symmetricEntries(nn: readonly { idx: Int32Array; sim: Float32Array }[]): { count: Int32Array; key: Int32Array; val: Float64Array } {
  const n = nn.length;
  const count = new Int32Array(n + 1);
  nn.forEach((nb, i) => {
    for (let t = 0; t < nb.idx.length; t++) {
      if (!((nb.sim[t] as number) > 0)) continue;
      count[i + 1] = (count[i + 1] as number) + 1;
      count[(nb.idx[t] as number) + 1] = (count[(nb.idx[t] as number) + 1] as number) + 1;
    }
  });
  for (let i = 0; i < n; i++) count[i + 1] = (count[i + 1] as number) + (count[i] as number);
  const fill = count.slice(0, n);
  const key = new Int32Array(count[n] as number);
  const val = new Float64Array(count[n] as number);
  nn.forEach((nb, i) => {
    for (let t = 0; t < nb.idx.length; t++) {
      const s = nb.sim[t] as number;
      if (!(s > 0)) continue;
      const j = nb.idx[t] as number;
      let at = fill[i] as number;
      key[at] = j;
      val[at] = s;
      fill[i] = at + 1;
      at = fill[j] as number;
      key[at] = i;
      val[at] = s;
      fill[j] = at + 1;
    }
  });
  return { count, key, val };
}

/**
 * Per row, in place: merges repeated keys (keeping the first position and the larger value) into the
 * row's first rowLen[i] entries, and sums them in order into the degree deg[i].
 */
function mergeRows(count: Int32Array, key: Int32Array, val: Float64Array, n: number): { rowLen: Int32Array; deg: Float64Array } {
  const pos = new Int32Array(n).fill(-1);
  const rowLen = new Int32Array(n);
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = count[i] as number;
    let e = b;
    for (let q = b; q < (count[i + 1] as number); q++) {
      const j = key[q] as number;
      const p = pos[j] as number;
      if (p >= 0) {
        if ((val[q] as number) > (val[p] as number)) val[p] = val[q] as number;
        continue;
      }
      pos[j] = e;
      key[e] = j;
      val[e] = val[q] as number;
      e++;
    }
    let d = 0;
    for (let q = b; q < e; q++) {
      d += val[q] as number;
      pos[key[q] as number] = -1;
    }
    deg[i] = d;
    rowLen[i] = e - b;
  }
  return { rowLen, deg };
}

/**
 * Modularity (Newman & Girvan 2004; Newman 2006) of a partition of the weighted graph:
 * Q = Σ_c [ A_c / 2m − (D_c / 2m)² ], where A_c sums the weights of the (ordered) pairs inside
 * topic c, D_c the degrees of its members, 2m all degrees. Q is the share of edge weight inside
 * topics minus what a random graph with the same degrees would put there.
 */
export function modularity(g: SimilarityGraph, assign: Int32Array, k: number): number {
  const n = g.degree.length;
  const volume = new Float64Array(k);
  let total = 0;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const c = assign[i] as number;
    const di = g.degree[i] as number;
    volume[c] = (volume[c] as number) + di;
    total += di;
    const idx = (g.normalised[i] as SparseVector).idx;
    const w = g.weights[i] as Float32Array;
    for (let q = 0; q < idx.length; q++) if (assign[idx[q] as number] === c) inside += w[q] as number;
  }
  if (!(total > 0)) return 0;
  let q = inside / total;
  for (let c = 0; c < k; c++) q -= ((volume[c] as number) / total) ** 2;
  return q;
}
