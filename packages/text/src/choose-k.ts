// Choosing the number of topics: on the built-in path, the k whose clustering has the largest modularity
// on the similarity graph (Newman 2006); with external vectors, the k with the largest mean silhouette
// (Rousseeuw 1987, cosine distance) on a sample.

import { dot, silhouette, sphericalKMeans, unitRows } from './kmeans.ts';
import { createRandom } from '@tingsted/random';
import { TEXT_NAMESPACE } from './seed.ts';
import { modularity, type SimilarityGraph } from './similarity-graph.ts';

/**
 * Gaps between consecutive singular values (for information): gap k = σ_(k−1) − σ_k for k = 2 …
 * min(maxK, d − 1), 0-based σ.
 */
export function eigengaps(singularValues: ArrayLike<number>, maxK: number, d: number): { k: number; gap: number }[] {
  const gaps: { k: number; gap: number }[] = [];
  for (let kk = 2; kk <= Math.min(maxK, d - 1); kk++) {
    gaps.push({ k: kk, gap: (singularValues[kk - 1] as number) - (singularValues[kk] as number) });
  }
  return gaps;
}

/**
 * k = the number of topics whose partition has the largest modularity on the similarity graph
 * (Newman 2006), over k = 2 … min(maxK, d). For each k the partition is made as with k given (rows
 * of the top k eigenvectors of the n×d embedding X scaled to unit length, spherical k-means), but
 * with one run seeded by greedy k-means++ (2 + ⌊ln k⌋ candidates per centre) on the first 1,000
 * inputs in id-hash `order`, after which every input joins its nearest centre. k is 0 when no k
 * was tried.
 */
export function kByModularity(
  X: Float64Array, n: number, d: number, graph: SimilarityGraph, maxK: number, order: Int32Array, seed: string,
): { k: number; modularities: { k: number; modularity: number }[] } {
  const modularities: { k: number; modularity: number }[] = [];
  const scan = Math.min(n, 1000);
  const scanOrder = Int32Array.from({ length: scan }, (_, t) => t);
  const assign = new Int32Array(n);
  let bestQ = -Infinity;
  let bestK = 0;
  for (let kk = 2; kk <= Math.min(maxK, d); kk++) {
    const Y = unitRows(X, n, d, kk);
    const YS = new Float64Array(scan * kk);
    for (let t = 0; t < scan; t++) {
      const i = order[t] as number;
      YS.set(Y.subarray(i * kk, i * kk + kk), t * kk);
    }
    const km = sphericalKMeans(YS, scan, kk, kk, createRandom(`${seed}:k${kk}`, TEXT_NAMESPACE), 1, scanOrder, 2 + Math.floor(Math.log(kk)));
    nearestCentres(Y, n, kk, km.centres, assign);
    const q = modularity(graph, assign, kk);
    modularities.push({ k: kk, modularity: q });
    if (q > bestQ + 1e-12) {
      bestQ = q;
      bestK = kk;
    }
  }
  return { k: bestK, modularities };
}

/** Puts each of the n unit rows of Y (k columns) with its nearest of the k centres (the first on ties). */
function nearestCentres(Y: Float64Array, n: number, k: number, centres: Float64Array, assign: Int32Array): void {
  for (let i = 0; i < n; i++) {
    let bc = 0;
    let bs = -Infinity;
    for (let c = 0; c < k; c++) {
      const v = dot(Y, i * k, centres, c * k, k);
      if (v > bs) {
        bs = v;
        bc = c;
      }
    }
    assign[i] = bc;
  }
}

/**
 * k = the number of topics with the largest mean silhouette of a two-restart spherical k-means, over
 * k = 2 … maxK, on a sample of at most 1,500 of the n unit rows of X (taken in id-hash `order`:
 * independent of input order).
 */
export function kBySilhouette(
  X: Float64Array, n: number, d: number, maxK: number, order: Int32Array, seed: string,
): { k: number; silhouettes: { k: number; silhouette: number }[] } {
  const silhouettes: { k: number; silhouette: number }[] = [];
  const m = Math.min(n, 1500);
  const sampleRows = Array.from(order.subarray(0, m)).sort((a, b) => a - b);
  const XS = new Float64Array(m * d);
  sampleRows.forEach((i, r) => XS.set(X.subarray(i * d, i * d + d), r * d));
  const sOrder = Int32Array.from([...Array(m).keys()]);
  const idx = [...Array(m).keys()];
  let bestK = 2;
  let bestS = -Infinity;
  for (let kk = 2; kk <= maxK; kk++) {
    const km = sphericalKMeans(XS, m, d, kk, createRandom(`${seed}:k${kk}`, TEXT_NAMESPACE), 2, sOrder);
    const s = silhouette(XS, d, idx, km.assign, kk);
    silhouettes.push({ k: kk, silhouette: s });
    if (s > bestS + 1e-12) {
      bestS = s;
      bestK = kk;
    }
  }
  return { k: bestK, silhouettes };
}
