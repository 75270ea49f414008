// TF-IDF features: stemmed word uni/bigrams (a vocabulary, so terms stay readable) plus hashed
// character n-grams inside word boundaries (like scikit-learn's `char_wb`), which carry Nordic
// compounds and inflections that the stemmer leaves apart. Sublinear TF (1 + ln tf), smoothed IDF
// (ln((1+n)/(1+df)) + 1), each block L2-normalised, then mixed so the char block holds `charWeight` of
// the squared norm. References: Salton & Buckley 1988; Manning, Raghavan & Schütze, "Introduction to
// Information Retrieval", ch. 6; Weinberger et al. 2009 (feature hashing).
//
// This file fits the vectoriser and turns documents into vectors; the word features are counted in
// word-features.ts, the char n-grams hashed in char-ngrams.ts, and scorer.ts scores documents against
// a weight matrix without building their vectors.

import type { Analyzed } from './tokenize.ts';
import type { SparseVector } from './sparse.ts';
import { countCharGrams, ensureScratch, scratch, touchedBuf } from './char-ngrams.ts';
import { radixSort } from './radix.ts';
import { sublinear, type FeatureOptions, type Vectorizer } from './tfidf.ts';
import { pairFeature, tablesFor, wordDocumentFrequencies } from './word-features.ts';

export type { FeatureOptions, Vectorizer } from './tfidf.ts';
export { createScorer, nonZeroRows, scoreDocuments, type DocumentScorer } from './scorer.ts';

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
  let kept = wordDocumentFrequencies(docs, wordNgrams, minDf, maxDf);
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
    ensureScratch(size);
    for (const d of docs) {
      // countCharGrams lists each bucket of the document once (and counts into scratch, reset here).
      const nt = countCharGrams(d.tokens, charNgrams, hashBits);
      for (let q = 0; q < nt; q++) {
        const h = touchedBuf[q] as number;
        cdf[h] = (cdf[h] as number) + 1;
        scratch[h] = 0;
      }
    }
    for (let h = 0; h < size; h++) charIdf[h] = Math.log((1 + n) / (1 + (cdf[h] as number))) + 1;
  }
  return { terms, vocab, wordIdf, charIdf, charOffset: terms.length, dim: terms.length + size, wordNgrams, charNgrams, charWeight, hashBits };
}

/**
 * Turns one analysed document into a unit-length TF-IDF vector (the zero vector when it has no known
 * feature). Unknown words are ignored; char n-grams unseen in fitting get the maximum IDF.
 */
export function transform(v: Vectorizer, doc: Analyzed): SparseVector {
  const nw = wordCounts(v, doc);
  const nc = v.charNgrams ? charCounts(v, doc) : 0;
  const n = nw + nc;
  // One backing store for both arrays (allocating typed arrays is a large share of the cost).
  const buf = new ArrayBuffer(8 * n);
  const idx = new Int32Array(buf, 0, n);
  const val = new Float32Array(buf, 4 * n, n);
  const { fw, fc } = weights(v, nw, nc);
  for (let q = 0; q < nw; q++) {
    idx[q] = wKeys[q] as number;
    val[q] = (wVals[q] as number) * fw;
  }
  const off = v.charOffset;
  for (let q = 0; q < nc; q++) {
    idx[nw + q] = (cKeys[q] as number) + off;
    val[nw + q] = (cVals[q] as number) * fc;
  }
  return { idx, val };
}

// Reused per-document buffers: word feature indices as found, sorted word feature indices and their
// counts, sorted char buckets and their counts.
let wordBuf = new Int32Array(256);
let wKeys = new Int32Array(256);
let wVals = new Float64Array(256);
let cKeys = new Int32Array(1024);
let cVals = new Float64Array(1024);

/** Counts the word features of a document into wKeys/wVals (sorted by index); returns how many. */
function wordCounts(v: Vectorizer, doc: Analyzed): number {
  const t = tablesFor(v);
  const stems = doc.stems;
  const ns = stems.length;
  if (wordBuf.length < 2 * ns) wordBuf = new Int32Array(4 * ns);
  let nwf = 0;
  let prev = -1;
  for (let i = 0; i < ns; i++) {
    const id = t.stemId.get(stems[i] as string) ?? -1;
    if (id >= 0) {
      const u = t.unigram[id] as number;
      if (u >= 0) wordBuf[nwf++] = u;
      if (v.wordNgrams === 2 && prev >= 0) {
        const p = pairFeature(t, prev, id);
        if (p >= 0) wordBuf[nwf++] = p;
      }
    }
    prev = id;
  }
  const sorted = wordBuf.subarray(0, nwf).sort();
  if (wKeys.length < nwf) {
    wKeys = new Int32Array(2 * nwf);
    wVals = new Float64Array(2 * nwf);
  }
  let nw = 0;
  for (let q = 0; q < nwf; q++) {
    const k = sorted[q] as number;
    if (nw > 0 && wKeys[nw - 1] === k) wVals[nw - 1] = (wVals[nw - 1] as number) + 1;
    else {
      wKeys[nw] = k;
      wVals[nw] = 1;
      nw++;
    }
  }
  return nw;
}

/** Counts the hashed char n-grams of a document into cKeys/cVals (sorted by bucket); returns how many. */
function charCounts(v: Vectorizer, doc: Analyzed): number {
  const size = 1 << v.hashBits;
  ensureScratch(size);
  const nt = countCharGrams(doc.tokens, v.charNgrams as readonly [number, number], v.hashBits);
  if (cKeys.length < nt) {
    cKeys = new Int32Array(2 * nt);
    cVals = new Float64Array(2 * nt);
  }
  radixSort(touchedBuf, nt, cKeys, v.hashBits);
  for (let q = 0; q < nt; q++) {
    const h = cKeys[q] as number;
    cKeys[q] = h;
    cVals[q] = scratch[h] as number;
    scratch[h] = 0;
  }
  return nt;
}

/**
 * Turns the counts in wKeys/wVals (nw) and cKeys/cVals (nc) into TF-IDF weights in place and returns
 * the factors that normalise each block and mix them.
 */
function weights(v: Vectorizer, nw: number, nc: number): { fw: number; fc: number } {
  let ws = Math.sqrt(1 - v.charWeight);
  let cs = Math.sqrt(v.charWeight);
  if (nw === 0 && nc > 0) cs = 1;
  if (nc === 0 && nw > 0) ws = 1;
  let sw = 0;
  for (let q = 0; q < nw; q++) {
    const x = sublinear(wVals[q] as number) * (v.wordIdf[wKeys[q] as number] as number);
    wVals[q] = x;
    sw += x * x;
  }
  let sc = 0;
  const cidf = v.charIdf;
  for (let q = 0; q < nc; q++) {
    const x = sublinear(cVals[q] as number) * (cidf[cKeys[q] as number] as number);
    cVals[q] = x;
    sc += x * x;
  }
  return { fw: sw > 0 ? ws / Math.sqrt(sw) : 0, fc: sc > 0 ? cs / Math.sqrt(sc) : 0 };
}
