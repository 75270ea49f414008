// Spherical k-means on unit rows (Dhillon & Modha 2001) with k-means++ seeding (Arthur & Vassilvitskii
// 2007) or its greedy variant, and the mean silhouette (Rousseeuw 1987) with cosine distance. Rows are
// visited in a given order (the id-hash order), so results do not depend on input order.

import { randomFloat, randomInt, type RandomSource } from '@tingsted/random';

/** A k-means clustering: the centre of each row, the k unit centres (row-major) and the sum of cosines. */
export interface KMeansResult {
  assign: Int32Array;
  centres: Float64Array;
  objective: number;
}

/** The dot product of the d values of a from ao and of b from bo. */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += (a[ao + j] as number) * (b[bo + j] as number);
  return s;
}

/**
 * Greedy k-means++ seeding (the variant scikit-learn uses by default, with 2 + ⌊ln k⌋ trials): each
 * new centre is the best of `trials` candidates drawn, as in k-means++, with probability
 * proportional to the distance (1 − cosine) to the nearest centre so far; "best" = the smallest
 * total distance of all rows to their nearest centre afterwards. Visits rows in the id-hash order.
 */
function greedySeeds(X: Float64Array, n: number, d: number, k: number, rng: RandomSource, order: Int32Array, trials: number): Float64Array {
  const centres = new Float64Array(k * d);
  const first = order[randomInt(rng, n)] as number;
  centres.set(X.subarray(first * d, first * d + d), 0);
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = Math.max(0, 1 - dot(X, i * d, X, first * d, d));
  const cand = new Float64Array(n);
  const bestDist = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let t = 0; t < n; t++) total += dist[order[t] as number] as number;
    let bestPot = Infinity;
    let bestPick = order[n - 1] as number;
    for (let tr = 0; tr < trials; tr++) {
      const pick = sampleByWeight(dist, total, order, n, rng);
      let pot = 0;
      for (let t = 0; t < n; t++) {
        const i = order[t] as number;
        const dd = Math.min(dist[i] as number, Math.max(0, 1 - dot(X, i * d, X, pick * d, d)));
        cand[i] = dd;
        pot += dd;
      }
      if (pot < bestPot) {
        bestPot = pot;
        bestPick = pick;
        bestDist.set(cand);
      }
    }
    centres.set(X.subarray(bestPick * d, bestPick * d + d), c * d);
    dist.set(bestDist);
  }
  return centres;
}

/** An input drawn with probability proportional to its weight (`total` = their sum), visiting inputs in `order`. */
function sampleByWeight(weight: Float64Array, total: number, order: Int32Array, n: number, rng: RandomSource): number {
  let u = randomFloat(rng) * total;
  for (let t = 0; t < n; t++) {
    const i = order[t] as number;
    u -= weight[i] as number;
    if (u <= 0) return i;
  }
  return order[n - 1] as number;
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007) over the id-hash order (so seeding does not depend on input order). */
function plusPlusSeeds(X: Float64Array, n: number, d: number, k: number, rng: RandomSource, order: Int32Array): Float64Array {
  const centres = new Float64Array(k * d);
  const first = order[randomInt(rng, n)] as number;
  centres.set(X.subarray(first * d, first * d + d), 0);
  const dist = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let t = 0; t < n; t++) {
      const i = order[t] as number;
      const dd = Math.max(0, 1 - dot(X, i * d, centres, (c - 1) * d, d));
      if (dd < (dist[i] as number)) dist[i] = dd;
      total += dist[i] as number;
    }
    const pick = sampleByWeight(dist, total, order, n, rng);
    centres.set(X.subarray(pick * d, pick * d + d), c * d);
  }
  return centres;
}

/**
 * Spherical k-means on unit rows; returns assignment, centres and the objective (sum of cosines).
 * Seeding: k-means++ (`trials` = 1) or greedy k-means++ with `trials` candidates per centre. At most 50
 * iterations per restart; the best objective wins (the earliest on ties within 1e-9).
 */
export function sphericalKMeans(X: Float64Array, n: number, d: number, k: number, rng: RandomSource, restarts: number, order: Int32Array, trials = 1): KMeansResult {
  let best: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    const centres = trials > 1 ? greedySeeds(X, n, d, k, rng, order, trials) : plusPlusSeeds(X, n, d, k, rng, order);
    const assign = new Int32Array(n).fill(-1);
    let objective = 0;
    for (let it = 0; it < 50; it++) {
      const step = assignNearest(X, n, d, k, centres, assign);
      objective = step.objective;
      updateCentres(X, n, d, k, centres, assign);
      if (step.changed === 0) break;
    }
    if (!best || objective > best.objective + 1e-9) best = { assign, centres, objective };
  }
  return best as KMeansResult;
}

/** Puts each row with its most similar centre (the first on ties); returns how many moved and the sum of their cosines. */
function assignNearest(X: Float64Array, n: number, d: number, k: number, centres: Float64Array, assign: Int32Array): { changed: number; objective: number } {
  let changed = 0;
  let objective = 0;
  for (let i = 0; i < n; i++) {
    let bc = 0;
    let bs = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = dot(X, i * d, centres, c * d, d);
      if (s > bs) {
        bs = s;
        bc = c;
      }
    }
    objective += bs;
    if (assign[i] !== bc) {
      assign[i] = bc;
      changed++;
    }
  }
  return { changed, objective };
}

/** Moves each centre to the unit-length mean direction of its rows; an empty cluster is re-seeded at the row farthest from its centre. */
function updateCentres(X: Float64Array, n: number, d: number, k: number, centres: Float64Array, assign: Int32Array): void {
  centres.fill(0);
  for (let i = 0; i < n; i++) {
    const c = assign[i] as number;
    for (let j = 0; j < d; j++) centres[c * d + j] = (centres[c * d + j] as number) + (X[i * d + j] as number);
  }
  for (let c = 0; c < k; c++) {
    let nrm = 0;
    for (let j = 0; j < d; j++) nrm += (centres[c * d + j] as number) ** 2;
    nrm = Math.sqrt(nrm);
    if (nrm === 0) {
      // Empty cluster: re-seed at the point farthest from its centre.
      let far = 0;
      let fs = Infinity;
      for (let i = 0; i < n; i++) {
        const s = dot(X, i * d, centres, (assign[i] as number) * d, d);
        if (s < fs) {
          fs = s;
          far = i;
        }
      }
      centres.set(X.subarray(far * d, far * d + d), c * d);
    } else for (let j = 0; j < d; j++) centres[c * d + j] = (centres[c * d + j] as number) / nrm;
  }
}

/** The first `cols` of the d columns of the row-major n×d matrix X, each row scaled to unit length. */
export function unitRows(X: Float64Array, n: number, d: number, cols: number): Float64Array {
  const Y = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    let nrm = 0;
    for (let j = 0; j < cols; j++) nrm += (X[i * d + j] as number) ** 2;
    nrm = Math.sqrt(nrm);
    if (nrm > 0) for (let j = 0; j < cols; j++) Y[i * cols + j] = (X[i * d + j] as number) / nrm;
  }
  return Y;
}

/** Mean silhouette with cosine distance of a sample of rows under an assignment. */
export function silhouette(X: Float64Array, d: number, sample: readonly number[], assign: Int32Array, k: number): number {
  let total = 0;
  for (const i of sample) {
    const sums = new Float64Array(k);
    const counts = new Int32Array(k);
    for (const j of sample) {
      if (j === i) continue;
      const c = assign[j] as number;
      sums[c] = (sums[c] as number) + (1 - dot(X, i * d, X, j * d, d));
      counts[c] = (counts[c] as number) + 1;
    }
    const own = assign[i] as number;
    if ((counts[own] as number) === 0) continue;
    const a = (sums[own] as number) / (counts[own] as number);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && (counts[c] as number) > 0) b = Math.min(b, (sums[c] as number) / (counts[c] as number));
    if (b === Infinity) continue;
    total += (b - a) / Math.max(a, b, 1e-12);
  }
  return sample.length ? total / sample.length : 0;
}
