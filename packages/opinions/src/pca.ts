/**
 * Two-component PCA of a sparse vote matrix without materialising the dense matrix.
 *
 * Pol.is imputes a missing vote with the column mean, then centres each column on that same mean, so the
 * centred, imputed matrix is exactly as sparse as the votes: C[i][j] = x_ij − c_j where a vote exists, 0 elsewhere.
 * With the old zero fill (Pol.is before late 2017) C = S − 1·cᵀ, applied as a sparse product plus a rank-one
 * correction. Components come from block power iteration (subspace iteration with Rayleigh–Ritz) on CᵀC,
 * run from a fixed seeded start until the Ritz residuals are below a tolerance, so they are the converged
 * eigenvectors Pol.is's power iteration approaches, and the same input always gives the same output.
 */
import { createRandom } from './prng.ts';

/** A vote matrix in compressed sparse row form (rows = participants, columns = statements). */
export interface SparseMatrix {
  nRows: number;
  nCols: number;
  rowPtr: Int32Array;
  col: Int32Array;
  /** Values in Pol.is's internal coding: agree = −1, disagree = +1, pass = 0. */
  val: Float64Array;
}

/** How missing votes are filled before PCA. */
export type Imputation = 'mean' | 'zero';

/** Options of {@link sparsePca}. */
export interface PcaOptions {
  /** Columns (statements) left out: their column is zeroed (Pol.is mod-out), 1 = out. */
  modOut?: Uint8Array;
  imputation?: Imputation;
  /** Stop when every Ritz residual ‖Av − θv‖ is below tolerance × θ₁. Default 1e-10. */
  tolerance?: number;
  maxIterations?: number;
}

/** PCA output: column centre, two unit components (zero when the data has less rank), their eigenvalues. */
export interface PcaResult {
  center: Float64Array;
  comps: [Float64Array, Float64Array];
  eigenvalues: [number, number];
  iterations: number;
  converged: boolean;
}

/** Column means as Pol.is computes them: over the votes cast (mean fill) or over all rows (zero fill). */
export function columnCenter(m: SparseMatrix, imputation: Imputation, modOut?: Uint8Array): Float64Array {
  const sum = new Float64Array(m.nCols);
  const count = new Float64Array(m.nCols);
  for (let k = 0; k < m.rowPtr[m.nRows]!; k++) {
    const j = m.col[k]!;
    sum[j]! += m.val[k]!;
    count[j]! += 1;
  }
  const c = new Float64Array(m.nCols);
  for (let j = 0; j < m.nCols; j++) {
    if (modOut && modOut[j]) continue;
    const denom = imputation === 'mean' ? count[j]! : m.nRows;
    c[j] = denom > 0 ? sum[j]! / denom : 0;
  }
  return c;
}

/** Eigen-decomposition of a small symmetric matrix (row-major, n×n) by cyclic Jacobi; values descending. */
export function symmetricEigen(a: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const A = Float64Array.from(a);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q]! ** 2;
    if (off < 1e-300) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (apq === 0) continue;
        const app = A[p * n + p]!, aqq = A[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1), sn = t * cs;
        for (let k = 0; k < n; k++) {
          const akp = A[k * n + p]!, akq = A[k * n + q]!;
          A[k * n + p] = cs * akp - sn * akq;
          A[k * n + q] = sn * akp + cs * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = A[p * n + k]!, aqk = A[q * n + k]!;
          A[p * n + k] = cs * apk - sn * aqk;
          A[q * n + k] = sn * apk + cs * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p]!, vkq = V[k * n + q]!;
          V[k * n + p] = cs * vkp - sn * vkq;
          V[k * n + q] = sn * vkp + cs * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => A[y * n + y]! - A[x * n + x]! || x - y);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n); // column k = eigenvector k
  order.forEach((src, k) => {
    values[k] = A[src * n + src]!;
    for (let r = 0; r < n; r++) vectors[r * n + k] = V[r * n + src]!;
  });
  return { values, vectors };
}

/**
 * The fixed sign rule: a component's loading with the largest magnitude is positive
 * (ties: the lowest column index decides).
 */
export function fixSign(v: Float64Array): void {
  let best = 0, bestAbs = -1;
  for (let j = 0; j < v.length; j++) {
    const a = Math.abs(v[j]!);
    if (a > bestAbs + 1e-12) { bestAbs = a; best = j; }
  }
  if (v[best]! < 0) for (let j = 0; j < v.length; j++) v[j] = -v[j]! || 0; // no -0 in output
}

/** Computes the first two principal components of the (imputed, centred) sparse vote matrix. */
export function sparsePca(m: SparseMatrix, options: PcaOptions = {}): PcaResult {
  const imputation = options.imputation ?? 'mean';
  const tol = options.tolerance ?? 1e-10;
  const maxIter = options.maxIterations ?? 3000;
  const nCols = m.nCols, nRows = m.nRows;
  const modOut = options.modOut;
  const center = columnCenter(m, imputation, modOut);
  const nnz = m.rowPtr[nRows]!;
  // values used in products: centred for mean fill, raw for zero fill (rank-one correction below); mod-out zeroed
  const cval = new Float64Array(nnz);
  for (let k = 0; k < nnz; k++) {
    const j = m.col[k]!;
    if (modOut && modOut[j]) continue;
    cval[k] = imputation === 'mean' ? m.val[k]! - center[j]! : m.val[k]!;
  }
  const zero: [Float64Array, Float64Array] = [new Float64Array(nCols), new Float64Array(nCols)];
  const b = Math.min(nCols, 4);
  if (b === 0 || nRows === 0) return { center, comps: zero, eigenvalues: [0, 0], iterations: 0, converged: true };
  const rnd = createRandom('tingsted-opinions-pca');
  let Q: Float64Array = new Float64Array(nCols * b);
  for (let i = 0; i < Q.length; i++) Q[i] = rnd() - 0.5;
  orthonormalize(Q, nCols, b, rnd);
  const Y = new Float64Array(nCols * b);
  const t = new Float64Array(b);
  const cq = new Float64Array(b);
  const sumU = new Float64Array(b);
  const { rowPtr, col } = m;
  const applyAtA = (X: Float64Array, out: Float64Array): void => {
    out.fill(0);
    cq.fill(0); sumU.fill(0);
    if (imputation === 'zero') {
      for (let j = 0; j < nCols; j++) { const c = center[j]!; if (c !== 0) for (let k = 0; k < b; k++) cq[k]! += c * X[j * b + k]!; }
    }
    for (let i = 0; i < nRows; i++) {
      const s = rowPtr[i]!, e = rowPtr[i + 1]!;
      if (b === 4) {
        let t0 = -cq[0]!, t1 = -cq[1]!, t2 = -cq[2]!, t3 = -cq[3]!;
        for (let k = s; k < e; k++) {
          const v = cval[k]!; if (v === 0) continue;
          const o = col[k]! * 4;
          t0 += v * X[o]!; t1 += v * X[o + 1]!; t2 += v * X[o + 2]!; t3 += v * X[o + 3]!;
        }
        for (let k = s; k < e; k++) {
          const v = cval[k]!; if (v === 0) continue;
          const o = col[k]! * 4;
          out[o]! += v * t0; out[o + 1]! += v * t1; out[o + 2]! += v * t2; out[o + 3]! += v * t3;
        }
        sumU[0]! += t0; sumU[1]! += t1; sumU[2]! += t2; sumU[3]! += t3;
      } else {
        for (let q = 0; q < b; q++) t[q] = -cq[q]!;
        for (let k = s; k < e; k++) {
          const v = cval[k]!; const o = col[k]! * b;
          for (let q = 0; q < b; q++) t[q]! += v * X[o + q]!;
        }
        for (let k = s; k < e; k++) {
          const v = cval[k]!; const o = col[k]! * b;
          for (let q = 0; q < b; q++) out[o + q]! += v * t[q]!;
        }
        for (let q = 0; q < b; q++) sumU[q]! += t[q]!;
      }
    }
    if (imputation === 'zero') {
      for (let j = 0; j < nCols; j++) { const c = center[j]!; if (c !== 0) for (let q = 0; q < b; q++) out[j * b + q]! -= c * sumU[q]!; }
    }
  };
  const H = new Float64Array(b * b);
  let iterations = 0, converged = false;
  let ritz: Float64Array = new Float64Array(nCols * b);
  let values: Float64Array = new Float64Array(b);
  for (; iterations < maxIter; iterations++) {
    applyAtA(Q, Y);
    H.fill(0);
    for (let j = 0; j < nCols; j++) for (let p = 0; p < b; p++) { const qp = Q[j * b + p]!; for (let q = 0; q < b; q++) H[p * b + q]! += qp * Y[j * b + q]!; }
    for (let p = 0; p < b; p++) for (let q = p + 1; q < b; q++) { const s = (H[p * b + q]! + H[q * b + p]!) / 2; H[p * b + q] = s; H[q * b + p] = s; }
    const eig = symmetricEigen(H, b);
    values = eig.values;
    const V = eig.vectors;
    ritz = new Float64Array(nCols * b);
    const AY = new Float64Array(nCols * b);
    for (let j = 0; j < nCols; j++) for (let k = 0; k < b; k++) {
      let u = 0, w = 0;
      for (let p = 0; p < b; p++) { u += Q[j * b + p]! * V[p * b + k]!; w += Y[j * b + p]! * V[p * b + k]!; }
      ritz[j * b + k] = u; AY[j * b + k] = w;
    }
    const top = values[0]!;
    if (!(top > 1e-300)) { converged = true; break; }
    let res = 0;
    for (let k = 0; k < Math.min(2, b); k++) {
      if (values[k]! <= top * 1e-13) continue;
      let r2 = 0;
      for (let j = 0; j < nCols; j++) { const d = AY[j * b + k]! - values[k]! * ritz[j * b + k]!; r2 += d * d; }
      res = Math.max(res, Math.sqrt(r2) / top);
    }
    if (res < tol) { converged = true; iterations++; break; }
    Q = AY;
    orthonormalize(Q, nCols, b, rnd);
  }
  const comps: [Float64Array, Float64Array] = [new Float64Array(nCols), new Float64Array(nCols)];
  const eigenvalues: [number, number] = [0, 0];
  const top = values[0] ?? 0;
  for (let k = 0; k < Math.min(2, b); k++) {
    if (!(values[k]! > top * 1e-12) || !(top > 0)) continue;
    for (let j = 0; j < nCols; j++) comps[k]![j] = ritz[j * b + k]!;
    normalize(comps[k]!);
    fixSign(comps[k]!);
    eigenvalues[k] = values[k]!;
  }
  return { center, comps, eigenvalues, iterations, converged };
}

function normalize(v: Float64Array): void {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j]! * v[j]!;
  s = Math.sqrt(s);
  if (s > 0) for (let j = 0; j < v.length; j++) v[j] = v[j]! / s;
}

/** Modified Gram–Schmidt on the b interleaved columns of X (n × b); a collapsed column is replaced by a random one. */
function orthonormalize(X: Float64Array, n: number, b: number, rnd: () => number): void {
  for (let k = 0; k < b; k++) {
    for (let attempt = 0; attempt < 3; attempt++) {
      for (let pass = 0; pass < 2; pass++) for (let p = 0; p < k; p++) {
        let d = 0;
        for (let j = 0; j < n; j++) d += X[j * b + p]! * X[j * b + k]!;
        for (let j = 0; j < n; j++) X[j * b + k]! -= d * X[j * b + p]!;
      }
      let s = 0;
      for (let j = 0; j < n; j++) s += X[j * b + k]! ** 2;
      s = Math.sqrt(s);
      if (s > 1e-150) { for (let j = 0; j < n; j++) X[j * b + k] = X[j * b + k]! / s; break; }
      for (let j = 0; j < n; j++) X[j * b + k] = rnd() - 0.5;
    }
  }
}
