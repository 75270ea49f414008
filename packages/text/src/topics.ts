// Topics: TF-IDF (stems + char n-grams) → 30-nearest-neighbour similarity graph → spectral embedding
// (Ng, Jordan & Weiss 2001) → unit vectors → spherical k-means with k-means++ seeding and several restarts (Dhillon & Modha 2001; Arthur & Vassilvitskii 2007). k is given, or
// chosen as the k whose clustering has the largest modularity on the similarity graph (Newman &
// Girvan 2004; Newman 2006; built-in path) or the largest mean silhouette (Rousseeuw 1987, cosine
// distance) on a sample (external embeddings).
// Inputs far from every centre, and groups too small to stand alone, go to an "other" bucket instead
// of being forced into a topic. Labels are the topic's most distinctive terms (class-based TF-IDF:
// the topic's mean weight minus the corpus mean), shown as the most frequent surface word of each stem.

import { analyzeAuto, type Analyzed, type StemLanguage } from './tokenize.ts';
import type { LanguageCode } from './language.ts';
import { fitVectorizer, scoreDocuments, transform, type FeatureOptions, type Vectorizer } from './features.ts';
import { truncatedSvd } from './lsa.ts';
import { nearestNeighbours } from './knn.ts';
import { createRng, hashString, type Rng } from './rng.ts';
import type { SparseVector } from './sparse.ts';

/** One input to analyse. */
export interface TextInput {
  id: string;
  text: string;
  meta?: Record<string, string>;
}

/** Options for {@link findTopics}. */
export interface TopicOptions {
  /** Number of topics; omit to choose automatically. */
  k?: number;
  /** Largest k tried when choosing automatically. Default min(20, ⌊√n⌋). */
  maxK?: number;
  /** Seed for SVD and k-means. Default 'tingsted'. */
  seed?: string | number;
  /** Stemming language or 'auto' (detect per input). Default 'auto'. */
  language?: StemLanguage | 'auto';
  /** Spectral embedding dimensions. Default k (the number of topics), as in Ng, Jordan & Weiss. */
  dimensions?: number;
  /** Features in more than this share of inputs are ignored when finding neighbours. Default 0.05. */
  neighbourMaxDf?: number;
  /** Above this many inputs, topics are found on a sample of this size and the rest join the nearest topic. Default 3,000. */
  sampleSize?: number;
  /** Features used to find neighbours: 'all' (stems and char n-grams) or 'words' (stems only). Default 'all'. */
  neighbourFeatures?: 'all' | 'words';
  /** Neighbours per input in the similarity graph. Default √n, at least 30 and at most 100. */
  neighbours?: number;
  /** k-means restarts (the best objective wins). Default 4. */
  restarts?: number;
  /**
   * Inputs whose mean similarity to their 5 nearest neighbours is below this share of the corpus
   * median go to "other" (built-in path); with external vectors, inputs whose cosine to their topic
   * centre is below this value. Default 0.4 (built-in), 0.2 (external).
   */
  minSimilarity?: number;
  /** Topics smaller than this are dissolved into "other". Default max(3, 1 % of n). */
  minTopicSize?: number;
  /** Number of keywords per topic. Default 8. */
  keywords?: number;
  /** Number of representative inputs per topic. Default 3. */
  representatives?: number;
  /** Precomputed document vectors (e.g. from an embedding provider), one per input, instead of LSA. */
  vectors?: readonly (readonly number[])[];
  /** Name of the path that produced `vectors`. Default 'builtin'. */
  provider?: string;
  /** Vectoriser options. */
  features?: FeatureOptions;
}

/** One topic: its label (key terms), keywords with weights, members by closeness, representatives. */
export interface Topic {
  id: string;
  label: string;
  keywords: string[];
  size: number;
  members: string[];
  representatives: string[];
  cohesion: number;
}

/** Result of {@link findTopics}. `other` holds inputs placed in no topic (too far, or too small a group). */
export interface TopicResult {
  topics: Topic[];
  other: string[];
  k: number;
  /** How k was set: given, by the modularity of the clustering on the similarity graph (built-in path), or by silhouette (external vectors). */
  kChosen: 'given' | 'modularity' | 'silhouette';
  silhouettes: { k: number; silhouette: number }[];
  /** Modularity of the clustering for each k tried (built-in path, k automatic). */
  modularities: { k: number; modularity: number }[];
  /** Gaps between consecutive eigenvalues of the normalised similarity matrix (for information; built-in path, k automatic). */
  eigengaps: { k: number; gap: number }[];
  assignments: Record<string, string>;
  provider: string;
  warnings: string[];
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
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
function greedySeeds(X: Float64Array, n: number, d: number, k: number, rng: Rng, order: Int32Array, trials: number): Float64Array {
  const centres = new Float64Array(k * d);
  const first = order[rng.int(n)] as number;
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
function sampleByWeight(weight: Float64Array, total: number, order: Int32Array, n: number, rng: Rng): number {
  let u = rng.next() * total;
  for (let t = 0; t < n; t++) {
    const i = order[t] as number;
    u -= weight[i] as number;
    if (u <= 0) return i;
  }
  return order[n - 1] as number;
}

/** k-means++ seeding (Arthur & Vassilvitskii 2007) over the id-hash order (so seeding does not depend on input order). */
function plusPlusSeeds(X: Float64Array, n: number, d: number, k: number, rng: Rng, order: Int32Array): Float64Array {
  const centres = new Float64Array(k * d);
  const first = order[rng.int(n)] as number;
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
 * Seeding: k-means++ (`trials` = 1) or greedy k-means++ with `trials` candidates per centre.
 */
function sphericalKMeans(X: Float64Array, n: number, d: number, k: number, rng: Rng, restarts: number, order: Int32Array, trials = 1): { assign: Int32Array; centres: Float64Array; objective: number } {
  let best: { assign: Int32Array; centres: Float64Array; objective: number } | null = null;
  for (let r = 0; r < restarts; r++) {
    const centres = trials > 1 ? greedySeeds(X, n, d, k, rng, order, trials) : plusPlusSeeds(X, n, d, k, rng, order);
    const assign = new Int32Array(n).fill(-1);
    let objective = 0;
    for (let it = 0; it < 50; it++) {
      let changed = 0;
      objective = 0;
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
      if (changed === 0) break;
    }
    if (!best || objective > best.objective + 1e-9) best = { assign, centres, objective };
  }
  return best as { assign: Int32Array; centres: Float64Array; objective: number };
}

/** The first `cols` of the d columns of the row-major n×d matrix X, each row scaled to unit length. */
function unitRows(X: Float64Array, n: number, d: number, cols: number): Float64Array {
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
function silhouette(X: Float64Array, d: number, sample: readonly number[], assign: Int32Array, k: number): number {
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

/** The symmetrised neighbour graph: rows of D^-1/2 A D^-1/2, the weights A of the same entries, the degrees D. */
interface SimilarityGraph {
  normalised: SparseVector[];
  weights: Float32Array[];
  degree: Float64Array;
}

/**
 * The normalised affinity matrix D^-1/2 A D^-1/2 of the symmetrised neighbour graph: A(i, j) is the
 * (positive) similarity when j is among i's neighbours or i among j's, D the row sums. Each row's
 * sum adds its entries in the order they are first met when the neighbour lists are read in order
 * (i, then i's t-th neighbour, adding the entries (i, j) and (j, i)), so the result does not
 * depend on how the rows are stored. A itself and D are returned too (for modularity).
 */
function similarityGraph(nn: readonly { idx: Int32Array; sim: Float32Array }[]): SimilarityGraph {
  const n = nn.length;
  const count = new Int32Array(n + 1);
  nn.forEach((nb, i) => {
    for (let t = 0; t < nb.idx.length; t++) {
      if (!((nb.sim[t] as number) > 0)) continue;
      count[i + 1] = (count[i + 1] as number) + 1;
      count[(nb.idx[t] as number) + 1] = (count[(nb.idx[t] as number) + 1] as number) + 1;
    }
  });
  for (let i = 0; i < n; i++) count[i + 1] = (count[i + 1] as number) + (count[i] as number);
  const fill = count.slice(0, n);
  const key = new Int32Array(count[n] as number);
  const val = new Float64Array(count[n] as number);
  nn.forEach((nb, i) => {
    for (let t = 0; t < nb.idx.length; t++) {
      const s = nb.sim[t] as number;
      if (!(s > 0)) continue;
      const j = nb.idx[t] as number;
      let at = fill[i] as number;
      key[at] = j;
      val[at] = s;
      fill[i] = at + 1;
      at = fill[j] as number;
      key[at] = i;
      val[at] = s;
      fill[j] = at + 1;
    }
  });
  // Per row: merge repeated keys (keeping the first position and the larger value), sum in order.
  const pos = new Int32Array(n).fill(-1);
  const rowLen = new Int32Array(n);
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = count[i] as number;
    let e = b;
    for (let q = b; q < (count[i + 1] as number); q++) {
      const j = key[q] as number;
      const p = pos[j] as number;
      if (p >= 0) {
        if ((val[q] as number) > (val[p] as number)) val[p] = val[q] as number;
        continue;
      }
      pos[j] = e;
      key[e] = j;
      val[e] = val[q] as number;
      e++;
    }
    let d = 0;
    for (let q = b; q < e; q++) {
      d += val[q] as number;
      pos[key[q] as number] = -1;
    }
    deg[i] = d;
    rowLen[i] = e - b;
  }
  const out: SparseVector[] = [];
  const weights: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const b = count[i] as number;
    const len = rowLen[i] as number;
    const order = Array.from({ length: len }, (_, q) => b + q).sort((x, y) => (key[x] as number) - (key[y] as number));
    const idx = new Int32Array(len);
    const v = new Float32Array(len);
    const a = new Float32Array(len);
    order.forEach((q, r) => {
      const j = key[q] as number;
      idx[r] = j;
      a[r] = val[q] as number;
      v[r] = (val[q] as number) / Math.sqrt((deg[i] as number) * (deg[j] as number));
    });
    out.push({ idx, val: v });
    weights.push(a);
  }
  return { normalised: out, weights, degree: deg };
}

/**
 * Modularity (Newman & Girvan 2004; Newman 2006) of a partition of the weighted graph:
 * Q = Σ_c [ A_c / 2m − (D_c / 2m)² ], where A_c sums the weights of the (ordered) pairs inside
 * topic c, D_c the degrees of its members, 2m all degrees. Q is the share of edge weight inside
 * topics minus what a random graph with the same degrees would put there.
 */
function modularity(g: SimilarityGraph, assign: Int32Array, k: number): number {
  const n = g.degree.length;
  const volume = new Float64Array(k);
  let total = 0;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const c = assign[i] as number;
    const di = g.degree[i] as number;
    volume[c] = (volume[c] as number) + di;
    total += di;
    const idx = (g.normalised[i] as SparseVector).idx;
    const w = g.weights[i] as Float32Array;
    for (let q = 0; q < idx.length; q++) if (assign[idx[q] as number] === c) inside += w[q] as number;
  }
  if (!(total > 0)) return 0;
  let q = inside / total;
  for (let c = 0; c < k; c++) q -= ((volume[c] as number) / total) ** 2;
  return q;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Groups inputs into topics. Deterministic for a seed; ties (equal sizes) are ordered by the smallest
 * member id. Inputs with an empty text are reported in `warnings` and placed in `other`.
 */
export function findTopics(inputs: readonly TextInput[], options: TopicOptions = {}): TopicResult {
  const limit = options.sampleSize ?? 3000;
  if (options.vectors || inputs.length <= limit) return findTopicsOnAll(inputs, options);
  return findTopicsOnSample(inputs, options, limit);
}

/**
 * Large inputs: topics are found on a sample of `limit` inputs (the first in id-hash order, so the
 * sample does not depend on input order), and every other input joins the topic whose TF-IDF
 * centroid is most similar — or "other" when that similarity is below half the median similarity of
 * the sample's members to their own centroid.
 */
function findTopicsOnSample(inputs: readonly TextInput[], options: TopicOptions, limit: number): TopicResult {
  const order = inputs.map((x, i) => i).sort((a, b) => {
    const ia = (inputs[a] as TextInput).id;
    const ib = (inputs[b] as TextInput).id;
    return hashString(ia) - hashString(ib) || cmpStr(ia, ib);
  });
  const inSample = new Uint8Array(inputs.length);
  for (const i of order.slice(0, limit)) inSample[i] = 1;
  const sampleIdx = inputs.map((_, i) => i).filter((i) => inSample[i] === 1);
  const sample = sampleIdx.map((i) => inputs[i] as TextInput);
  const language = options.language ?? 'auto';
  const analyzed = inputs.map((inp) => analyzeAuto(inp.text, language));
  const fitted: Fitted = {};
  const base = findTopicsOnAll(sample, options, sampleIdx.map((i) => analyzed[i] as Analyzed & { language: LanguageCode | 'none' }), fitted);
  // When every sample input has words, the sample's vectoriser and vectors are exactly those fitted
  // for the sample's topics (same documents, same options): reuse them.
  const reuse = fitted.feat !== undefined && fitted.rows !== undefined && fitted.rows.length === sample.length;
  const feat = reuse
    ? (fitted.feat as Vectorizer)
    : fitVectorizer(
        sampleIdx.map((i) => analyzed[i] as Analyzed),
        options.features ?? { minDf: 2, maxDfRatio: 0.5, charNgrams: [3, 5], charWeight: 0.6, hashBits: 18, maxWordFeatures: 30000 },
      );
  const samplePos = new Map(sampleIdx.map((i, r) => [i, r]));
  const index = new Map(inputs.map((x, i) => [x.id, i]));
  // Dense unit-length centroids stored feature-major (the K values of feature f at [f·K, f·K + K)),
  // so scoring an input touches one cache line per feature. Only the sample's members are turned
  // into vectors; every input is then scored without building its vector (scoreDocument).
  const K = base.topics.length;
  const cent = new Float32Array(feat.dim * K);
  // A row is used when some member has the feature (vector values are positive).
  const used = new Uint8Array(feat.dim);
  base.topics.forEach((t, ti) => {
    for (const id of t.members) {
      const i = index.get(id) as number;
      const r = reuse ? ((fitted.rows as SparseVector[])[samplePos.get(i) as number] as SparseVector) : transform(feat, analyzed[i] as Analyzed);
      for (let q = 0; q < r.idx.length; q++) {
        const f = r.idx[q] as number;
        const at = f * K + ti;
        cent[at] = (cent[at] as number) + (r.val[q] as number);
        used[f] = 1;
      }
    }
  });
  const norms = new Float64Array(K);
  for (let f = 0; f < feat.dim; f++) {
    if (used[f] === 0) continue;
    for (let c = 0; c < K; c++) norms[c] = (norms[c] as number) + (cent[f * K + c] as number) ** 2;
  }
  const all = scoreDocuments(feat, analyzed, cent, K, new Float64Array(K), used);
  for (let i = 0; i < inputs.length; i++) for (let c = 0; c < K; c++) all[i * K + c] = (all[i * K + c] as number) / (Math.sqrt(norms[c] as number) || 1);
  /** Cosine of input i to every centroid. */
  const scores = (i: number): Float64Array => all.subarray(i * K, i * K + K);
  const own: number[] = [];
  const sim = new Float64Array(inputs.length);
  const topicOf = new Int32Array(inputs.length).fill(-1);
  base.topics.forEach((t, ti) => {
    for (const id of t.members) {
      const i = index.get(id) as number;
      sim[i] = scores(i)[ti] as number;
      topicOf[i] = ti;
      own.push(sim[i] as number);
    }
  });
  own.sort((a, b) => a - b);
  const floor = 0.5 * (own[Math.floor(own.length / 2)] ?? 0);
  const other = new Set(base.other);
  inputs.forEach((inp, i) => {
    if (inSample[i] === 1) return;
    if ((analyzed[i] as Analyzed).tokens.length === 0) {
      other.add(inp.id);
      base.warnings.push(`input "${inp.id}" has no words and is placed in other`);
      return;
    }
    let best = -1;
    let bs = -Infinity;
    const sc = scores(i);
    for (let ti = 0; ti < K; ti++) {
      if ((sc[ti] as number) > bs) {
        bs = sc[ti] as number;
        best = ti;
      }
    }
    if (best < 0 || bs < floor) other.add(inp.id);
    else {
      topicOf[i] = best;
      sim[i] = bs;
    }
  });
  const groups = base.topics.map((t, ti) => ({ t, members: inputs.map((_, i) => i).filter((i) => topicOf[i] === ti) }));
  const ranked = groups
    .map(({ t, members }) => {
      const sorted = members.sort((a, b) => (sim[b] as number) - (sim[a] as number) || cmpStr((inputs[a] as TextInput).id, (inputs[b] as TextInput).id)).map((i) => (inputs[i] as TextInput).id);
      return { t, ids: sorted, minId: sorted.slice().sort(cmpStr)[0] as string, cohesion: members.reduce((acc, i) => acc + (sim[i] as number), 0) / Math.max(1, members.length) };
    })
    .sort((a, b) => b.ids.length - a.ids.length || cmpStr(a.minId, b.minId));
  const nReps = options.representatives ?? 3;
  const topics: Topic[] = ranked.map((r, i) => ({ ...r.t, id: `t${i + 1}`, size: r.ids.length, members: r.ids, representatives: r.ids.slice(0, nReps), cohesion: r.cohesion }));
  const assignments: Record<string, string> = {};
  for (const t of topics) for (const m of t.members) assignments[m] = t.id;
  const otherIds = [...other].sort(cmpStr);
  for (const o of otherIds) assignments[o] = 'other';
  base.warnings.push(`topics found on a sample of ${limit} of ${inputs.length} inputs; the rest joined the nearest topic`);
  return { ...base, topics, other: otherIds, assignments };
}

/** The vectoriser and vectors {@link findTopicsOnAll} fitted (rows of the inputs with words, in order). */
interface Fitted {
  feat?: Vectorizer;
  rows?: SparseVector[];
}

function findTopicsOnAll(inputs: readonly TextInput[], options: TopicOptions = {}, preAnalyzed?: readonly (Analyzed & { language: LanguageCode | 'none' })[], fitted?: Fitted): TopicResult {
  const warnings: string[] = [];
  const seed = String(options.seed ?? 'tingsted');
  const language = options.language ?? 'auto';
  const unknown: string[] = [];
  const analyzed: Analyzed[] = inputs.map((inp, i) => {
    const a = preAnalyzed?.[i] ?? analyzeAuto(inp.text, language);
    if (a.language === 'und' && inp.text.trim() !== '') unknown.push(inp.id);
    return a;
  });
  if (unknown.length > 0) {
    warnings.push(`language not recognised for ${unknown.length} input(s) (analysed without stop words or stems): ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? ', …' : ''}`);
  }
  const usable: number[] = [];
  analyzed.forEach((a, i) => {
    if (a.tokens.length === 0) warnings.push(`input "${(inputs[i] as TextInput).id}" has no words and is placed in other`);
    else usable.push(i);
  });
  const n = usable.length;
  const provider = options.vectors ? (options.provider ?? 'external') : 'builtin';
  const empty: TopicResult = { topics: [], other: inputs.map((x) => x.id), k: 0, kChosen: options.k !== undefined ? 'given' : options.vectors ? 'silhouette' : 'modularity', silhouettes: [], modularities: [], eigengaps: [], assignments: {}, provider, warnings };
  if (n < 2) {
    warnings.push('fewer than two inputs with words: no topics');
    return empty;
  }
  const feat = fitVectorizer(
    usable.map((i) => analyzed[i] as Analyzed),
    options.features ?? { minDf: 2, maxDfRatio: 0.5, charNgrams: [3, 5], charWeight: 0.6, hashBits: 18, maxWordFeatures: 30000 },
  );
  const rows: SparseVector[] = usable.map((i) => transform(feat, analyzed[i] as Analyzed));
  if (fitted) {
    fitted.feat = feat;
    fitted.rows = rows;
  }
  // Document coordinates: external vectors or LSA, each row scaled to unit length.
  let d: number;
  let X: Float64Array;
  const eigengaps: { k: number; gap: number }[] = [];
  const modularities: { k: number; modularity: number }[] = [];
  const outlier = new Uint8Array(n);
  let graphK = 0;
  // Inputs in the order of a hash of their ids (k-means++ seeding visits them in this order).
  const order = Int32Array.from(
    [...Array(n).keys()].sort((a, b) => {
      const ia = (inputs[usable[a] as number] as TextInput).id;
      const ib = (inputs[usable[b] as number] as TextInput).id;
      return hashString(ia) - hashString(ib) || cmpStr(ia, ib);
    }),
  );
  if (options.vectors) {
    d = (options.vectors[0] ?? []).length;
    X = new Float64Array(n * d);
    usable.forEach((i, r) => {
      const v = options.vectors?.[i] ?? [];
      if (v.length !== d) throw new Error(`vectors[${i}] has length ${v.length}, expected ${d}`);
      X.set(v, r * d);
    });
  } else {
    // Spectral embedding (Ng, Jordan & Weiss 2001) of the symmetrised m-nearest-neighbour graph:
    // W = D^-1/2 A D^-1/2, top eigenvectors by randomized subspace iteration.
    const m = Math.min(options.neighbours ?? Math.max(30, Math.min(100, Math.round(Math.sqrt(n)))), n - 1);
    // Neighbour search on the word block only when asked (faster: words are sparser than char n-grams).
    const V0 = feat.terms.length;
    const searchRows =
      (options.neighbourFeatures ?? 'all') === 'words'
        ? rows.map((r) => {
            let k = 0;
            while (k < r.idx.length && (r.idx[k] as number) < V0) k++;
            return { idx: r.idx.subarray(0, k), val: r.val.subarray(0, k) };
          })
        : rows;
    const nn = nearestNeighbours(searchRows, m, options.neighbourMaxDf ?? 0.05);
    const m5 = nn.map((x) => {
      let t = 0;
      for (let q = 0; q < 5 && q < x.sim.length; q++) t += x.sim[q] as number;
      return t / 5;
    });
    const sortedM5 = m5.slice().sort((a, b) => a - b);
    const median = sortedM5[Math.floor(n / 2)] as number;
    const share = options.minSimilarity ?? 0.4;
    m5.forEach((v, r) => {
      if (v < share * median) outlier[r] = 1;
    });
    const graph = similarityGraph(nn);
    const maxKAuto = Math.max(2, Math.min(options.maxK ?? 20, Math.floor(Math.sqrt(n)), n - 1));
    const dims = options.dimensions ?? Math.max(2, options.k ?? maxKAuto + 1);
    const svd = truncatedSvd(graph.normalised, dims, createRng(`${seed}:spectral`), 4);
    d = svd.rank;
    X = svd.coords;
    if (options.k === undefined) {
      // k = the number of topics whose partition has the largest modularity on the similarity graph
      // (Newman 2006). For each k the partition is made as with k given (rows of the top k
      // eigenvectors scaled to unit length, spherical k-means), but with one run seeded by greedy
      // k-means++ (2 + ⌊ln k⌋ candidates per centre) on the first 1,000 inputs in id-hash order,
      // after which every input joins its nearest centre.
      for (let kk = 2; kk <= Math.min(maxKAuto, d - 1); kk++) {
        eigengaps.push({ k: kk, gap: (svd.singularValues[kk - 1] as number) - (svd.singularValues[kk] as number) });
      }
      const scan = Math.min(n, 1000);
      const scanOrder = Int32Array.from({ length: scan }, (_, t) => t);
      const assign = new Int32Array(n);
      let bestQ = -Infinity;
      for (let kk = 2; kk <= Math.min(maxKAuto, d); kk++) {
        const Y = unitRows(X, n, d, kk);
        const YS = new Float64Array(scan * kk);
        for (let t = 0; t < scan; t++) {
          const i = order[t] as number;
          YS.set(Y.subarray(i * kk, i * kk + kk), t * kk);
        }
        const km = sphericalKMeans(YS, scan, kk, kk, createRng(`${seed}:k${kk}`), 1, scanOrder, 2 + Math.floor(Math.log(kk)));
        for (let i = 0; i < n; i++) {
          let bc = 0;
          let bs = -Infinity;
          for (let c = 0; c < kk; c++) {
            const v = dot(Y, i * kk, km.centres, c * kk, kk);
            if (v > bs) {
              bs = v;
              bc = c;
            }
          }
          assign[i] = bc;
        }
        const q = modularity(graph, assign, kk);
        modularities.push({ k: kk, modularity: q });
        if (q > bestQ + 1e-12) {
          bestQ = q;
          graphK = kk;
        }
      }
      const keep = Math.min(d, options.dimensions ?? graphK);
      if (keep < d) {
        const Y = new Float64Array(n * keep);
        for (let i = 0; i < n; i++) for (let j = 0; j < keep; j++) Y[i * keep + j] = X[i * d + j] as number;
        X = Y;
        d = keep;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    let nrm = 0;
    for (let j = 0; j < d; j++) nrm += (X[i * d + j] as number) ** 2;
    nrm = Math.sqrt(nrm);
    if (nrm > 0) for (let j = 0; j < d; j++) X[i * d + j] = (X[i * d + j] as number) / nrm;
  }
  const restarts = options.restarts ?? 4;
  let k: number;
  const silhouettes: { k: number; silhouette: number }[] = [];
  if (options.k !== undefined) {
    k = Math.max(1, Math.min(options.k, n));
  } else if (graphK > 0) {
    k = graphK;
  } else {
    const maxK = Math.max(2, Math.min(options.maxK ?? 20, Math.floor(Math.sqrt(n)), n - 1));
    // Select k on a sample of at most 1,500 inputs (taken in id-hash order: independent of input order).
    const m = Math.min(n, 1500);
    const sampleRows = Array.from(order.subarray(0, m)).sort((a, b) => a - b);
    const XS = new Float64Array(m * d);
    sampleRows.forEach((i, r) => XS.set(X.subarray(i * d, i * d + d), r * d));
    const sOrder = Int32Array.from([...Array(m).keys()]);
    const idx = [...Array(m).keys()];
    let bestK = 2;
    let bestS = -Infinity;
    for (let kk = 2; kk <= maxK; kk++) {
      const km = sphericalKMeans(XS, m, d, kk, createRng(`${seed}:k${kk}`), 2, sOrder);
      const s = silhouette(XS, d, idx, km.assign, kk);
      silhouettes.push({ k: kk, silhouette: s });
      if (s > bestS + 1e-12) {
        bestS = s;
        bestK = kk;
      }
    }
    k = bestK;
  }
  const km = sphericalKMeans(X, n, d, k, createRng(`${seed}:kmeans`), restarts, order);
  const sims = new Float64Array(n);
  for (let i = 0; i < n; i++) sims[i] = dot(X, i * d, km.centres, (km.assign[i] as number) * d, d);
  const minSim = options.vectors ? (options.minSimilarity ?? 0.2) : -Infinity;
  const minSize = options.minTopicSize ?? Math.max(3, Math.ceil(0.01 * n));
  const groups: number[][] = Array.from({ length: k }, () => []);
  const other: number[] = [];
  for (let i = 0; i < n; i++) {
    if ((sims[i] as number) < minSim || outlier[i] === 1) other.push(i);
    else (groups[km.assign[i] as number] as number[]).push(i);
  }
  const kept: number[][] = [];
  for (const g of groups) {
    if (g.length >= minSize) kept.push(g);
    else other.push(...g);
  }
  // Corpus mean of word features, for distinctive-term scoring.
  const V = feat.terms.length;
  const corpusMean = new Float64Array(V);
  for (const r of rows) for (let q = 0; q < r.idx.length; q++) if ((r.idx[q] as number) < V) corpusMean[r.idx[q] as number] = (corpusMean[r.idx[q] as number] as number) + (r.val[q] as number) / n;
  // Most frequent surface form per stem (ties: first in code-point order).
  const surface = new Map<string, Map<string, number>>();
  for (const i of usable) {
    const a = analyzed[i] as Analyzed;
    a.stems.forEach((s, j) => {
      const m = surface.get(s) ?? new Map<string, number>();
      const w = a.surfaces[j] as string;
      m.set(w, (m.get(w) ?? 0) + 1);
      surface.set(s, m);
    });
  }
  const show = (term: string): string =>
    term
      .split(' ')
      .map((s) => {
        const m = surface.get(s);
        if (!m) return s;
        return [...m.entries()].sort((x, y) => y[1] - x[1] || cmpStr(x[0], y[0]))[0]?.[0] ?? s;
      })
      .join(' ');
  const nKeywords = options.keywords ?? 8;
  const nReps = options.representatives ?? 3;
  const idOf = (r: number): string => (inputs[usable[r] as number] as TextInput).id;
  const topicsRaw = kept.map((g) => {
    const mean = new Float64Array(V);
    for (const r of g) {
      const row = rows[r] as SparseVector;
      for (let q = 0; q < row.idx.length; q++) if ((row.idx[q] as number) < V) mean[row.idx[q] as number] = (mean[row.idx[q] as number] as number) + (row.val[q] as number) / g.length;
    }
    const scored: { t: number; s: number }[] = [];
    for (let t = 0; t < V; t++) if ((mean[t] as number) > 0) scored.push({ t, s: (mean[t] as number) - (corpusMean[t] as number) });
    scored.sort((a, b) => b.s - a.s || a.t - b.t);
    const keywords: string[] = [];
    const usedStems = new Set<string>();
    for (const { t } of scored) {
      const term = feat.terms[t] as string;
      const parts = term.split(' ');
      if (parts.length === 1 && usedStems.has(term)) continue;
      const shown = show(term);
      if (keywords.includes(shown)) continue;
      keywords.push(shown);
      for (const p of parts) usedStems.add(p);
      if (keywords.length >= nKeywords) break;
    }
    const members = g.slice().sort((a, b) => (sims[b] as number) - (sims[a] as number) || cmpStr(idOf(a), idOf(b)));
    const cohesion = g.reduce((s, r) => s + (sims[r] as number), 0) / g.length;
    return { keywords, members: members.map(idOf), cohesion, minId: members.map(idOf).sort(cmpStr)[0] as string };
  });
  topicsRaw.sort((a, b) => b.members.length - a.members.length || cmpStr(a.minId, b.minId));
  const topics: Topic[] = topicsRaw.map((t, i) => ({
    id: `t${i + 1}`,
    label: t.keywords.slice(0, 3).join(', '),
    keywords: t.keywords,
    size: t.members.length,
    members: t.members,
    representatives: t.members.slice(0, nReps),
    cohesion: t.cohesion,
  }));
  const assignments: Record<string, string> = {};
  for (const t of topics) for (const m of t.members) assignments[m] = t.id;
  const otherIds = [...other.map(idOf), ...inputs.filter((_, i) => (analyzed[i] as Analyzed).tokens.length === 0).map((x) => x.id)].sort(cmpStr);
  for (const o of otherIds) assignments[o] = 'other';
  return { topics, other: otherIds, k, kChosen: options.k !== undefined ? 'given' : graphK > 0 ? 'modularity' : 'silhouette', silhouettes, modularities, eigengaps, assignments, provider, warnings };
}
