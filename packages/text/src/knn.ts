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
  const acc = new Float64Array(n);
  const out: { idx: Int32Array; sim: Float32Array }[] = [];
  const topI = new Int32Array(m);
  const topS = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const fs = rowF[i] as Int32Array;
    const vs = rowV[i] as Float32Array;
    // Accumulate the dot products with every document sharing a feature (all values are positive,
    // so acc[j] > 0 exactly when j shares one), including i itself, which is skipped below.
    for (let k = 0; k < fs.length; k++) {
      const f = fs[k] as number;
      const v = vs[k] as number;
      const end = start[f + 1] as number;
      for (let p = start[f] as number; p < end; p++) {
        const j = pDoc[p] as number;
        acc[j] = (acc[j] as number) + v * (pVal[p] as number);
      }
    }
    acc[i] = 0;
    let cnt = 0;
    for (let j = 0; j < n; j++) {
      const s = acc[j] as number;
      if (s === 0) continue;
      acc[j] = 0;
      if (cnt === m && (s < (topS[m - 1] as number) || (s === topS[m - 1] && j > (topI[m - 1] as number)))) continue;
      let pos = cnt < m ? cnt++ : m - 1;
      while (pos > 0 && ((topS[pos - 1] as number) < s || (topS[pos - 1] === s && (topI[pos - 1] as number) > j))) {
        topS[pos] = topS[pos - 1] as number;
        topI[pos] = topI[pos - 1] as number;
        pos--;
      }
      topS[pos] = s;
      topI[pos] = j;
    }
    out.push({ idx: topI.slice(0, cnt), sim: Float32Array.from(topS.subarray(0, cnt)) });
  }
  return out;
}
