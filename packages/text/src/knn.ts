// Nearest neighbours by cosine over sparse unit vectors, computed through an inverted index (only
// documents sharing a feature are ever compared). Features present in more than `maxDfRatio` of the
// documents are left out of the comparison: they carry little weight after IDF and would make the
// cost quadratic.

import type { SparseVector } from './sparse.ts';

/** For each document, up to `m` neighbours (index, similarity), most similar first, ties by index. */
export function nearestNeighbours(rows: readonly SparseVector[], m: number, maxDfRatio = 0.1): { idx: Int32Array; sim: Float32Array }[] {
  const n = rows.length;
  // Feature ids are used directly as indices (typed arrays instead of maps: this runs over every
  // non-zero of every row).
  let dim = 0;
  for (const r of rows) if (r.idx.length > 0) dim = Math.max(dim, (r.idx[r.idx.length - 1] as number) + 1);
  const df = new Int32Array(dim);
  for (const r of rows) for (let k = 0; k < r.idx.length; k++) df[r.idx[k] as number] = (df[r.idx[k] as number] as number) + 1;
  const cap = Math.max(200, Math.floor(maxDfRatio * n));
  const keep = new Uint8Array(dim);
  for (let f = 0; f < dim; f++) if ((df[f] as number) <= cap && (df[f] as number) >= 2) keep[f] = 1;
  const start = new Int32Array(dim + 1);
  for (let f = 0; f < dim; f++) start[f + 1] = (start[f] as number) + (keep[f] === 1 ? (df[f] as number) : 0);
  const fill = start.slice(0, dim);
  const pDoc = new Int32Array(start[dim] as number);
  const pVal = new Float32Array(start[dim] as number);
  const rowF: Int32Array[] = [];
  const rowV: Float32Array[] = [];
  rows.forEach((r, i) => {
    let cnt = 0;
    for (let k = 0; k < r.idx.length; k++) if (keep[r.idx[k] as number] === 1) cnt++;
    const fs = new Int32Array(cnt);
    const vs = new Float32Array(cnt);
    let o = 0;
    for (let k = 0; k < r.idx.length; k++) {
      const c = r.idx[k] as number;
      if (keep[c] !== 1) continue;
      const at = fill[c] as number;
      pDoc[at] = i;
      pVal[at] = r.val[k] as number;
      fill[c] = at + 1;
      fs[o] = c;
      vs[o] = r.val[k] as number;
      o++;
    }
    rowF.push(fs);
    rowV.push(vs);
  });
  // Each pair is scored once, from its smaller index: the dot product of i and j adds the products
  // of their shared features in increasing feature order whichever side it is computed from, so
  // the value is the same as computing it from j. `cursor[f]` is where the postings of f after the
  // document being processed start (postings are in document order).
  if (m <= 0) return rows.map(() => ({ idx: new Int32Array(0), sim: new Float32Array(0) }));
  const cursor = start.slice(0, dim);
  const acc = new Float64Array(n);
  // Per document, its best m neighbours so far: a min-heap by (similarity, then larger index
  // first), so the weakest kept neighbour is at the root; its similarity is copied to `floor`
  // (−1 while the heap is not full) so most candidates are turned away without touching the heap.
  const heapI = new Int32Array(n * m);
  const heapS = new Float64Array(n * m);
  const size = new Int32Array(n);
  const floor = new Float64Array(n).fill(-1);
  const offer = (i: number, j: number, s: number): void => {
    const base = i * m;
    let c = size[i] as number;
    if (c === m) {
      const rs = heapS[base] as number;
      if (s < rs || (s === rs && j > (heapI[base] as number))) return;
      // Replace the root and sift down.
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        if (l >= m) break;
        let w = l;
        const r = l + 1;
        if (r < m) {
          const sl = heapS[base + l] as number;
          const sr = heapS[base + r] as number;
          if (sr < sl || (sr === sl && (heapI[base + r] as number) > (heapI[base + l] as number))) w = r;
        }
        const sw = heapS[base + w] as number;
        if (s < sw || (s === sw && j > (heapI[base + w] as number))) break;
        heapS[base + p] = sw;
        heapI[base + p] = heapI[base + w] as number;
        p = w;
      }
      heapS[base + p] = s;
      heapI[base + p] = j;
      floor[i] = heapS[base] as number;
      return;
    }
    // Insert and sift up.
    let p = c++;
    size[i] = c;
    while (p > 0) {
      const q = (p - 1) >> 1;
      const sq = heapS[base + q] as number;
      if (!(s < sq || (s === sq && j > (heapI[base + q] as number)))) break;
      heapS[base + p] = sq;
      heapI[base + p] = heapI[base + q] as number;
      p = q;
    }
    heapS[base + p] = s;
    heapI[base + p] = j;
    if (c === m) floor[i] = heapS[base] as number;
  };
  for (let i = 0; i < n; i++) {
    const fs = rowF[i] as Int32Array;
    const vs = rowV[i] as Float32Array;
    // Accumulate the dot products with every later document sharing a feature (all values are
    // positive, so acc[j] > 0 exactly when j shares one).
    let lo = n;
    let hi = i;
    for (let k = 0; k < fs.length; k++) {
      const f = fs[k] as number;
      const v = vs[k] as number;
      const end = start[f + 1] as number;
      const from = (cursor[f] as number) + 1; // cursor[f] is i's own posting
      cursor[f] = from;
      if (from >= end) continue;
      if ((pDoc[from] as number) < lo) lo = pDoc[from] as number;
      if ((pDoc[end - 1] as number) > hi) hi = pDoc[end - 1] as number;
      for (let p = from; p < end; p++) {
        const j = pDoc[p] as number;
        acc[j] = (acc[j] as number) + v * (pVal[p] as number);
      }
    }
    for (let j = lo; j <= hi; j++) {
      const s = acc[j] as number;
      if (s === 0) continue;
      acc[j] = 0;
      if (s >= (floor[i] as number)) offer(i, j, s);
      if (s >= (floor[j] as number)) offer(j, i, s);
    }
  }
  const out: { idx: Int32Array; sim: Float32Array }[] = [];
  for (let i = 0; i < n; i++) {
    const c = size[i] as number;
    const base = i * m;
    const order = Array.from({ length: c }, (_, t) => t).sort((a, b) => (heapS[base + b] as number) - (heapS[base + a] as number) || (heapI[base + a] as number) - (heapI[base + b] as number));
    const idx = new Int32Array(c);
    const sim = new Float32Array(c);
    order.forEach((t, r) => {
      idx[r] = heapI[base + t] as number;
      sim[r] = heapS[base + t] as number;
    });
    out.push({ idx, sim });
  }
  return out;
}
