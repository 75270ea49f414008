// The inputs, options and results of topic finding, and what the topic files share.

import type { StemLanguage } from './tokenize.ts';
import type { FeatureOptions } from './tfidf.ts';

/** One input to analyse. */
export interface TextInput {
  id: string;
  text: string;
  meta?: Record<string, string>;
}

/** Options for `findTopics` (topics.ts). */
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
  /** The first two of `phrases` (or the first keywords when no phrase is shared by two members). */
  label: string;
  /** Up to three phrases of one to three words from the members' texts, as written, no stop or filler word at either end. */
  phrases: string[];
  keywords: string[];
  size: number;
  members: string[];
  representatives: string[];
  cohesion: number;
}

/** Result of `findTopics` (topics.ts). `other` holds inputs placed in no topic (too far, or too small a group). */
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

/** Vectoriser options of the built-in path when none are given. */
export const TOPIC_FEATURES: FeatureOptions = { minDf: 2, maxDfRatio: 0.5, charNgrams: [3, 5], charWeight: 0.6, hashBits: 18, maxWordFeatures: 30000 };

/** Orders strings by UTF-16 code units (deterministic, locale-independent). */
export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
