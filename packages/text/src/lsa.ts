// Latent semantic analysis by randomized truncated SVD (Halko, Martinsson & Tropp, "Finding
// structure with randomness", SIAM Review 2011; Deerwester et al. 1990 for LSA): a Gaussian range
// finder with power iterations, then the small eigenproblem solved by cyclic Jacobi rotations.

import type { SparseVector } from './sparse.ts';
import { randomFloat, type RandomSource } from '@tingsted/random';

/** Orthonormalises the columns of a row-major n×l matrix in place (modified Gram–Schmidt). */
function orthonormalize(m: Float64Array, n: number, l: number): void {
  for (let j = 0; j < l; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += (m[i * l + j] as number) * (m[i * l + p] as number);
      for (let i = 0; i < n; i++) m[i * l + j] = (m[i * l + j] as number) - dot * (m[i * l + p] as number);
    }
    let nrm = 0;
    for (let i = 0; i < n; i++) nrm += (m[i * l + j] as number) ** 2;
    nrm = Math.sqrt(nrm);
    for (let i = 0; i < n; i++) m[i * l + j] = nrm > 1e-12 ? (m[i * l + j] as number) / nrm : 0;
  }
}

/** Eigen-decomposition of a symmetric l×l matrix (cyclic Jacobi). Returns eigenvalues and column eigenvectors. */
export function symmetricEigen(a: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const A = a.slice();
  const V = new Float64Array(l * l);
  for (let i = 0; i < l; i++) V[i * l + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += (A[p * l + q] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = A[p * l + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const app = A[p * l + p] as number;
        const aqq = A[q * l + q] as number;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = A[k * l + p] as number;
          const akq = A[k * l + q] as number;
          A[k * l + p] = c * akp - s * akq;
          A[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = A[p * l + k] as number;
          const aqk = A[q * l + k] as number;
          A[p * l + k] = c * apk - s * aqk;
          A[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = V[k * l + p] as number;
          const vkq = V[k * l + q] as number;
          V[k * l + p] = c * vkp - s * vkq;
          V[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i++) values[i] = A[i * l + i] as number;
  return { values, vectors: V };
}

/**
 * Projects sparse rows onto their top `rank` singular directions: returns an n×rank row-major matrix
 * U·S (the LSA document coordinates). Feature indices are compacted to those that occur.
 */
export function truncatedSvd(rows: readonly SparseVector[], rank: number, rng: RandomSource, powerIterations = 2): { coords: Float64Array; rank: number; singularValues: Float64Array } {
  const n = rows.length;
  const remap = new Map<number, number>();
  const cidx = rows.map((r) => {
    const out = new Int32Array(r.idx.length);
    for (let k = 0; k < r.idx.length; k++) {
      const f = r.idx[k] as number;
      let c = remap.get(f);
      if (c === undefined) {
        c = remap.size;
        remap.set(f, c);
      }
      out[k] = c;
    }
    return out;
  });
  const D = remap.size;
  const r = Math.max(1, Math.min(rank, n - 1, D));
  const l = Math.min(r + 10, n, D);
  // Z = Ω (D×l Gaussian), Y = X Z
  let Z = new Float64Array(D * l);
  for (let i = 0; i < Z.length; i++) Z[i] = normal(rng);
  const Y = new Float64Array(n * l);
  const mulX = (Zm: Float64Array, out: Float64Array): void => {
    out.fill(0);
    for (let i = 0; i < n; i++) {
      const ix = cidx[i] as Int32Array;
      const v = (rows[i] as SparseVector).val;
      const o = i * l;
      for (let k = 0; k < ix.length; k++) {
        const w = v[k] as number;
        const zo = (ix[k] as number) * l;
        for (let j = 0; j < l; j++) out[o + j] = (out[o + j] as number) + w * (Zm[zo + j] as number);
      }
    }
  };
  const mulXt = (Q: Float64Array, out: Float64Array): void => {
    out.fill(0);
    for (let i = 0; i < n; i++) {
      const ix = cidx[i] as Int32Array;
      const v = (rows[i] as SparseVector).val;
      const o = i * l;
      for (let k = 0; k < ix.length; k++) {
        const w = v[k] as number;
        const zo = (ix[k] as number) * l;
        for (let j = 0; j < l; j++) out[zo + j] = (out[zo + j] as number) + w * (Q[o + j] as number);
      }
    }
  };
  mulX(Z, Y);
  orthonormalize(Y, n, l);
  for (let it = 0; it < powerIterations; it++) {
    mulXt(Y, Z);
    orthonormalize(Z, D, l);
    mulX(Z, Y);
    orthonormalize(Y, n, l);
  }
  // B = Qᵀ X (l×D) stored transposed as Z (D×l); B Bᵀ = Zᵀ Z.
  mulXt(Y, Z);
  const G = new Float64Array(l * l);
  for (let f = 0; f < D; f++) {
    const o = f * l;
    for (let a = 0; a < l; a++) {
      const za = Z[o + a] as number;
      if (za === 0) continue;
      for (let b = a; b < l; b++) G[a * l + b] = (G[a * l + b] as number) + za * (Z[o + b] as number);
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) G[a * l + b] = G[b * l + a] as number;
  Z = new Float64Array(0);
  const { values, vectors } = symmetricEigen(G, l);
  const order = [...values.keys()].sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
  const coords = new Float64Array(n * r);
  const singularValues = new Float64Array(r);
  for (let c = 0; c < r; c++) {
    const e = order[c] as number;
    // Q·u_e·σ_e where σ_e² = λ_e: coordinates = Y·u·σ
    const sigma = Math.sqrt(Math.max(0, values[e] as number));
    singularValues[c] = sigma;
    // Fix the sign so the largest-magnitude entry of u is positive (deterministic orientation).
    let big = 0;
    for (let a = 0; a < l; a++) if (Math.abs(vectors[a * l + e] as number) > Math.abs(big)) big = vectors[a * l + e] as number;
    const sgn = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += (Y[i * l + a] as number) * (vectors[a * l + e] as number);
      coords[i * r + c] = sgn * s * sigma;
    }
  }
  return { coords, rank: r, singularValues };
}

/** A standard normal deviate by Box–Muller (cosine branch) from two uniform floats. */
function normal(random: RandomSource): number {
  let u = randomFloat(random);
  while (u <= 1e-12) u = randomFloat(random);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * randomFloat(random));
}
