// Nearest neighbours by cosine over sparse unit vectors, computed through an inverted index (only
// documents sharing a feature are ever compared). Features present in more than `maxDfRatio` of the
// documents are left out of the comparison: they carry little weight after IDF and would make the
// cost quadratic.

import type { SparseVector } from './sparse.ts';

/** For each document, up to `m` neighbours (index, similarity), most similar first, ties by index. */
export function nearestNeighbours(rows: readonly SparseVector[], m: number, maxDfRatio = 0.1): { idx: Int32Array; sim: Float32Array }[] {
  const n = rows.length;
  const df = new Map<number, number>();
  for (const r of rows) for (let k = 0; k < r.idx.length; k++) df.set(r.idx[k] as number, (df.get(r.idx[k] as number) ?? 0) + 1);
  const cap = Math.max(200, Math.floor(maxDfRatio * n));
  const fid = new Map<number, number>();
  for (const [f, c] of df) if (c <= cap && c >= 2) fid.set(f, fid.size);
  const F = fid.size;
  const start = new Int32Array(F + 1);
  for (const r of rows) for (let k = 0; k < r.idx.length; k++) {
    const c = fid.get(r.idx[k] as number);
    if (c !== undefined) start[c + 1] = (start[c + 1] as number) + 1;
  }
  for (let f = 0; f < F; f++) start[f + 1] = (start[f + 1] as number) + (start[f] as number);
  const fill = start.slice(0, F);
  const pDoc = new Int32Array(start[F] as number);
  const pVal = new Float32Array(start[F] as number);
  const rowF: Int32Array[] = [];
  const rowV: Float32Array[] = [];
  rows.forEach((r, i) => {
    const fs: number[] = [];
    const vs: number[] = [];
    for (let k = 0; k < r.idx.length; k++) {
      const c = fid.get(r.idx[k] as number);
      if (c === undefined) continue;
      const at = fill[c] as number;
      pDoc[at] = i;
      pVal[at] = r.val[k] as number;
      fill[c] = at + 1;
      fs.push(c);
      vs.push(r.val[k] as number);
    }
    rowF.push(Int32Array.from(fs));
    rowV.push(Float32Array.from(vs));
  });
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const out: { idx: Int32Array; sim: Float32Array }[] = [];
  const topI = new Int32Array(m);
  const topS = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let nt = 0;
    const fs = rowF[i] as Int32Array;
    const vs = rowV[i] as Float32Array;
    for (let k = 0; k < fs.length; k++) {
      const f = fs[k] as number;
      const v = vs[k] as number;
      for (let p = start[f] as number; p < (start[f + 1] as number); p++) {
        const j = pDoc[p] as number;
        if (j === i) continue;
        if (acc[j] === 0) touched[nt++] = j;
        acc[j] = (acc[j] as number) + v * (pVal[p] as number);
      }
    }
    let cnt = 0;
    for (let t = 0; t < nt; t++) {
      const j = touched[t] as number;
      const s = acc[j] as number;
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
