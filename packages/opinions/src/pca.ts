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
  /** Largest Krylov basis of the Lanczos pass before block power iteration takes over. Default 300. */
  maxLanczosSteps?: number;
}

/** PCA output: column centre, two unit components (zero when the data has less rank), their eigenvalues. */
export interface PcaResult {
  center: Float64Array;
  comps: [Float64Array, Float64Array];
  eigenvalues: [number, number];
  /** Products with CᵀC: Lanczos steps (one vector each) plus block iterations (four vectors each). */
  iterations: number;
  /** Lanczos steps taken, and block power iterations that followed when Lanczos had not converged. */
  lanczosSteps: number;
  blockIterations: number;
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

/**
 * Products with CᵀC for `width` interleaved vectors (X and out are n × width, row-major), where C is the centred,
 * imputed vote matrix: one pass over the votes per product, never the dense matrix.
 */
function gramOperator(m: SparseMatrix, cval: Float64Array, center: Float64Array, imputation: Imputation) {
  const { nRows, nCols, rowPtr, col } = m;
  const cq = new Float64Array(4);
  const t = new Float64Array(4);
  const sumU = new Float64Array(4);
  return (X: Float64Array, out: Float64Array, width: number): void => {
    out.fill(0);
    cq.fill(0); sumU.fill(0);
    if (imputation === 'zero') {
      for (let j = 0; j < nCols; j++) { const c = center[j]!; if (c !== 0) for (let k = 0; k < width; k++) cq[k]! += c * X[j * width + k]!; }
    }
    for (let i = 0; i < nRows; i++) {
      const s = rowPtr[i]!, e = rowPtr[i + 1]!;
      if (width === 1) {
        let t0 = -cq[0]!;
        for (let k = s; k < e; k++) t0 += cval[k]! * X[col[k]!]!;
        if (t0 !== 0) for (let k = s; k < e; k++) out[col[k]!]! += cval[k]! * t0;
        sumU[0]! += t0;
      } else if (width === 4) {
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
        for (let q = 0; q < width; q++) t[q] = -cq[q]!;
        for (let k = s; k < e; k++) {
          const v = cval[k]!; const o = col[k]! * width;
          for (let q = 0; q < width; q++) t[q]! += v * X[o + q]!;
        }
        for (let k = s; k < e; k++) {
          const v = cval[k]!; const o = col[k]! * width;
          for (let q = 0; q < width; q++) out[o + q]! += v * t[q]!;
        }
        for (let q = 0; q < width; q++) sumU[q]! += t[q]!;
      }
    }
    if (imputation === 'zero') {
      for (let j = 0; j < nCols; j++) { const c = center[j]!; if (c !== 0) for (let q = 0; q < width; q++) out[j * width + q]! -= c * sumU[q]!; }
    }
  };
}

type Gram = ReturnType<typeof gramOperator>;

/**
 * Computes the first two principal components of the (imputed, centred) sparse vote matrix.
 *
 * Lanczos with full reorthogonalisation on CᵀC from a fixed seeded start (Golub & Van Loan, Matrix
 * Computations, §10.1): the Krylov basis grows one product at a time and the two largest Ritz pairs are
 * checked every few steps, so nearly equal eigenvalues (two components of about the same weight, common in
 * real conversations) cost tens of products, not the hundreds block power iteration needs. When the basis
 * reaches `maxLanczosSteps` without convergence, block power iteration continues from the Ritz vectors.
 * Both stop on the same test: every Ritz residual ‖Av − θv‖ below tolerance × θ₁, checked explicitly.
 */
export function sparsePca(m: SparseMatrix, options: PcaOptions = {}): PcaResult {
  const imputation = options.imputation ?? 'mean';
  const tol = options.tolerance ?? 1e-10;
  const maxIter = options.maxIterations ?? 3000;
  const nCols = m.nCols, nRows = m.nRows;
  const modOut = options.modOut;
  const center = columnCenter(m, imputation, modOut);
  const nnz = m.rowPtr[nRows]!;
  // values used in products: centred for mean fill, raw for zero fill (rank-one correction in the operator); mod-out zeroed
  const cval = new Float64Array(nnz);
  for (let k = 0; k < nnz; k++) {
    const j = m.col[k]!;
    if (modOut && modOut[j]) continue;
    cval[k] = imputation === 'mean' ? m.val[k]! - center[j]! : m.val[k]!;
  }
  const zero: [Float64Array, Float64Array] = [new Float64Array(nCols), new Float64Array(nCols)];
  const b = Math.min(nCols, 4);
  if (b === 0 || nRows === 0) return { center, comps: zero, eigenvalues: [0, 0], iterations: 0, lanczosSteps: 0, blockIterations: 0, converged: true };
  const rnd = createRandom('tingsted-opinions-pca');
  const gram = gramOperator(m, cval, center, imputation);
  const want = Math.min(2, nCols);
  const lanczos = lanczosTop(gram, nCols, want, tol, Math.max(want, options.maxLanczosSteps ?? 300), rnd);
  let values: Float64Array = lanczos.values;
  let ritz: Float64Array = lanczos.vectors; // n × want, interleaved
  let width = want;
  let converged = lanczos.converged;
  let blockIterations = 0;
  if (!converged) {
    const block = blockPowerIteration(gram, nCols, b, tol, maxIter, rnd, lanczos.vectors, want);
    values = block.values;
    ritz = block.ritz;
    width = b;
    converged = block.converged;
    blockIterations = block.iterations;
  }
  const comps: [Float64Array, Float64Array] = [new Float64Array(nCols), new Float64Array(nCols)];
  const eigenvalues: [number, number] = [0, 0];
  const top = values[0] ?? 0;
  for (let k = 0; k < want; k++) {
    if (!(values[k]! > top * 1e-12) || !(top > 0)) continue;
    for (let j = 0; j < nCols; j++) comps[k]![j] = ritz[j * width + k]!;
    normalize(comps[k]!);
    fixSign(comps[k]!);
    eigenvalues[k] = values[k]!;
  }
  return { center, comps, eigenvalues, iterations: lanczos.steps + 4 * blockIterations, lanczosSteps: lanczos.steps, blockIterations, converged };
}

/** The largest Ritz residual ‖Av − θv‖ / θ₁ of the first `want` pairs (pairs with θ ≤ 1e-13·θ₁ are not checked). */
function largestResidual(AY: Float64Array, Y: Float64Array, values: Float64Array, n: number, width: number, want: number): number {
  const top = values[0]!;
  let res = 0;
  for (let k = 0; k < want; k++) {
    if (values[k]! <= top * 1e-13) continue;
    let r2 = 0;
    for (let j = 0; j < n; j++) { const d = AY[j * width + k]! - values[k]! * Y[j * width + k]!; r2 += d * d; }
    res = Math.max(res, Math.sqrt(r2) / top);
  }
  return res;
}

/** Lanczos with full reorthogonalisation; the `want` largest Ritz pairs (vectors n × want, interleaved). */
function lanczosTop(gram: Gram, n: number, want: number, tol: number, maxSteps: number, rnd: () => number) {
  const mMax = Math.min(n, maxSteps);
  const basis = new Float64Array(mMax * n); // row j = q_j
  const alpha = new Float64Array(mMax);
  const beta = new Float64Array(mMax); // beta[j] couples q_j and q_{j+1}
  const w = new Float64Array(n);
  // The start is A·r for a seeded random r: in the range of A, so columns A leaves out (mod-out statements,
  // statements without votes) are exactly zero in every basis vector and in the components.
  const r = new Float64Array(n);
  for (let j = 0; j < n; j++) r[j] = rnd() - 0.5;
  const q0 = basis.subarray(0, n);
  gram(r, q0, 1);
  let norm0 = 0;
  for (let j = 0; j < n; j++) norm0 += q0[j]! * q0[j]!;
  if (!(norm0 > 1e-300)) return { values: new Float64Array(want), vectors: new Float64Array(n * want), steps: 1, converged: true };
  normalize(q0);
  let values = new Float64Array(want);
  let vectors = new Float64Array(n * want);
  let scale = 0; // largest Ritz value seen, for the breakdown test
  for (let step = 0; step < mMax; step++) {
    const q = basis.subarray(step * n, (step + 1) * n);
    gram(q, w, 1);
    let a = 0;
    for (let j = 0; j < n; j++) a += q[j]! * w[j]!;
    alpha[step] = a;
    // Orthogonalise against the whole basis, twice (classical Gram–Schmidt repeated is enough in double).
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i <= step; i++) {
        const qi = basis.subarray(i * n, (i + 1) * n);
        let c = 0;
        for (let j = 0; j < n; j++) c += qi[j]! * w[j]!;
        if (c !== 0) for (let j = 0; j < n; j++) w[j]! -= c * qi[j]!;
      }
    }
    let bn = 0;
    for (let j = 0; j < n; j++) bn += w[j]! * w[j]!;
    bn = Math.sqrt(bn);
    beta[step] = bn;
    const size = step + 1;
    scale = Math.max(scale, Math.abs(a) + bn);
    const exhausted = bn <= 1e-13 * scale || size === mMax;
    if (exhausted || (size >= want && size % 4 === 0)) {
      // Estimated residuals from the last components of T's eigenvectors: ‖Ay − θy‖ = β·|s_last|.
      const last = tridiagonalEigen(alpha, beta, size, false);
      const top = last.values[0]!;
      let estimate = 0;
      for (let k = 0; k < Math.min(want, size); k++) if (last.values[k]! > top * 1e-13) estimate = Math.max(estimate, (bn * Math.abs(last.vectors[k]!)) / top);
      if (!(top > 1e-300) || estimate < tol / 4 || exhausted) {
        const full = tridiagonalEigen(alpha, beta, size, true);
        values = new Float64Array(want);
        vectors = new Float64Array(n * want);
        for (let k = 0; k < Math.min(want, size); k++) {
          values[k] = full.values[k]!;
          for (let l = 0; l < size; l++) {
            const s = full.vectors[l * size + k]!;
            if (s === 0) continue;
            const ql = basis.subarray(l * n, (l + 1) * n);
            for (let j = 0; j < n; j++) vectors[j * want + k]! += s * ql[j]!;
          }
        }
        if (!(values[0]! > 1e-300)) return { values, vectors, steps: size + 1, converged: true };
        const AY = new Float64Array(n * want);
        gram(vectors, AY, want);
        if (largestResidual(AY, vectors, values, n, want, want) < tol) return { values, vectors, steps: size + 2, converged: true };
        if (exhausted) return { values, vectors, steps: size + 2, converged: false };
      }
    }
    for (let j = 0; j < n; j++) basis[size * n + j] = w[j]! / bn;
  }
  return { values, vectors, steps: mMax + 1, converged: false };
}

/**
 * Eigenvalues (descending) of the symmetric tridiagonal matrix with diagonal `diag` and off-diagonal `off`
 * (off[i] couples i and i + 1), by implicit QL with Wilkinson shifts. With `allRows`, the eigenvectors
 * (row-major, column k = eigenvector k); without, only their last components (vectors[k]).
 */
export function tridiagonalEigen(diag: Float64Array, off: Float64Array, n: number, allRows: boolean): { values: Float64Array; vectors: Float64Array } {
  const d = Float64Array.from(diag.subarray(0, n));
  const e = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) e[i] = off[i]!;
  // Rotations are applied to the rows kept: all of them, or only the last (enough for residual estimates).
  const rows = allRows ? n : 1;
  const z = new Float64Array(rows * n);
  if (allRows) for (let i = 0; i < n; i++) z[i * n + i] = 1;
  else z[n - 1] = 1;
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; ; iteration++) {
      let m = l;
      for (; m < n - 1; m++) if (Math.abs(e[m]!) <= Number.EPSILON * (Math.abs(d[m]!) + Math.abs(d[m + 1]!))) break;
      if (m === l) break;
      if (iteration === 100) throw new Error('tridiagonal eigenproblem did not converge');
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0;
      let deflated = false;
      for (let i = m - 1; i >= l; i--) {
        const f = s * e[i]!, h = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1]! -= p;
          e[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * h;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - h;
        for (let k = 0; k < rows; k++) {
          const zi = z[k * n + i]!, zi1 = z[k * n + i + 1]!;
          z[k * n + i + 1] = s * zi + c * zi1;
          z[k * n + i] = c * zi - s * zi1;
        }
      }
      if (deflated) continue;
      d[l]! -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[y]! - d[x]! || x - y);
  const values = new Float64Array(n);
  const vectors = new Float64Array(rows * n);
  order.forEach((src, k) => {
    values[k] = d[src]!;
    for (let r = 0; r < rows; r++) vectors[r * n + k] = z[r * n + src]!;
  });
  return { values, vectors };
}

/** Block power iteration (subspace iteration with Rayleigh–Ritz) on b vectors, started from `start` (n × startWidth) and random vectors. */
function blockPowerIteration(gram: Gram, nCols: number, b: number, tol: number, maxIter: number, rnd: () => number, start: Float64Array, startWidth: number) {
  let Q: Float64Array = new Float64Array(nCols * b);
  for (let j = 0; j < nCols; j++) for (let k = 0; k < b; k++) Q[j * b + k] = k < startWidth ? start[j * startWidth + k]! : rnd() - 0.5;
  orthonormalize(Q, nCols, b, rnd);
  const Y = new Float64Array(nCols * b);
  const H = new Float64Array(b * b);
  let iterations = 0, converged = false;
  let ritz: Float64Array = new Float64Array(nCols * b);
  let values: Float64Array = new Float64Array(b);
  for (; iterations < maxIter; iterations++) {
    gram(Q, Y, b);
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
    if (!(values[0]! > 1e-300)) { converged = true; break; }
    if (largestResidual(AY, ritz, values, nCols, b, Math.min(2, b)) < tol) { converged = true; iterations++; break; }
    Q = AY;
    orthonormalize(Q, nCols, b, rnd);
  }
  return { values, ritz, iterations, converged };
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
