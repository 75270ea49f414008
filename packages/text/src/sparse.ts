// Sparse vectors (sorted indices + values) and the few operations the models need.

/** A sparse vector: strictly increasing `idx`, matching `val`. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/** Builds a sorted sparse vector from a map of index → value (zero entries dropped). */
export function fromMap(m: Map<number, number>): SparseVector {
  const keys = [...m.keys()].sort((a, b) => a - b);
  const idx = new Int32Array(keys.length);
  const val = new Float32Array(keys.length);
  let k = 0;
  for (const key of keys) {
    const v = m.get(key) as number;
    if (v === 0) continue;
    idx[k] = key;
    val[k] = v;
    k++;
  }
  return { idx: idx.subarray(0, k), val: val.subarray(0, k) };
}

/** Dot product of two sparse vectors (merge of sorted indices). */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  const ai = a.idx;
  const bi = b.idx;
  while (i < ai.length && j < bi.length) {
    const x = ai[i] as number;
    const y = bi[j] as number;
    if (x === y) {
      s += (a.val[i] as number) * (b.val[j] as number);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return s;
}

/** Dot product of a sparse vector with a dense one. */
export function denseDot(a: SparseVector, w: Float64Array | Float32Array, offset = 0): number {
  let s = 0;
  for (let k = 0; k < a.idx.length; k++) s += (a.val[k] as number) * (w[offset + (a.idx[k] as number)] as number);
  return s;
}

/** Euclidean norm of a sparse vector. */
export function norm(a: SparseVector): number {
  let s = 0;
  for (let k = 0; k < a.val.length; k++) s += (a.val[k] as number) ** 2;
  return Math.sqrt(s);
}

/** Scales a sparse vector in place to unit length (no-op for the zero vector). */
export function normalizeInPlace(a: SparseVector): void {
  const n = norm(a);
  if (n > 0) for (let k = 0; k < a.val.length; k++) a.val[k] = (a.val[k] as number) / n;
}
