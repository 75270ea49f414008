/**
 * Pol.is's two-level clustering on the 2-D map: k-means into (up to) 100 base clusters, then weighted k-means
 * on the base-cluster centres for k = 2..5, keeping the k with the best silhouette.
 * Initialisation takes the first k distinct points in input order (Pol.is's "first distinct rows"), so the
 * result is deterministic. Distance ties go to the lowest cluster index.
 */

/** A k-means result: assignment per point and the centres (x, y interleaved) of the non-empty clusters. */
export interface KMeansResult {
  assignment: Int32Array;
  centers: Float64Array;
  k: number;
  iterations: number;
}

/**
 * Weighted k-means on 2-D points (x, y interleaved). Starts from the first k distinct points, iterates until
 * no assignment changes (or maxIterations), and drops clusters that become empty (renumbering in order).
 */
export function kmeans2d(points: Float64Array, k: number, weights?: Float64Array, maxIterations = 100): KMeansResult {
  const n = points.length / 2;
  const init: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < n && init.length < 2 * k; i++) {
    const key = `${points[2 * i]},${points[2 * i + 1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    init.push(points[2 * i]!, points[2 * i + 1]!);
  }
  let centers = Float64Array.from(init);
  let kk = centers.length / 2;
  let assignment = new Int32Array(n).fill(-1);
  // Hamerly's bounds: upper[i] ≥ the distance to the assigned centre, lower[i] ≤ the distance to any other.
  // A point whose upper bound is clearly below its lower bound keeps its centre without a search; the margin
  // (1e-9 relative) is far above rounding, so the assignment is the one the full search would give.
  const upper = new Float64Array(n).fill(Infinity);
  const lower = new Float64Array(n);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = false;
    const next = new Int32Array(n);
    // nearest centre, searching outwards from the point's x in x-sorted centre order and stopping once the
    // x-distance alone exceeds the second-best distance: the same answer as a full scan (ties: lowest index)
    const order = Array.from({ length: kk }, (_, c) => c).sort((a, b) => centers[2 * a]! - centers[2 * b]! || a - b);
    const ox = new Float64Array(kk), oy = new Float64Array(kk), oi = new Int32Array(kk);
    order.forEach((c, t) => { ox[t] = centers[2 * c]!; oy[t] = centers[2 * c + 1]!; oi[t] = c; });
    for (let i = 0; i < n; i++) {
      const l = lower[i]!;
      const x = points[2 * i]!, y = points[2 * i + 1]!;
      const a = assignment[i]!;
      if (a >= 0) {
        let u = upper[i]!;
        if (!(u + 1e-9 * (u + l) < l)) {
          // the bound is loose: the exact distance to the centre the point has
          const ux = x - centers[2 * a]!, uy = y - centers[2 * a + 1]!;
          u = Math.sqrt(ux * ux + uy * uy);
          upper[i] = u;
        }
        if (u + 1e-9 * (u + l) < l) {
          next[i] = a;
          continue;
        }
      }
      let lo = 0, hi = kk;
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (ox[mid]! < x) lo = mid + 1; else hi = mid; }
      let best = -1, bestD = Infinity, secondD = Infinity;
      let left = lo - 1, right = lo;
      while (left >= 0 || right < kk) {
        const dl = left >= 0 ? x - ox[left]! : Infinity;
        const dr = right < kk ? ox[right]! - x : Infinity;
        const t = dl <= dr ? left-- : right++;
        const dx = x - ox[t]!;
        if (dx * dx > secondD) break;
        const dy = y - oy[t]!;
        const d = dx * dx + dy * dy;
        if (d < bestD || (d === bestD && oi[t]! < best)) { secondD = bestD; bestD = d; best = oi[t]!; }
        else if (d < secondD) secondD = d;
      }
      next[i] = best;
      upper[i] = Math.sqrt(bestD);
      lower[i] = Math.sqrt(secondD);
      if (best !== assignment[i]) changed = true;
    }
    if (!changed) break;
    // recentre; drop empty clusters and renumber in order
    const sx = new Float64Array(kk), sy = new Float64Array(kk), sw = new Float64Array(kk);
    for (let i = 0; i < n; i++) {
      const c = next[i]!, w = weights ? weights[i]! : 1;
      sx[c]! += w * points[2 * i]!; sy[c]! += w * points[2 * i + 1]!; sw[c]! += w;
    }
    const remap = new Int32Array(kk).fill(-1);
    const moved = new Float64Array(kk);
    let maxMoved = 0, secondMoved = 0;
    const nc: number[] = [];
    for (let c = 0; c < kk; c++) {
      if (sw[c]! > 0) {
        remap[c] = nc.length / 2;
        const cx = sx[c]! / sw[c]!, cy = sy[c]! / sw[c]!;
        nc.push(cx, cy);
        const mx = cx - centers[2 * c]!, my = cy - centers[2 * c + 1]!;
        moved[c] = Math.sqrt(mx * mx + my * my);
        if (moved[c]! > maxMoved) { secondMoved = maxMoved; maxMoved = moved[c]!; } else if (moved[c]! > secondMoved) secondMoved = moved[c]!;
      }
    }
    for (let i = 0; i < n; i++) {
      const m = moved[next[i]!]!;
      upper[i]! += m;
      lower[i]! -= m === maxMoved ? secondMoved : maxMoved; // the others moved at most this far
      next[i] = remap[next[i]!]!;
    }
    centers = Float64Array.from(nc);
    kk = nc.length / 2;
    assignment = next;
  }
  return { assignment, centers, k: kk, iterations };
}

/**
 * Silhouette coefficient of a clustering, as Pol.is computes it on base-cluster centres: a point's mean
 * distance to the other members of its own cluster (0 for a singleton) against the nearest other cluster's
 * mean distance, averaged over points without weights. (Checked against Pol.is's stored silhouettes.)
 */
export function silhouette(points: Float64Array, assignment: Int32Array, k: number): number {
  const n = points.length / 2;
  if (k < 2 || n === 0) return 0;
  const sum = new Float64Array(k), cnt = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    sum.fill(0); cnt.fill(0);
    const x = points[2 * i]!, y = points[2 * i + 1]!;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const c = assignment[j]!;
      sum[c]! += Math.hypot(x - points[2 * j]!, y - points[2 * j + 1]!);
      cnt[c]! += 1;
    }
    const own = assignment[i]!;
    const a = cnt[own]! > 0 ? sum[own]! / cnt[own]! : 0;
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && cnt[c]! > 0) b = Math.min(b, sum[c]! / cnt[c]!);
    const m = Math.max(a, b);
    total += m > 0 && Number.isFinite(b) ? (b - a) / m : 0;
  }
  return total / n;
}

/** Group clustering for every k tried, with the best one by silhouette. */
export interface GroupClustering {
  /** Group index per base cluster, for the best k. */
  assignment: Int32Array;
  k: number;
  silhouettes: Record<number, number>;
  /** The clustering for each k tried (key = k requested). */
  byK: Record<number, { assignment: Int32Array; k: number }>;
}

/**
 * Clusters base-cluster centres (weighted by member counts) into groups: k = 2..maxK where
 * maxK = min(5, 2 + floor(nBase / 12)) as in Pol.is; the best silhouette wins, ties go to the smaller k.
 * With fewer than two distinct centres everything is one group.
 */
export function clusterGroups(centers: Float64Array, weights: Float64Array, maxGroups = 5): GroupClustering {
  const nBase = centers.length / 2;
  const maxK = Math.min(maxGroups, 2 + Math.floor(nBase / 12), nBase);
  let best: { assignment: Int32Array; k: number } = { assignment: new Int32Array(nBase), k: nBase > 0 ? 1 : 0 };
  let bestS = -Infinity;
  const silhouettes: Record<number, number> = {};
  const byK: Record<number, { assignment: Int32Array; k: number }> = {};
  for (let k = 2; k <= maxK; k++) {
    const km = kmeans2d(centers, k, weights);
    if (km.k < 2) continue;
    const s = silhouette(centers, km.assignment, km.k);
    silhouettes[k] = s;
    const entry = { assignment: km.assignment, k: km.k };
    byK[k] = entry;
    if (s > bestS) { bestS = s; best = entry; }
  }
  return { assignment: best.assignment, k: best.k, silhouettes, byK };
}

/** Pol.is's smoothing of the number of groups across recomputes (carried in the result). */
export interface KSmoother {
  /** Best k by silhouette at this recompute. */
  lastK: number;
  /** How many consecutive recomputes lastK has been the best. */
  lastKCount: number;
  /** The k actually used. */
  smoothedK: number;
}

/**
 * Pol.is's group-k smoother: the number of groups changes only after a new k has been the best for `buffer`
 * consecutive recomputes (Pol.is: 4), so groups do not flicker between k = 2 and 3 as single votes arrive.
 * Without history the best k is used at once.
 */
export function smoothK(previous: KSmoother | null | undefined, bestK: number, buffer = 4): KSmoother {
  if (!previous) return { lastK: bestK, lastKCount: 1, smoothedK: bestK };
  const count = previous.lastK === bestK ? previous.lastKCount + 1 : 1;
  return { lastK: bestK, lastKCount: count, smoothedK: count >= buffer ? bestK : previous.smoothedK };
}
