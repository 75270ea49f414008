// TF-IDF features: stemmed word uni/bigrams (a vocabulary, so terms stay readable) plus hashed
// character n-grams inside word boundaries (like scikit-learn's `char_wb`), which carry Nordic
// compounds and inflections that the stemmer leaves apart. Sublinear TF (1 + ln tf), smoothed IDF
// (ln((1+n)/(1+df)) + 1), each block L2-normalised, then mixed so the char block holds `charWeight` of
// the squared norm. References: Salton & Buckley 1988; Manning, Raghavan & Schütze, "Introduction to
// Information Retrieval", ch. 6; Weinberger et al. 2009 (feature hashing).

import { tokenCount, tokenGeneration, tokenIds, tokenText, type Analyzed } from './tokenize.ts';
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

/**
 * Document frequencies of the word features (stems, and adjacent stem pairs when `ngrams` is 2),
 * counted by stem id, with a term string made only for features passing the frequency filter.
 */
function wordDocumentFrequencies(docs: readonly Analyzed[], ngrams: 1 | 2, minDf: number, maxDf: number): [string, number][] {
  const stemId = new Map<string, number>();
  const stems: string[] = [];
  let uniDf = new Int32Array(1024);
  let uniLast = new Int32Array(1024).fill(-1);
  // Pairs: open addressing on (a, b), with the pair's count and the last document that counted it.
  let cap = 1 << 12;
  let pKeys = new Int32Array(2 * cap).fill(-1);
  let pDf = new Int32Array(cap);
  let pLast = new Int32Array(cap);
  let pairs = 0;
  let ids = new Int32Array(256);
  for (let d = 0; d < docs.length; d++) {
    const ds = (docs[d] as Analyzed).stems;
    if (ids.length < ds.length) ids = new Int32Array(2 * ds.length);
    for (let i = 0; i < ds.length; i++) {
      const st = ds[i] as string;
      let id = stemId.get(st);
      if (id === undefined) {
        id = stems.length;
        stemId.set(st, id);
        stems.push(st);
        if (uniDf.length <= id) {
          const df2 = new Int32Array(2 * uniDf.length);
          df2.set(uniDf);
          uniDf = df2;
          const l2 = new Int32Array(2 * uniLast.length).fill(-1);
          l2.set(uniLast);
          uniLast = l2;
        }
      }
      ids[i] = id;
      if (uniLast[id] !== d) {
        uniLast[id] = d;
        uniDf[id] = (uniDf[id] as number) + 1;
      }
    }
    if (ngrams !== 2) continue;
    for (let i = 0; i + 1 < ds.length; i++) {
      const a = ids[i] as number;
      const b = ids[i + 1] as number;
      let slot = pairSlot(a, b, cap - 1);
      for (;;) {
        const ka = pKeys[2 * slot] as number;
        if (ka === -1) {
          pKeys[2 * slot] = a;
          pKeys[2 * slot + 1] = b;
          pDf[slot] = 1;
          pLast[slot] = d;
          pairs++;
          break;
        }
        if (ka === a && pKeys[2 * slot + 1] === b) {
          if (pLast[slot] !== d) {
            pLast[slot] = d;
            pDf[slot] = (pDf[slot] as number) + 1;
          }
          break;
        }
        slot = (slot + 1) & (cap - 1);
      }
      if (2 * pairs > cap) {
        const c2 = 2 * cap;
        const k2 = new Int32Array(2 * c2).fill(-1);
        const df2 = new Int32Array(c2);
        const l2 = new Int32Array(c2);
        for (let q = 0; q < cap; q++) {
          const qa = pKeys[2 * q] as number;
          if (qa === -1) continue;
          const qb = pKeys[2 * q + 1] as number;
          let t = pairSlot(qa, qb, c2 - 1);
          while (k2[2 * t] !== -1) t = (t + 1) & (c2 - 1);
          k2[2 * t] = qa;
          k2[2 * t + 1] = qb;
          df2[t] = pDf[q] as number;
          l2[t] = pLast[q] as number;
        }
        cap = c2;
        pKeys = k2;
        pDf = df2;
        pLast = l2;
      }
    }
  }
  const kept: [string, number][] = [];
  for (let id = 0; id < stems.length; id++) {
    const c = uniDf[id] as number;
    if (c >= minDf && c <= maxDf) kept.push([stems[id] as string, c]);
  }
  for (let q = 0; q < cap; q++) {
    const a = pKeys[2 * q] as number;
    if (a === -1) continue;
    const c = pDf[q] as number;
    if (c >= minDf && c <= maxDf) kept.push([`${stems[a] as string} ${stems[pKeys[2 * q + 1] as number] as string}`, c]);
  }
  return kept;
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
    if (scratch.length !== size) scratch = new Int32Array(size);
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


// Per-vectoriser lookup tables built on first use by `transform` (the vectoriser itself stays plain
// data): stem → stem id, unigram feature per stem id, and an open-addressing table (stem id pair →
// bigram feature), so a document's word features are found without building "a b" strings.
interface WordTables {
  stemId: Map<string, number>;
  unigram: Int32Array;
  pairKeys: Int32Array; // 2 slots per entry: stem ids a, b (a = -1: empty)
  pairVals: Int32Array;
  pairMask: number;
  // One bit per hash of (a, b) of every bigram feature, about 16 bits per pair: a pair whose bit is
  // clear is not a feature, found without a probe into the (larger) table.
  pairBits: Int32Array;
  pairBitsMask: number;
}
const wordTables = new WeakMap<Vectorizer, WordTables>();

function pairSlot(a: number, b: number, mask: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  return (h ^ (h >>> 16)) & mask;
}

/** A second hash of a stem id pair (for the bigram filter), independent of {@link pairSlot}. */
function pairBit(a: number, b: number, mask: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x27d4eb2d), 0x165667b1);
  return (h ^ (h >>> 15)) & mask;
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
  let nbits = 1 << 10;
  while (nbits < 16 * pairs.length) nbits *= 2;
  const pairBits = new Int32Array(nbits >>> 5);
  for (const [a, b] of pairs) {
    const bit = pairBit(a, b, nbits - 1);
    pairBits[bit >>> 5] = (pairBits[bit >>> 5] as number) | (1 << (bit & 31));
  }
  t = { stemId, unigram, pairKeys, pairVals, pairMask: mask, pairBits, pairBitsMask: nbits - 1 };
  wordTables.set(v, t);
  return t;
}

function pairFeature(t: WordTables, a: number, b: number): number {
  const bit = pairBit(a, b, t.pairBitsMask);
  if (((t.pairBits[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return -1;
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

/** Key of a char n-gram setting (n range and hash bits) for the gram pool. */
function gramKeyOf(range: readonly [number, number], bits: number): number {
  return 1 + range[0] + 16 * range[1] + 256 * bits;
}

// The hashed char n-grams of every token seen, by token id (see tokenize.ts), for one setting and
// one generation of ids: token id's n-grams are gPool[gRange[2·id], gRange[2·id + 1]) (gRange[2·id]
// −1: not yet computed), one entry per occurrence, so an n-gram repeated inside a token is listed
// twice, in ascending bucket order (so sums over a token's n-grams are taken in one fixed order,
// however they are computed).
let poolKey = 0;
let poolGeneration = 0;
let gRange = new Int32Array(0);
let gPool = new Int32Array(1 << 16);
let gUsed = 0;

/**
 * Makes sure the n-grams of the tokens `ids` are in the pool (computing those not yet seen).
 * Hash: FNV-1a over the n-gram's UTF-16 code units (the token padded with a space each side), then
 * the length n mixed in (so a gram and a longer one with a colliding prefix hash differ) and a
 * murmur-style finaliser, masked to the table.
 */
function poolGrams(ids: Int32Array, range: readonly [number, number], bits: number): void {
  const key = gramKeyOf(range, bits);
  const gen = tokenGeneration();
  if (key !== poolKey || gen !== poolGeneration) {
    poolKey = key;
    poolGeneration = gen;
    gRange.fill(-1);
    gUsed = 0;
  }
  const count = tokenCount();
  if (gRange.length < 2 * count) {
    const r2 = new Int32Array(2 * Math.max(1024, 2 * count)).fill(-1);
    r2.set(gRange);
    gRange = r2;
  }
  const lo = range[0];
  const hi = range[1];
  const mask = (1 << bits) - 1;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if ((gRange[2 * id] as number) >= 0) continue;
    const tok = tokenText(id);
    const L = tok.length + 2;
    if (gPool.length < gUsed + L * (hi - lo + 1)) {
      const bigger = new Int32Array(2 * (gUsed + L * (hi - lo + 1)));
      bigger.set(gPool.subarray(0, gUsed));
      gPool = bigger;
    }
    gRange[2 * id] = gUsed;
    for (let start = 0; start < L; start++) {
      let h = 2166136261;
      for (let n = 1; n <= hi && start + n <= L; n++) {
        const at = start + n - 1;
        h ^= at === 0 || at === L - 1 ? 32 : tok.charCodeAt(at - 1);
        h = Math.imul(h, 16777619);
        if (n >= lo) {
          const f = Math.imul(h ^ (n * 0x9e3779b1), 0x85ebca6b);
          gPool[gUsed++] = (f ^ (f >>> 15)) & mask;
        }
      }
    }
    const first = gRange[2 * id] as number;
    for (let q = first + 1; q < gUsed; q++) {
      const b = gPool[q] as number;
      let k = q;
      while (k > first && (gPool[k - 1] as number) > b) {
        gPool[k] = gPool[k - 1] as number;
        k--;
      }
      gPool[k] = b;
    }
    gRange[2 * id + 1] = gUsed;
  }
}

/**
 * Counts the char n-grams of every token into `scratch`, listing each bucket the first time it is
 * seen in `touchedBuf`; returns how many buckets were touched.
 */
function countCharGrams(tokens: readonly string[], range: readonly [number, number], bits: number): number {
  const ids = tokenIds(tokens);
  poolGrams(ids, range, bits);
  let total = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    total += (gRange[2 * id + 1] as number) - (gRange[2 * id] as number);
  }
  if (touchedBuf.length < total) touchedBuf = new Int32Array(2 * total);
  let nt = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    const e = gRange[2 * id + 1] as number;
    for (let q = gRange[2 * id] as number; q < e; q++) {
      const b = gPool[q] as number;
      const c = scratch[b] as number;
      if (c === 0) touchedBuf[nt++] = b;
      scratch[b] = c + 1;
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

/** Documents whose new tokens a scorer's `prepare` handles together. */
const PREPARE_CHUNK = 512;
/** Most float64 sums the token cache of one scorer may hold (32 MB). */
const TOKEN_CACHE_VALUES = 1 << 22;
// Per-document counts: a small open-addressing table (key → count) that stays in the CPU's fastest
// cache, with the list of its used positions; emptied after each document.
let hKeys = new Int32Array(2048).fill(-1);
let hCounts = new Int32Array(2048);
let hUsed = new Int32Array(2048);
let hMask = 2047;
let hShift = 21;
let hN = 0;

/** Makes room for `m` distinct keys in the (empty) count table. */
function countTableFor(m: number): void {
  let cap = hKeys.length;
  if (cap >= 2 * m) return;
  while (cap < 2 * m) cap *= 2;
  hKeys = new Int32Array(cap).fill(-1);
  hCounts = new Int32Array(cap);
  hUsed = new Int32Array(cap);
  hMask = cap - 1;
  hShift = 32 - Math.log2(cap);
}

/** Counts one occurrence of a non-negative key (Fibonacci hashing to the table's slot). */
function countKey(key: number): void {
  let h = Math.imul(key, 0x9e3779b1) >>> hShift;
  for (;;) {
    const k = hKeys[h] as number;
    if (k === key) {
      hCounts[h] = (hCounts[h] as number) + 1;
      return;
    }
    if (k === -1) {
      hKeys[h] = key;
      hCounts[h] = 1;
      hUsed[hN++] = h;
      return;
    }
    h = (h + 1) & hMask;
  }
}

/** Scores analysed documents against a linear model or centroids; see {@link createScorer}. */
export interface DocumentScorer {
  /** Writes the K scores of `doc` to out[at, at + K). */
  score(doc: Analyzed, out: Float64Array, at: number): void;
  /**
   * Optional, before scoring a batch: computes the cached sums of the batch's new tokens together,
   * reading the weights in order. Scores are the same with or without it.
   */
  prepare(docs: readonly Analyzed[]): void;
}

/**
 * A scorer of analysed documents against a feature-major weight matrix that never builds their
 * vectors: score(doc)[c] = `bias[c] + Σ_f x_f · W[f·K + c]` where x = {@link transform}(v, doc).
 * Rows with `rowUsed[f] === 0` (all-zero weights) are skipped.
 *
 * Every distinct token gets a row of cached sums, computed once per scorer: Σ idf·W over its char
 * n-grams and Σ idf², and, for the stem it was last seen with, idf·W of the stem's unigram feature
 * and idf² (that part depends only on the stem, so it is checked against the stem and recomputed
 * when a token is stemmed differently); an n-gram occurring r times inside the token counts at
 * (1 + ln r)·idf. A document adds the char sums of each distinct token once, times 1 + ln m for a
 * token occurring m times; an n-gram that two distinct tokens share is corrected from Σ (1 + ln m·r)
 * to 1 + ln Σ m·r (found in a small per-document table). It adds the unigram sums of every token,
 * and a unigram occurring c > 1 times is corrected by (1 + ln c − c)·idf·W; the squared norms
 * likewise. Bigrams are looked up and added per document. The scores equal `decision(model, transform(v, doc))` up to
 * rounding (transform stores float32 values and sums in feature order; the differences are around
 * 1e-7 of a score). At most `cachedTokens` distinct tokens are kept (default 2^22 / (2K + 2): 32 MB
 * of sums); further tokens are summed n-gram by n-gram each time they occur.
 */
export function createScorer(
  v: Vectorizer,
  W: Float32Array,
  K: number,
  bias: Float64Array,
  rowUsed: Uint8Array,
  cachedTokens = Math.floor(TOKEN_CACHE_VALUES / (2 * K + 2)),
): DocumentScorer {
  const accW = new Float64Array(K);
  const accC = new Float64Array(K);
  const wIdf = v.wordIdf;
  const cIdf = v.charIdf;
  const off = v.charOffset;
  const range = v.charNgrams;
  const bigrams = v.wordNgrams === 2;
  const tables = tablesFor(v);
  const limit = Math.max(0, cachedTokens);
  const ws0 = Math.sqrt(1 - v.charWeight);
  const cs0 = Math.sqrt(v.charWeight);
  // A token's row (stride R): char sums [0, K), char Σ x² at K, unigram idf·W [K + 1, 2K + 1),
  // unigram idf² at 2K + 1. Rows are found by slot; slot `limit` is scratch space for tokens that
  // do not fit. Per token id (of one generation), at tok[3·id, 3·id + 3): its slot (−1: none yet),
  // the number of the document that last saw it, and its place among that document's distinct
  // tokens. Per slot, the stem its word part was computed for (NO_STEM: none), and at info[3s,
  // 3s + 3) its stem id in the vocabulary tables, its unigram feature (−1: unknown), and 1 when an
  // n-gram occurs more than once inside the token (else 0).
  const R = 2 * K + 2;
  const NO_STEM = ' ';
  let generation = 0;
  let tok = new Int32Array(0);
  let serial = 0;
  let used = 0;
  let rows = new Float64Array(Math.min(limit + 1, 4096) * R);
  let info = new Int32Array(3 * Math.min(limit + 1, 4096));
  // Filled, not sparse: a JS array assigned at scattered indices would become a slow dictionary.
  let slotStem: string[] = new Array<string>(Math.min(limit + 1, 4096)).fill(NO_STEM);
  // Per document: its distinct tokens (id, slot, occurrences); its distinct n-grams in a small
  // open-addressing table, which uses only as many positions as the document needs, so it stays
  // in the CPU's fastest cache: gKeys holds bucket | stamp << hashBits (a stamp of an earlier
  // document: free; the stamps run through 1 … 2^(31 − hashBits) − 1, and the table is emptied
  // when they start again), gVals m·r of the token the n-gram came from or, once a second token
  // has it, −1 − k for shared n-gram k; and the shared n-grams (bucket, Σ m·r, Σ (1 + ln m·r),
  // Σ (1 + ln m·r)²).
  let dIds = new Int32Array(256);
  let dSlots = new Int32Array(256);
  let dMult = new Int32Array(256);
  const hb = v.hashBits;
  if (range && hb > 28) throw new Error(`hashBits ${hb} is above 28`);
  const stampEnd = 1 << (31 - hb);
  let stamp = 0;
  let gKeys = new Int32Array(1024);
  let gVals = new Int32Array(1024);
  let sharedList = new Int32Array(64);
  let sharedCount = new Float64Array(64);
  let sharedSum = new Float64Array(64);
  let sharedSq = new Float64Array(64);

  /** Grows (or, for a new generation of token ids, empties) the per-token map. */
  function syncIds(): void {
    const g = tokenGeneration();
    const count = tokenCount();
    if (g !== generation) {
      generation = g;
      // Slots are handed out again; a slot's word part stays valid for its stem.
      tok = newTokenMap(Math.max(1024, count));
      used = 0;
    } else if (tok.length < 3 * count) {
      const t2 = newTokenMap(2 * count);
      t2.set(tok);
      tok = t2;
    }
  }

  /** A token map for n ids: no slot, not seen by a document. */
  function newTokenMap(n: number): Int32Array<ArrayBuffer> {
    const t = new Int32Array(3 * n);
    for (let i = 0; i < n; i++) t[3 * i] = -1;
    return t;
  }

  /** Makes room for slot s. */
  function ensureSlot(s: number): void {
    if (slotStem.length > s) return;
    const grow = Math.min(limit + 1, Math.max(2 * slotStem.length, s + 1));
    const r2 = new Float64Array(grow * R);
    r2.set(rows);
    rows = r2;
    const i2 = new Int32Array(3 * grow);
    i2.set(info);
    info = i2;
    const st2 = new Array<string>(grow).fill(NO_STEM);
    for (let i = 0; i < slotStem.length; i++) st2[i] = slotStem[i] as string;
    slotStem = st2;
  }

  /**
   * The slot of a token's row, with its char part computed on first sight; `limit` (whose char
   * part is not computed here) when the cache is full.
   */
  function slotFor(id: number): number {
    const s = used < limit ? used++ : limit;
    ensureSlot(s);
    if (s !== limit) {
      tok[3 * id] = s;
      charPart(s, id);
    }
    return s;
  }

  /**
   * Computes the char part of slot s's row for token id: Σ (1 + ln r)·idf·W and Σ ((1 + ln r)·idf)²
   * over its distinct n-grams, r being how often each occurs in the token (in bucket order).
   */
  function charPart(s: number, id: number): void {
    if (!range) return;
    const o = s * R;
    for (let c = 0; c <= K; c++) rows[o + c] = 0;
    let repeats = 0;
    const e = gRange[2 * id + 1] as number;
    let q = gRange[2 * id] as number;
    while (q < e) {
      const b = gPool[q] as number;
      let r = 1;
      while (q + r < e && gPool[q + r] === b) r++;
      if (r > 1) repeats = 1;
      addGram(o, b, r);
      q += r;
    }
    info[3 * s + 2] = repeats;
  }

  /** Adds n-gram bucket b, occurring r times in the token, to the char part of the row at offset o. */
  function addGram(o: number, b: number, r: number): void {
    const w = r === 1 ? (cIdf[b] as number) : sublinear(r) * (cIdf[b] as number);
    rows[o + K] = (rows[o + K] as number) + w * w;
    const f = b + off;
    if (rowUsed[f] === 0) return;
    const base = f * K;
    for (let c = 0; c < K; c++) rows[o + c] = (rows[o + c] as number) + w * (W[base + c] as number);
  }

  /**
   * Computes the char parts of the rows of the documents' tokens not yet seen, all at once with
   * their n-grams in bucket order, so the weights and IDFs are read in order rather than at random.
   * Each row's sums are taken in the same order as in charPart (a token's n-grams are kept sorted).
   */
  function prepare(docs: readonly Analyzed[]): void {
    // In chunks, which bounds the scratch arrays.
    for (let d = 0; d < docs.length; d += PREPARE_CHUNK) prepareChunk(docs.slice(d, d + PREPARE_CHUNK));
  }

  function prepareChunk(docs: readonly Analyzed[]): void {
    if (!range) return;
    const g = tokenGeneration();
    let nNew = 0;
    let nEntries = 0;
    for (let d = 0; d < docs.length && used < limit; d++) {
      const ids = tokenIds((docs[d] as Analyzed).tokens);
      // Looking ids up may empty the token table (a new generation): leave it all to score().
      if (tokenGeneration() !== g) return;
      syncIds();
      poolGrams(ids, range, v.hashBits);
      for (let i = 0; i < ids.length && used < limit; i++) {
        const id = ids[i] as number;
        if ((tok[3 * id] as number) >= 0) continue;
        const s = used++;
        tok[3 * id] = s;
        ensureSlot(s);
        if (newIds.length === nNew) newIds = grown(newIds);
        newIds[nNew++] = id;
        nEntries += (gRange[2 * id + 1] as number) - (gRange[2 * id] as number);
      }
    }
    if (entryKeys.length < nEntries) {
      entryKeys = new Int32Array(2 * nEntries);
      entryVals = new Int32Array(2 * nEntries);
      entryTmpK = new Int32Array(2 * nEntries);
      entryTmpV = new Int32Array(2 * nEntries);
    }
    let n = 0;
    for (let t = 0; t < nNew; t++) {
      const id = newIds[t] as number;
      const s = tok[3 * id] as number;
      const o = s * R;
      for (let c = 0; c <= K; c++) rows[o + c] = 0;
      info[3 * s + 2] = 0;
      const e = gRange[2 * id + 1] as number;
      for (let q = gRange[2 * id] as number; q < e; q++) {
        entryKeys[n] = gPool[q] as number;
        entryVals[n++] = s;
      }
    }
    // Stable: a token's repeated n-gram stays together.
    sortPairs(entryKeys, entryVals, entryTmpK, entryTmpV, n, v.hashBits);
    let q = 0;
    while (q < n) {
      const b = entryKeys[q] as number;
      const s = entryVals[q] as number;
      let r = 1;
      while (q + r < n && entryKeys[q + r] === b && entryVals[q + r] === s) r++;
      if (r > 1) info[3 * s + 2] = 1;
      addGram(s * R, b, r);
      q += r;
    }
  }

  /** Computes the word part of slot s's row for a stem. */
  function wordPart(s: number, stem: string): void {
    const sid = tables.stemId.get(stem) ?? -1;
    const u = sid >= 0 ? (tables.unigram[sid] as number) : -1;
    info[3 * s] = sid;
    info[3 * s + 1] = u;
    slotStem[s] = stem;
    const o = s * R + K + 1;
    const idf = u >= 0 ? (wIdf[u] as number) : 0;
    rows[o + K] = idf * idf;
    const base = u * K;
    const nz = u >= 0 && rowUsed[u] !== 0;
    for (let c = 0; c < K; c++) rows[o + c] = nz ? idf * (W[base + c] as number) : 0;
  }

  /** Adds coef·W of char bucket b to accC (when its weights are not all zero). */
  function addCharWeights(b: number, coef: number): void {
    const f = b + off;
    if (rowUsed[f] === 0) return;
    const base = f * K;
    for (let c = 0; c < K; c++) accC[c] = (accC[c] as number) + coef * (W[base + c] as number);
  }

  // Reused by prepare: the new tokens, and (bucket, slot) pairs with the sort's scratch.
  let newIds = new Int32Array(1024);
  let entryKeys = new Int32Array(0);
  let entryVals = new Int32Array(0);
  let entryTmpK = new Int32Array(0);
  let entryTmpV = new Int32Array(0);

  function score(doc: Analyzed, out: Float64Array, at: number): void {
    const tokens = doc.tokens;
    const ids = tokenIds(tokens);
    syncIds();
    const stems = doc.stems;
    const surfaces = doc.surfaces;
    if (range) poolGrams(ids, range, v.hashBits);
    countTableFor(2 * stems.length + 1);
    if (dIds.length < ids.length) {
      dIds = new Int32Array(2 * ids.length);
      dSlots = new Int32Array(2 * ids.length);
      dMult = new Int32Array(2 * ids.length);
    }
    if (++serial === 0x7fffffff) {
      for (let i = 1; i < tok.length; i += 3) tok[i] = 0;
      serial = 1;
    }
    if (++stamp === stampEnd) {
      gKeys.fill(0);
      stamp = 1;
    }
    accW.fill(0);
    accC.fill(0);
    let sw = 0;
    let sc = 0;
    // Tokens in text order: their distinct ids with counts, and the word features (the stems line
    // up with the kept tokens, which are `surfaces`): unigrams from the token rows, counted, and
    // bigrams counted.
    let nd = 0;
    let total = 0;
    let prev = -1;
    let j = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      let s = tok[3 * id] as number;
      if (s < 0) s = slotFor(id);
      if (tok[3 * id + 1] === serial) {
        const t = tok[3 * id + 2] as number;
        dMult[t] = (dMult[t] as number) + 1;
      } else {
        tok[3 * id + 1] = serial;
        tok[3 * id + 2] = nd;
        dIds[nd] = id;
        dSlots[nd] = s;
        dMult[nd++] = 1;
        if (range) total += (gRange[2 * id + 1] as number) - (gRange[2 * id] as number);
      }
      if (j < stems.length && tokens[i] === surfaces[j]) {
        const stem = stems[j] as string;
        j++;
        if (slotStem[s] !== stem) wordPart(s, stem);
        const sid = info[3 * s] as number;
        if (sid >= 0) {
          const u = info[3 * s + 1] as number;
          if (u >= 0) {
            const o = s * R + K + 1;
            for (let c = 0; c < K; c++) accW[c] = (accW[c] as number) + (rows[o + c] as number);
            sw += rows[o + K] as number;
            countKey(2 * u);
          }
          if (bigrams && prev >= 0) {
            const p = pairFeature(tables, prev, sid);
            if (p >= 0) countKey(2 * p + 1);
          }
        }
        prev = sid;
      }
    }
    // Char n-grams, by distinct token: a token occurring m times adds its row times 1 + ln m (each
    // of its n-grams occurring r times in it then weighs 1 + ln(m·r): exact when r = 1, corrected
    // otherwise); its n-grams go into the document's table, where an n-gram another token put there
    // is shared: it weighs 1 + ln(Σ m·r) instead of Σ (1 + ln(m·r)) as the rows gave it.
    let ns = 0;
    if (range && nd > 0) {
      let cap = 256;
      while (cap < 2 * total) cap *= 2;
      if (gKeys.length < cap) {
        gKeys = new Int32Array(cap);
        gVals = new Int32Array(cap);
      }
      const mask = cap - 1;
      const shift = Math.clz32(cap) + 1;
      const tag = stamp << hb;
      for (let t = 0; t < nd; t++) {
        const id = dIds[t] as number;
        const s = dSlots[t] as number;
        const m = dMult[t] as number;
        if (s === limit) charPart(s, id);
        const o = s * R;
        const first = gRange[2 * id] as number;
        const e = gRange[2 * id + 1] as number;
        if (m === 1) {
          for (let c = 0; c < K; c++) accC[c] = (accC[c] as number) + (rows[o + c] as number);
          sc += rows[o + K] as number;
        } else {
          const sl = sublinear(m);
          for (let c = 0; c < K; c++) accC[c] = (accC[c] as number) + sl * (rows[o + c] as number);
          sc += sl * sl * (rows[o + K] as number);
        }
        const repeats = info[3 * s + 2] === 1;
        let q = first;
        while (q < e) {
          const b = gPool[q] as number;
          let r = 1;
          if (repeats) while (q + r < e && gPool[q + r] === b) r++;
          q += r;
          const n = m * r;
          if (r > 1 && m > 1) {
            // Rows gave this n-gram (1 + ln m)(1 + ln r).
            const idf = cIdf[b] as number;
            const x = sublinear(n);
            const y = sublinear(m) * sublinear(r);
            sc += (x * x - y * y) * idf * idf;
            addCharWeights(b, (x - y) * idf);
          }
          const key = tag | b;
          let h = Math.imul(b, 0x9e3779b1) >>> shift;
          for (;;) {
            const at = gKeys[h] as number;
            if (at >>> hb !== stamp) {
              gKeys[h] = key;
              gVals[h] = n;
              break;
            }
            if (at === key) {
              let k = gVals[h] as number;
              if (k >= 0) {
                if (ns === sharedList.length) {
                  sharedList = grown(sharedList);
                  sharedCount = grownF(sharedCount);
                  sharedSum = grownF(sharedSum);
                  sharedSq = grownF(sharedSq);
                }
                const x0 = sublinear(k);
                sharedList[ns] = b;
                sharedCount[ns] = k;
                sharedSum[ns] = x0;
                sharedSq[ns] = x0 * x0;
                k = ns++;
                gVals[h] = -1 - k;
              } else k = -1 - k;
              const x = sublinear(n);
              sharedCount[k] = (sharedCount[k] as number) + n;
              sharedSum[k] = (sharedSum[k] as number) + x;
              sharedSq[k] = (sharedSq[k] as number) + x * x;
              break;
            }
            h = (h + 1) & mask;
          }
        }
      }
      for (let k = 0; k < ns; k++) {
        const b = sharedList[k] as number;
        const idf = cIdf[b] as number;
        const sl = sublinear(sharedCount[k] as number);
        sc += (sl * sl - (sharedSq[k] as number)) * idf * idf;
        addCharWeights(b, (sl - (sharedSum[k] as number)) * idf);
      }
    }
    // Word features: unigrams seen more than once corrected, bigrams added.
    let nw = 0;
    const nu = hN;
    for (let q = 0; q < nu; q++) {
      const h = hUsed[q] as number;
      const k = hKeys[h] as number;
      const cnt = hCounts[h] as number;
      hKeys[h] = -1;
      nw++;
      const f = k >>> 1;
      let coef: number;
      if ((k & 1) === 0) {
        // A unigram: the token rows counted it cnt times.
        if (cnt === 1) continue;
        const idf = wIdf[f] as number;
        const sl = sublinear(cnt);
        sw += (sl * sl - cnt) * idf * idf;
        coef = (sl - cnt) * idf;
      } else {
        coef = sublinear(cnt) * (wIdf[f] as number);
        sw += coef * coef;
      }
      if (rowUsed[f] === 0) continue;
      const base = f * K;
      for (let c = 0; c < K; c++) accW[c] = (accW[c] as number) + coef * (W[base + c] as number);
    }
    hN = 0;
    // Block factors as in `weights` (total > 0 exactly when the document has a char n-gram).
    let ws = ws0;
    let cs = cs0;
    if (nw === 0 && total > 0) cs = 1;
    if (total === 0 && nw > 0) ws = 1;
    const fw = sw > 0 ? ws / Math.sqrt(sw) : 0;
    const fc = sc > 0 ? cs / Math.sqrt(sc) : 0;
    for (let c = 0; c < K; c++) out[at + c] = (bias[c] as number) + fw * (accW[c] as number) + fc * (accC[c] as number);
  }
  return { score, prepare };
}

/** A copy of a with twice the length. */
function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(16, 2 * a.length));
  b.set(a);
  return b;
}

/** A copy of a with twice the length. */
function grownF(a: Float64Array): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(16, 2 * a.length));
  b.set(a);
  return b;
}

/**
 * Sorts the first n (key, value) pairs by key (keys in [0, 2^bits)), stably, by a two-pass LSD
 * radix sort through the scratch arrays tk/tv.
 */
function sortPairs(keys: Int32Array, vals: Int32Array, tk: Int32Array, tv: Int32Array, n: number, bits: number): void {
  const b1 = Math.ceil(bits / 2);
  const R = 1 << b1;
  if (radixCount.length !== R) radixCount = new Int32Array(R);
  const cnt = radixCount;
  for (let pass = 0; pass < 2; pass++) {
    const shift = pass === 0 ? 0 : b1;
    const [fk, fv, dk, dv] = pass === 0 ? [keys, vals, tk, tv] : [tk, tv, keys, vals];
    cnt.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((fk[i] as number) >>> shift) & (R - 1);
      cnt[d] = (cnt[d] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d < R; d++) {
      const c = cnt[d] as number;
      cnt[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const x = fk[i] as number;
      const d = (x >>> shift) & (R - 1);
      const at = cnt[d] as number;
      dk[at] = x;
      dv[at] = fv[i] as number;
      cnt[d] = at + 1;
    }
  }
}

/**
 * Scores analysed documents with one {@link createScorer}: `out[d·K + c]` is document d's score
 * for column c.
 */
export function scoreDocuments(
  v: Vectorizer,
  docs: readonly Analyzed[],
  W: Float32Array,
  K: number,
  bias: Float64Array,
  rowUsed: Uint8Array,
  cachedTokens?: number,
): Float64Array {
  const scorer = createScorer(v, W, K, bias, rowUsed, cachedTokens);
  const out = new Float64Array(docs.length * K);
  for (let d0 = 0; d0 < docs.length; d0 += PREPARE_CHUNK) {
    const chunk = docs.slice(d0, d0 + PREPARE_CHUNK);
    scorer.prepare(chunk);
    for (let d = 0; d < chunk.length; d++) scorer.score(chunk[d] as Analyzed, out, (d0 + d) * K);
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
