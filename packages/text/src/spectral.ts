// Document coordinates for topic finding on the built-in path: the spectral embedding (Ng, Jordan & Weiss
// 2001) of the symmetrised m-nearest-neighbour similarity graph, W = D^-1/2 A D^-1/2, whose top
// eigenvectors are found by randomized subspace iteration; with k chosen on the way when it is not given.

import { eigengaps, kByModularity } from './choose-k.ts';
import { nearestNeighbours } from './knn.ts';
import { truncatedSvd } from './lsa.ts';
import { createRandom } from '@tingsted/random';
import { TEXT_NAMESPACE } from './seed.ts';
import { similarityGraph } from './similarity-graph.ts';
import type { SparseVector } from './sparse.ts';
import type { TopicOptions } from './topic-types.ts';

/** The embedding (n × d, row-major), the inputs too far from their neighbours, and how k was chosen. */
export interface SpectralEmbedding {
  X: Float64Array;
  d: number;
  /** 1 for an input whose neighbours are too far (it goes to "other"). */
  outlier: Uint8Array;
  /** k chosen by modularity (0 when k was given). */
  graphK: number;
  eigengaps: { k: number; gap: number }[];
  modularities: { k: number; modularity: number }[];
}

/**
 * The spectral embedding of the n TF-IDF `rows` (the first `wordFeatures` features are the word
 * block). When `options.k` is not given, k is chosen by modularity (see kByModularity) and the
 * embedding keeps that many dimensions (or `options.dimensions`).
 */
export function spectralEmbedding(rows: readonly SparseVector[], wordFeatures: number, options: TopicOptions, seed: string, order: Int32Array): SpectralEmbedding {
  const n = rows.length;
  const m = Math.min(options.neighbours ?? Math.max(30, Math.min(100, Math.round(Math.sqrt(n)))), n - 1);
  const nn = nearestNeighbours(searchRows(rows, wordFeatures, options), m, options.neighbourMaxDf ?? 0.05);
  const outlier = outliers(nn, options.minSimilarity ?? 0.4);
  const graph = similarityGraph(nn);
  const maxKAuto = Math.max(2, Math.min(options.maxK ?? 20, Math.floor(Math.sqrt(n)), n - 1));
  const dims = options.dimensions ?? Math.max(2, options.k ?? maxKAuto + 1);
  const svd = truncatedSvd(graph.normalised, dims, createRandom(`${seed}:spectral`, TEXT_NAMESPACE), 4);
  let d = svd.rank;
  let X = svd.coords;
  if (options.k !== undefined) return { X, d, outlier, graphK: 0, eigengaps: [], modularities: [] };
  const gaps = eigengaps(svd.singularValues, maxKAuto, d);
  const chosen = kByModularity(X, n, d, graph, maxKAuto, order, seed);
  const keep = Math.min(d, options.dimensions ?? chosen.k);
  if (keep < d) {
    const Y = new Float64Array(n * keep);
    for (let i = 0; i < n; i++) for (let j = 0; j < keep; j++) Y[i * keep + j] = X[i * d + j] as number;
    X = Y;
    d = keep;
  }
  return { X, d, outlier, graphK: chosen.k, eigengaps: gaps, modularities: chosen.modularities };
}

/** The rows neighbours are searched on: all features, or only the word block when asked (faster: words are sparser than char n-grams). */
function searchRows(rows: readonly SparseVector[], wordFeatures: number, options: TopicOptions): readonly SparseVector[] {
  if ((options.neighbourFeatures ?? 'all') !== 'words') return rows;
  return rows.map((r) => {
    let k = 0;
    while (k < r.idx.length && (r.idx[k] as number) < wordFeatures) k++;
    return { idx: r.idx.subarray(0, k), val: r.val.subarray(0, k) };
  });
}

/** Inputs whose mean similarity to their 5 nearest neighbours is below `share` of the corpus median (1 each). */
function outliers(nn: readonly { idx: Int32Array; sim: Float32Array }[], share: number): Uint8Array {
  const n = nn.length;
  const outlier = new Uint8Array(n);
  const m5 = nn.map((x) => {
    let t = 0;
    for (let q = 0; q < 5 && q < x.sim.length; q++) t += x.sim[q] as number;
    return t / 5;
  });
  const sortedM5 = m5.slice().sort((a, b) => a - b);
  const median = sortedM5[Math.floor(n / 2)] as number;
  m5.forEach((v, r) => {
    if (v < share * median) outlier[r] = 1;
  });
  return outlier;
}
