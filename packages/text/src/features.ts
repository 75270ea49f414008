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
    if (scratch.length !== size) scratch = new Int32Array(size);
    for (const d of docs) {
      // countCharGrams lists each bucket of the document once (and counts into scratch, reset here).
      const nt = countCharGrams(d.tokens, charNgrams, size - 1);
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


// Per-vectoriser lookup tables built on first use by `transform` (the vectoriser itself stays plain
// data): stem → stem id, unigram feature per stem id, and an open-addressing table (stem id pair →
// bigram feature), so a document's word features are found without building "a b" strings.
interface WordTables {
  stemId: Map<string, number>;
  unigram: Int32Array;
  pairKeys: Int32Array; // 2 slots per entry: stem ids a, b (a = -1: empty)
  pairVals: Int32Array;
  pairMask: number;
}
const wordTables = new WeakMap<Vectorizer, WordTables>();

function pairSlot(a: number, b: number, mask: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  return (h ^ (h >>> 16)) & mask;
}

function tablesFor(v: Vectorizer): WordTables {
  let t = wordTables.get(v);
  if (t) return t;
  const stemId = new Map<string, number>();
  const idOf = (s: string): number => {
    let id = stemId.get(s);
    if (id === undefined) {
      id = stemId.size;
      stemId.set(s, id);
    }
    return id;
  };
  const pairs: [number, number, number][] = [];
  const unis: [number, number][] = [];
  v.terms.forEach((term, i) => {
    const sp = term.indexOf(' ');
    if (sp < 0) unis.push([idOf(term), i]);
    else pairs.push([idOf(term.slice(0, sp)), idOf(term.slice(sp + 1)), i]);
  });
  const unigram = new Int32Array(stemId.size).fill(-1);
  for (const [id, i] of unis) unigram[id] = i;
  let cap = 16;
  while (cap < pairs.length * 2) cap *= 2;
  const pairKeys = new Int32Array(cap * 2).fill(-1);
  const pairVals = new Int32Array(cap);
  const mask = cap - 1;
  for (const [a, b, i] of pairs) {
    let s = pairSlot(a, b, mask);
    while (pairKeys[2 * s] !== -1) s = (s + 1) & mask;
    pairKeys[2 * s] = a;
    pairKeys[2 * s + 1] = b;
    pairVals[s] = i;
  }
  t = { stemId, unigram, pairKeys, pairVals, pairMask: mask };
  wordTables.set(v, t);
  return t;
}

function pairFeature(t: WordTables, a: number, b: number): number {
  const keys = t.pairKeys;
  let s = pairSlot(a, b, t.pairMask);
  for (;;) {
    const ka = keys[2 * s] as number;
    if (ka === -1) return -1;
    if (ka === a && keys[2 * s + 1] === b) return t.pairVals[s] as number;
    s = (s + 1) & t.pairMask;
  }
}

// Reused buffers (grown as needed): hashed char n-gram counts (cleared after each document), the
// list of touched buckets, and word feature indices.
let scratch = new Int32Array(0);
let touchedBuf = new Int32Array(1024);
let wordBuf = new Int32Array(256);
// 1 + ln(tf) for small tf, computed once (the same Math.log values as computing them each time).
const SUBLINEAR = Float64Array.from({ length: 64 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));
const sublinear = (tf: number): number => (tf < 64 ? (SUBLINEAR[tf] as number) : 1 + Math.log(tf));

/**
 * Counts the char n-grams of every token (padded with a space each side) into `scratch`, listing
 * each bucket the first time it is seen in `touchedBuf`; returns how many buckets were touched.
 * Hash: FNV-1a over the n-gram's UTF-16 code units, then the length n mixed in (so a gram and a
 * longer one with a colliding prefix hash differ) and a murmur-style finaliser, masked to the table.
 */
function countCharGrams(tokens: readonly string[], range: readonly [number, number], mask: number): number {
  const lo = range[0];
  const hi = range[1];
  let nt = 0;
  for (let ti = 0; ti < tokens.length; ti++) {
    const tok = tokens[ti] as string;
    const L = tok.length + 2;
    if (touchedBuf.length < nt + L * (hi - lo + 1)) {
      const bigger = new Int32Array(2 * (nt + L * (hi - lo + 1)));
      bigger.set(touchedBuf.subarray(0, nt));
      touchedBuf = bigger;
    }
    for (let start = 0; start < L; start++) {
      let h = 2166136261;
      for (let n = 1; n <= hi && start + n <= L; n++) {
        const at = start + n - 1;
        h ^= at === 0 || at === L - 1 ? 32 : tok.charCodeAt(at - 1);
        h = Math.imul(h, 16777619);
        if (n >= lo) {
          const f = Math.imul(h ^ (n * 0x9e3779b1), 0x85ebca6b);
          const b = (f ^ (f >>> 15)) & mask;
          const c = scratch[b] as number;
          if (c === 0) touchedBuf[nt++] = b;
          scratch[b] = c + 1;
        }
      }
    }
  }
  return nt;
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

// Reused per-document buffers: sorted word feature indices and their counts, sorted char buckets and
// their counts.
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

let radixCount = new Int32Array(0);
/**
 * Sorts the first n values of `a` (distinct, in [0, 2^bits)) ascending into `out` by a two-pass LSD
 * radix sort (`a` is used as the scratch of the first pass and left permuted).
 */
function radixSort(a: Int32Array, n: number, out: Int32Array, bits: number): void {
  const b1 = Math.ceil(bits / 2);
  const R = 1 << b1;
  const mask = R - 1;
  if (radixCount.length !== R) radixCount = new Int32Array(R);
  const cnt = radixCount;
  // pass 1: low digit, a → out
  cnt.fill(0);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) & mask;
    cnt[d] = (cnt[d] as number) + 1;
  }
  let sum = 0;
  for (let d = 0; d < R; d++) {
    const c = cnt[d] as number;
    cnt[d] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const d = x & mask;
    out[cnt[d] as number] = x;
    cnt[d] = (cnt[d] as number) + 1;
  }
  // pass 2: high digit, out → a, then copy back
  cnt.fill(0);
  for (let i = 0; i < n; i++) {
    const d = (out[i] as number) >>> b1;
    cnt[d] = (cnt[d] as number) + 1;
  }
  sum = 0;
  for (let d = 0; d < R; d++) {
    const c = cnt[d] as number;
    cnt[d] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) {
    const x = out[i] as number;
    const d = x >>> b1;
    a[cnt[d] as number] = x;
    cnt[d] = (cnt[d] as number) + 1;
  }
  out.set(a.subarray(0, n));
}

/** Counts the hashed char n-grams of a document into cKeys/cVals (sorted by bucket); returns how many. */
function charCounts(v: Vectorizer, doc: Analyzed): number {
  const size = 1 << v.hashBits;
  if (scratch.length !== size) scratch = new Int32Array(size);
  const nt = countCharGrams(doc.tokens, v.charNgrams as readonly [number, number], size - 1);
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

// Growable per-batch buffers of scoreDocuments: (feature, document, value) entries, and the same
// sorted by feature.
let eF = new Int32Array(1 << 16);
let eD = new Int32Array(1 << 16);
let eX = new Float32Array(1 << 16);
let sD = new Int32Array(1 << 16);
let sX = new Float32Array(1 << 16);

/**
 * Scores analysed documents against a feature-major weight matrix without building their vectors:
 * `out[d·K + c] = bias[c] + Σ_f x_f · W[f·K + c]` where x = {@link transform}(v, docs[d]). Rows with
 * `rowUsed[f] === 0` (all-zero weights) are skipped. Documents are taken in batches whose
 * (feature, document, value) entries are sorted by feature, so the weight matrix is read in
 * increasing order instead of at random (it is far larger than the CPU caches); every document
 * still sums its features in increasing order with the same float32 values, so the scores equal
 * those of the vectors, bit for bit.
 */
export function scoreDocuments(v: Vectorizer, docs: readonly Analyzed[], W: Float32Array, K: number, bias: Float64Array, rowUsed: Uint8Array): Float64Array {
  const n = docs.length;
  const out = new Float64Array(n * K);
  for (let d = 0; d < n; d++) out.set(bias.subarray(0, K), d * K);
  const dim = rowUsed.length;
  const start = new Int32Array(dim + 1);
  const BATCH = 2048;
  for (let s0 = 0; s0 < n; s0 += BATCH) {
    const e0 = Math.min(n, s0 + BATCH);
    let m = 0;
    for (let d = s0; d < e0; d++) {
      const doc = docs[d] as Analyzed;
      const nw = wordCounts(v, doc);
      const nc = v.charNgrams ? charCounts(v, doc) : 0;
      const { fw, fc } = weights(v, nw, nc);
      if (eF.length < m + nw + nc) {
        const cap = 2 * (m + nw + nc);
        const f2 = new Int32Array(cap);
        f2.set(eF.subarray(0, m));
        eF = f2;
        const d2 = new Int32Array(cap);
        d2.set(eD.subarray(0, m));
        eD = d2;
        const x2 = new Float32Array(cap);
        x2.set(eX.subarray(0, m));
        eX = x2;
      }
      for (let q = 0; q < nw; q++) {
        const f = wKeys[q] as number;
        if (rowUsed[f] === 0) continue;
        eF[m] = f;
        eD[m] = d;
        eX[m++] = (wVals[q] as number) * fw;
      }
      const off = v.charOffset;
      for (let q = 0; q < nc; q++) {
        const f = (cKeys[q] as number) + off;
        if (rowUsed[f] === 0) continue;
        eF[m] = f;
        eD[m] = d;
        eX[m++] = (cVals[q] as number) * fc;
      }
    }
    // Counting sort of the entries by feature (stable: documents keep their order within a feature).
    start.fill(0);
    for (let q = 0; q < m; q++) {
      const f = (eF[q] as number) + 1;
      start[f] = (start[f] as number) + 1;
    }
    for (let f = 0; f < dim; f++) start[f + 1] = (start[f + 1] as number) + (start[f] as number);
    if (sD.length < m) {
      sD = new Int32Array(eF.length);
      sX = new Float32Array(eF.length);
    }
    for (let q = 0; q < m; q++) {
      const f = eF[q] as number;
      const at = start[f] as number;
      sD[at] = eD[q] as number;
      sX[at] = eX[q] as number;
      start[f] = at + 1;
    }
    // start[f] is now the end of feature f's entries (and the start of f + 1's).
    let p = 0;
    for (let f = 0; f < dim; f++) {
      const end = start[f] as number;
      if (p === end) continue;
      const base = f * K;
      for (; p < end; p++) {
        const o = (sD[p] as number) * K;
        const x = sX[p] as number;
        for (let c = 0; c < K; c++) out[o + c] = (out[o + c] as number) + x * (W[base + c] as number);
      }
    }
  }
  return out;
}

/** Which rows f of a feature-major K-column matrix have any non-zero entry (1) or none (0). */
export function nonZeroRows(W: Float32Array, dim: number, K: number): Uint8Array {
  const u = new Uint8Array(dim);
  for (let f = 0; f < dim; f++) {
    const base = f * K;
    for (let c = 0; c < K; c++) {
      if (W[base + c] !== 0) {
        u[f] = 1;
        break;
      }
    }
  }
  return u;
}
