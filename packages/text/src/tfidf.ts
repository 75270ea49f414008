// What the TF-IDF vectoriser (features.ts) and the scorer that skips building vectors (scorer.ts) share:
// the options, the shape of a fitted vectoriser, and the sublinear term frequency 1 + ln tf.

/** Options for the TF-IDF vectoriser. */
export interface FeatureOptions {
  /** 1 = stems only, 2 = stems and adjacent stem pairs. Default 2. */
  wordNgrams?: 1 | 2;
  /** Character n-gram range inside words, or null for none. Default [3, 5]. */
  charNgrams?: readonly [number, number] | null;
  /** Share of the squared norm given to the char block (0..1). Default 0.5. */
  charWeight?: number;
  /** Minimum document frequency of a word feature. Default 1. */
  minDf?: number;
  /** Maximum document frequency of a word feature as a share of documents. Default 1. */
  maxDfRatio?: number;
  /** Keep at most this many word features (most frequent first). Default unlimited. */
  maxWordFeatures?: number;
  /** log2 of the hashed char feature space. Default 18. */
  hashBits?: number;
}

/** A fitted vectoriser. Word features take indices [0, terms.length); char features follow. */
export interface Vectorizer {
  terms: string[];
  vocab: Map<string, number>;
  wordIdf: Float64Array;
  charIdf: Float64Array;
  charOffset: number;
  dim: number;
  wordNgrams: 1 | 2;
  charNgrams: readonly [number, number] | null;
  charWeight: number;
  hashBits: number;
}

// 1 + ln(tf) for small tf, computed once (the same Math.log values as computing them each time).
const SUBLINEAR = Float64Array.from({ length: 64 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

/** Sublinear term frequency: 1 + ln tf (0 for tf = 0), from a table below 64. */
export const sublinear = (tf: number): number => (tf < 64 ? (SUBLINEAR[tf] as number) : 1 + Math.log(tf));
