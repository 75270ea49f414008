// TF-IDF features: stemmed word uni/bigrams (a vocabulary, so terms stay readable) plus hashed
// character n-grams inside word boundaries (like scikit-learn's `char_wb`), which carry Nordic
// compounds and inflections that the stemmer leaves apart. Sublinear TF (1 + ln tf), smoothed IDF
// (ln((1+n)/(1+df)) + 1), each block L2-normalised, then mixed so the char block holds `charWeight` of
// the squared norm. References: Salton & Buckley 1988; Manning, Raghavan & Schütze, "Introduction to
// Information Retrieval", ch. 6; Weinberger et al. 2009 (feature hashing).

import type { Analyzed } from './tokenize.ts';
import type { SparseVector } from './sparse.ts';

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

function wordFeatures(doc: Analyzed, ngrams: 1 | 2): string[] {
  const out = doc.stems.slice();
  if (ngrams === 2) for (let i = 0; i + 1 < doc.stems.length; i++) out.push(`${doc.stems[i]} ${doc.stems[i + 1]}`);
  return out;
}

/** Calls `emit(hash)` for every char n-gram of every token padded with spaces. */
function forEachCharGram(tokens: readonly string[], range: readonly [number, number], mask: number, emit: (h: number) => void): void {
  const [lo, hi] = range;
  for (const tok of tokens) {
    const s = ` ${tok} `;
    const L = s.length;
    for (let start = 0; start < L; start++) {
      let h = 2166136261;
      for (let n = 1; n <= hi && start + n <= L; n++) {
        h ^= s.charCodeAt(start + n - 1);
        h = Math.imul(h, 16777619);
        if (n >= lo) {
          // Mix the length in so "ab" and a longer gram with a colliding prefix hash differ.
          const f = Math.imul(h ^ (n * 0x9e3779b1), 0x85ebca6b);
          emit((f ^ (f >>> 15)) & mask);
        }
      }
    }
  }
}

/**
 * Fits the vocabulary and IDF weights on analysed documents. Term order is deterministic: by
 * document frequency (descending), then by the term's code points.
 */
export function fitVectorizer(docs: readonly Analyzed[], options: FeatureOptions = {}): Vectorizer {
  const wordNgrams = options.wordNgrams ?? 2;
  const charNgrams = options.charNgrams === undefined ? ([3, 5] as const) : options.charNgrams;
  const charWeight = charNgrams ? (options.charWeight ?? 0.5) : 0;
  const hashBits = options.hashBits ?? 18;
  const minDf = options.minDf ?? 1;
  const maxDf = (options.maxDfRatio ?? 1) * docs.length;
  const n = docs.length;
  const df = new Map<string, number>();
  for (const d of docs) {
    for (const f of new Set(wordFeatures(d, wordNgrams))) df.set(f, (df.get(f) ?? 0) + 1);
  }
  let kept = [...df.entries()].filter(([, c]) => c >= minDf && c <= maxDf);
  kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (options.maxWordFeatures !== undefined) kept = kept.slice(0, options.maxWordFeatures);
  const terms = kept.map(([t]) => t);
  const vocab = new Map<string, number>();
  terms.forEach((t, i) => vocab.set(t, i));
  const wordIdf = new Float64Array(terms.length);
  kept.forEach(([, c], i) => (wordIdf[i] = Math.log((1 + n) / (1 + c)) + 1));
  const size = charNgrams ? 1 << hashBits : 0;
  const charIdf = new Float64Array(size);
  if (charNgrams) {
    const cdf = new Int32Array(size);
    const mark = new Int32Array(size).fill(-1);
    docs.forEach((d, di) => {
      forEachCharGram(d.tokens, charNgrams, size - 1, (h) => {
        if (mark[h] !== di) {
          mark[h] = di;
          cdf[h] = (cdf[h] as number) + 1;
        }
      });
    });
    for (let h = 0; h < size; h++) charIdf[h] = Math.log((1 + n) / (1 + (cdf[h] as number))) + 1;
  }
  return { terms, vocab, wordIdf, charIdf, charOffset: terms.length, dim: terms.length + size, wordNgrams, charNgrams, charWeight, hashBits };
}


// Reused counting buffer for hashed char n-grams (cleared after each document).
let scratch = new Int32Array(0);

/** Sorted distinct keys with their counts, written to the output arrays; returns the count. */
function countSorted(keys: Int32Array, outKeys: Int32Array, outCounts: Float64Array): number {
  keys.sort();
  let m = 0;
  for (let q = 0; q < keys.length; q++) {
    const k = keys[q] as number;
    if (m > 0 && outKeys[m - 1] === k) outCounts[m - 1] = (outCounts[m - 1] as number) + 1;
    else {
      outKeys[m] = k;
      outCounts[m] = 1;
      m++;
    }
  }
  return m;
}

/**
 * Turns one analysed document into a unit-length TF-IDF vector (the zero vector when it has no known
 * feature). Unknown words are ignored; char n-grams unseen in fitting get the maximum IDF.
 */
export function transform(v: Vectorizer, doc: Analyzed): SparseVector {
  const wf = wordFeatures(doc, v.wordNgrams);
  const wIdx: number[] = [];
  for (const f of wf) {
    const i = v.vocab.get(f);
    if (i !== undefined) wIdx.push(i);
  }
  const wKeys = new Int32Array(wIdx.length);
  const wVals = new Float64Array(wIdx.length);
  const nw = countSorted(Int32Array.from(wIdx), wKeys, wVals);
  let cKeys = new Int32Array(0);
  let cVals = new Float64Array(0);
  if (v.charNgrams) {
    const size = 1 << v.hashBits;
    if (scratch.length !== size) scratch = new Int32Array(size);
    const touched: number[] = [];
    forEachCharGram(doc.tokens, v.charNgrams, size - 1, (h) => {
      if (scratch[h] === 0) touched.push(h);
      scratch[h] = (scratch[h] as number) + 1;
    });
    cKeys = Int32Array.from(touched).sort();
    cVals = new Float64Array(cKeys.length);
    for (let q = 0; q < cKeys.length; q++) {
      const h = cKeys[q] as number;
      cVals[q] = scratch[h] as number;
      scratch[h] = 0;
    }
  }
  let ws = Math.sqrt(1 - v.charWeight);
  let cs = Math.sqrt(v.charWeight);
  if (nw === 0 && cKeys.length > 0) cs = 1;
  if (cKeys.length === 0 && nw > 0) ws = 1;
  let sw = 0;
  for (let q = 0; q < nw; q++) {
    const x = (1 + Math.log(wVals[q] as number)) * (v.wordIdf[wKeys[q] as number] as number);
    wVals[q] = x;
    sw += x * x;
  }
  let sc = 0;
  for (let q = 0; q < cKeys.length; q++) {
    const x = (1 + Math.log(cVals[q] as number)) * (v.charIdf[cKeys[q] as number] as number);
    cVals[q] = x;
    sc += x * x;
  }
  const fw = sw > 0 ? ws / Math.sqrt(sw) : 0;
  const fc = sc > 0 ? cs / Math.sqrt(sc) : 0;
  const n = nw + cKeys.length;
  const idx = new Int32Array(n);
  const val = new Float32Array(n);
  for (let q = 0; q < nw; q++) {
    idx[q] = wKeys[q] as number;
    val[q] = (wVals[q] as number) * fw;
  }
  for (let q = 0; q < cKeys.length; q++) {
    idx[nw + q] = (cKeys[q] as number) + v.charOffset;
    val[nw + q] = (cVals[q] as number) * fc;
  }
  return { idx, val };
}
