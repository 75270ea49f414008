// Scoring analysed documents against a feature-major weight matrix (a linear model or centroids) without
// building their TF-IDF vectors: sums per distinct token are cached (token-rows.ts), and a document adds
// those, then corrects the few features whose counts the cached sums got wrong.

import type { Analyzed } from './tokenize.ts';
import { tokenIds } from './tokenize.ts';
import { gPool, gRange, poolGrams } from './char-ngrams.ts';
import { CountTable } from './count-table.ts';
import { DocumentGrams } from './document-grams.ts';
import { sublinear, type Vectorizer } from './tfidf.ts';
import { PREPARE_CHUNK, TokenRows } from './token-rows.ts';
import { pairFeature, tablesFor, type WordTables } from './word-features.ts';

/** Most float64 sums the token cache of one scorer may hold (32 MB). */
const TOKEN_CACHE_VALUES = 1 << 22;

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
 * vectors: score(doc)[c] = `bias[c] + Σ_f x_f · W[f·K + c]` where x = transform(v, doc) (features.ts).
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
  if (v.charNgrams && v.hashBits > 28) throw new Error(`hashBits ${v.hashBits} is above 28`);
  return new Scorer(v, W, K, bias, rowUsed, Math.max(0, cachedTokens));
}

/** The {@link createScorer} implementation: one document at a time, in the steps of {@link Scorer.score}. */
class Scorer implements DocumentScorer {
  private readonly tables: WordTables;
  private readonly cache: TokenRows;
  private readonly grams: DocumentGrams;
  private readonly counts = new CountTable();
  private readonly accW: Float64Array;
  private readonly accC: Float64Array;
  // The current document's distinct tokens: id, slot and occurrences.
  private dIds = new Int32Array(256);
  private dSlots = new Int32Array(256);
  private dMult = new Int32Array(256);

  private readonly v: Vectorizer;
  private readonly W: Float32Array;
  private readonly K: number;
  private readonly bias: Float64Array;
  private readonly rowUsed: Uint8Array;

  constructor(v: Vectorizer, W: Float32Array, K: number, bias: Float64Array, rowUsed: Uint8Array, limit: number) {
    this.v = v;
    this.W = W;
    this.K = K;
    this.bias = bias;
    this.rowUsed = rowUsed;
    this.tables = tablesFor(v);
    this.cache = new TokenRows(v, this.tables, W, K, rowUsed, limit);
    this.grams = new DocumentGrams(v.hashBits);
    this.accW = new Float64Array(K);
    this.accC = new Float64Array(K);
  }

  prepare(docs: readonly Analyzed[]): void {
    this.cache.prepare(docs);
  }

  score(doc: Analyzed, out: Float64Array, at: number): void {
    const ids = tokenIds(doc.tokens);
    this.startDocument(doc, ids);
    const { nd, total, sw: swTokens } = this.tokenPass(doc, ids);
    const sc = this.v.charNgrams && nd > 0 ? this.charPass(nd, total) : 0;
    const { nw, sw } = this.wordCorrections(swTokens);
    // Block factors as in `weights` of features.ts (total > 0 exactly when the document has a char n-gram).
    let ws = Math.sqrt(1 - this.v.charWeight);
    let cs = Math.sqrt(this.v.charWeight);
    if (nw === 0 && total > 0) cs = 1;
    if (total === 0 && nw > 0) ws = 1;
    const fw = sw > 0 ? ws / Math.sqrt(sw) : 0;
    const fc = sc > 0 ? cs / Math.sqrt(sc) : 0;
    const { accW, accC, bias } = this;
    for (let c = 0; c < this.K; c++) out[at + c] = (bias[c] as number) + fw * (accW[c] as number) + fc * (accC[c] as number);
  }

  /** Readies the token map, the gram pool and the per-document tables and sums for a document. */
  private startDocument(doc: Analyzed, ids: Int32Array): void {
    this.cache.sync();
    if (this.v.charNgrams) poolGrams(ids, this.v.charNgrams, this.v.hashBits);
    this.counts.reserve(2 * doc.stems.length + 1);
    if (this.dIds.length < ids.length) {
      this.dIds = new Int32Array(2 * ids.length);
      this.dSlots = new Int32Array(2 * ids.length);
      this.dMult = new Int32Array(2 * ids.length);
    }
    this.grams.nextDocument();
    this.accW.fill(0);
    this.accC.fill(0);
  }

  /**
   * Tokens in text order: their distinct ids with counts (nd distinct, with `total` n-gram entries
   * between them), and the word features (the stems line up with the kept tokens, which are
   * `surfaces`): unigrams added from the token rows and counted, bigrams counted. Returns the squared
   * word norm so far.
   */
  private tokenPass(doc: Analyzed, ids: Int32Array): { nd: number; total: number; sw: number } {
    const { cache, tables, accW, counts, K } = this;
    const { tokens, stems, surfaces } = doc;
    const serial = cache.nextDocument();
    const bigrams = this.v.wordNgrams === 2;
    const range = this.v.charNgrams;
    let sw = 0;
    let nd = 0;
    let total = 0;
    let prev = -1;
    let j = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      let s = cache.tok[3 * id] as number;
      if (s < 0) s = cache.slotFor(id);
      const t3 = cache.tok;
      if (t3[3 * id + 1] === serial) {
        const t = t3[3 * id + 2] as number;
        this.dMult[t] = (this.dMult[t] as number) + 1;
      } else {
        t3[3 * id + 1] = serial;
        t3[3 * id + 2] = nd;
        this.dIds[nd] = id;
        this.dSlots[nd] = s;
        this.dMult[nd++] = 1;
        if (range) total += (gRange[2 * id + 1] as number) - (gRange[2 * id] as number);
      }
      if (j < stems.length && tokens[i] === surfaces[j]) {
        const stem = stems[j] as string;
        j++;
        if (cache.slotStem[s] !== stem) cache.wordPart(s, stem);
        const sid = cache.info[3 * s] as number;
        if (sid >= 0) {
          const u = cache.info[3 * s + 1] as number;
          if (u >= 0) {
            const rows = cache.rows;
            const o = s * cache.R + K + 1;
            for (let c = 0; c < K; c++) accW[c] = (accW[c] as number) + (rows[o + c] as number);
            sw += rows[o + K] as number;
            counts.add(2 * u);
          }
          if (bigrams && prev >= 0) {
            const p = pairFeature(tables, prev, sid);
            if (p >= 0) counts.add(2 * p + 1);
          }
        }
        prev = sid;
      }
    }
    return { nd, total, sw };
  }

  /**
   * Char n-grams, by distinct token: a token occurring m times adds its row times 1 + ln m (each of
   * its n-grams occurring r times in it then weighs 1 + ln(m·r): exact when r = 1, corrected
   * otherwise); its n-grams go into the document's table, where an n-gram another token put there is
   * shared: it weighs 1 + ln(Σ m·r) instead of Σ (1 + ln(m·r)) as the rows gave it. Returns the
   * squared char norm.
   */
  private charPass(nd: number, total: number): number {
    const { cache, grams, accC, K } = this;
    const cIdf = this.v.charIdf;
    grams.begin(total);
    let sc = 0;
    for (let t = 0; t < nd; t++) {
      const id = this.dIds[t] as number;
      const s = this.dSlots[t] as number;
      const m = this.dMult[t] as number;
      if (s === cache.limit) cache.charPart(s, id);
      const rows = cache.rows;
      const o = s * cache.R;
      if (m === 1) {
        for (let c = 0; c < K; c++) accC[c] = (accC[c] as number) + (rows[o + c] as number);
        sc += rows[o + K] as number;
      } else {
        const sl = sublinear(m);
        for (let c = 0; c < K; c++) accC[c] = (accC[c] as number) + sl * (rows[o + c] as number);
        sc += sl * sl * (rows[o + K] as number);
      }
      const repeats = cache.info[3 * s + 2] === 1;
      const e = gRange[2 * id + 1] as number;
      let q = gRange[2 * id] as number;
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
          this.addCharWeights(b, (x - y) * idf);
        }
        grams.add(b, n);
      }
    }
    for (let k = 0; k < grams.shared; k++) {
      const b = grams.sharedList[k] as number;
      const idf = cIdf[b] as number;
      const sl = sublinear(grams.sharedCount[k] as number);
      sc += (sl * sl - (grams.sharedSq[k] as number)) * idf * idf;
      this.addCharWeights(b, (sl - (grams.sharedSum[k] as number)) * idf);
    }
    return sc;
  }

  /** Adds coef·W of char bucket b to accC (when its weights are not all zero). */
  private addCharWeights(b: number, coef: number): void {
    const f = b + this.v.charOffset;
    if (this.rowUsed[f] === 0) return;
    const { W, K, accC } = this;
    const base = f * K;
    for (let c = 0; c < K; c++) accC[c] = (accC[c] as number) + coef * (W[base + c] as number);
  }

  /**
   * Word features from the document's count table: unigrams seen more than once corrected, bigrams
   * added; empties the table. Takes and returns the squared word norm, with the number of distinct
   * word features.
   */
  private wordCorrections(swTokens: number): { nw: number; sw: number } {
    const { counts, accW, W, K, rowUsed } = this;
    const wIdf = this.v.wordIdf;
    let sw = swTokens;
    let nw = 0;
    const nu = counts.size;
    for (let q = 0; q < nu; q++) {
      const h = counts.used[q] as number;
      const k = counts.keys[h] as number;
      const cnt = counts.counts[h] as number;
      counts.keys[h] = -1;
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
    counts.size = 0;
    return { nw, sw };
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
