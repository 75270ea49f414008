// The scorer's cache of sums per distinct token (see createScorer in scorer.ts): for each token, Σ idf·W
// and Σ idf² over its char n-grams, and idf·W and idf² of the unigram feature of the stem it was last
// seen with, so a document adds a few cached rows instead of reading the weights of every n-gram.

import type { Analyzed } from './tokenize.ts';
import { tokenCount, tokenGeneration, tokenIds } from './tokenize.ts';
import { gPool, gRange, poolGrams } from './char-ngrams.ts';
import { grown } from './buffers.ts';
import { sortPairs } from './radix.ts';
import { sublinear, type Vectorizer } from './tfidf.ts';
import type { WordTables } from './word-features.ts';

/** Documents whose new tokens {@link TokenRows.prepare} handles together. */
export const PREPARE_CHUNK = 512;

/** Stem of a slot whose word part is not computed yet. */
const NO_STEM = ' ';

/** A token map for n ids: no slot, not seen by a document. */
function newTokenMap(n: number): Int32Array<ArrayBuffer> {
  const t = new Int32Array(3 * n);
  for (let i = 0; i < n; i++) t[3 * i] = -1;
  return t;
}

/**
 * The rows of cached sums, one per token. A token's row (stride R = 2K + 2): char sums [0, K), char Σ x²
 * at K, unigram idf·W [K + 1, 2K + 1), unigram idf² at 2K + 1. Rows are found by slot; slot `limit` is
 * scratch space for tokens that do not fit. Per token id (of one generation), at tok[3·id, 3·id + 3):
 * its slot (−1: none yet), the number of the document that last saw it, and its place among that
 * document's distinct tokens. Per slot, the stem its word part was computed for (NO_STEM: none), and at
 * info[3s, 3s + 3) its stem id in the vocabulary tables, its unigram feature (−1: unknown), and 1 when
 * an n-gram occurs more than once inside the token (else 0).
 */
export class TokenRows {
  readonly R: number;
  rows: Float64Array<ArrayBuffer>;
  info: Int32Array<ArrayBuffer>;
  // Filled, not sparse: a JS array assigned at scattered indices would become a slow dictionary.
  slotStem: string[];
  tok = new Int32Array(0);
  private generation = 0;
  private serial = 0;
  private used = 0;
  // Reused by prepare: the new tokens, and (bucket, slot) pairs with the sort's scratch.
  private newIds = new Int32Array(1024);
  private entryKeys = new Int32Array(0);
  private entryVals = new Int32Array(0);
  private entryTmpK = new Int32Array(0);
  private entryTmpV = new Int32Array(0);

  /** `limit`: how many tokens get a slot of their own. */
  private readonly v: Vectorizer;
  private readonly tables: WordTables;
  private readonly W: Float32Array;
  private readonly K: number;
  private readonly rowUsed: Uint8Array;
  readonly limit: number;

  constructor(v: Vectorizer, tables: WordTables, W: Float32Array, K: number, rowUsed: Uint8Array, limit: number) {
    this.v = v;
    this.tables = tables;
    this.W = W;
    this.K = K;
    this.rowUsed = rowUsed;
    this.limit = limit;
    this.R = 2 * K + 2;
    const start = Math.min(limit + 1, 4096);
    this.rows = new Float64Array(start * this.R);
    this.info = new Int32Array(3 * start);
    this.slotStem = new Array<string>(start).fill(NO_STEM);
  }

  /** Grows (or, for a new generation of token ids, empties) the per-token map. */
  sync(): void {
    const g = tokenGeneration();
    const count = tokenCount();
    if (g !== this.generation) {
      this.generation = g;
      // Slots are handed out again; a slot's word part stays valid for its stem.
      this.tok = newTokenMap(Math.max(1024, count));
      this.used = 0;
    } else if (this.tok.length < 3 * count) {
      const t2 = newTokenMap(2 * count);
      t2.set(this.tok);
      this.tok = t2;
    }
  }

  /** The number of the next document (the per-token "last seen by" marks are reset when it wraps). */
  nextDocument(): number {
    if (++this.serial === 0x7fffffff) {
      for (let i = 1; i < this.tok.length; i += 3) this.tok[i] = 0;
      this.serial = 1;
    }
    return this.serial;
  }

  /**
   * The slot of a token's row, with its char part computed on first sight; `limit` (whose char
   * part is not computed here) when the cache is full.
   */
  slotFor(id: number): number {
    const s = this.used < this.limit ? this.used++ : this.limit;
    this.ensureSlot(s);
    if (s !== this.limit) {
      this.tok[3 * id] = s;
      this.charPart(s, id);
    }
    return s;
  }

  /** Makes room for slot s. */
  private ensureSlot(s: number): void {
    if (this.slotStem.length > s) return;
    const grow = Math.min(this.limit + 1, Math.max(2 * this.slotStem.length, s + 1));
    const r2 = new Float64Array(grow * this.R);
    r2.set(this.rows);
    this.rows = r2;
    const i2 = new Int32Array(3 * grow);
    i2.set(this.info);
    this.info = i2;
    const st2 = new Array<string>(grow).fill(NO_STEM);
    for (let i = 0; i < this.slotStem.length; i++) st2[i] = this.slotStem[i] as string;
    this.slotStem = st2;
  }

  /**
   * Computes the char part of slot s's row for token id: Σ (1 + ln r)·idf·W and Σ ((1 + ln r)·idf)²
   * over its distinct n-grams, r being how often each occurs in the token (in bucket order).
   */
  charPart(s: number, id: number): void {
    if (!this.v.charNgrams) return;
    const o = s * this.R;
    for (let c = 0; c <= this.K; c++) this.rows[o + c] = 0;
    let repeats = 0;
    const e = gRange[2 * id + 1] as number;
    let q = gRange[2 * id] as number;
    while (q < e) {
      const b = gPool[q] as number;
      let r = 1;
      while (q + r < e && gPool[q + r] === b) r++;
      if (r > 1) repeats = 1;
      this.addGram(o, b, r);
      q += r;
    }
    this.info[3 * s + 2] = repeats;
  }

  /** Adds n-gram bucket b, occurring r times in the token, to the char part of the row at offset o. */
  private addGram(o: number, b: number, r: number): void {
    const K = this.K;
    const rows = this.rows;
    const cIdf = this.v.charIdf;
    const w = r === 1 ? (cIdf[b] as number) : sublinear(r) * (cIdf[b] as number);
    rows[o + K] = (rows[o + K] as number) + w * w;
    const f = b + this.v.charOffset;
    if (this.rowUsed[f] === 0) return;
    const base = f * K;
    const W = this.W;
    for (let c = 0; c < K; c++) rows[o + c] = (rows[o + c] as number) + w * (W[base + c] as number);
  }

  /** Computes the word part of slot s's row for a stem. */
  wordPart(s: number, stem: string): void {
    const K = this.K;
    const sid = this.tables.stemId.get(stem) ?? -1;
    const u = sid >= 0 ? (this.tables.unigram[sid] as number) : -1;
    this.info[3 * s] = sid;
    this.info[3 * s + 1] = u;
    this.slotStem[s] = stem;
    const o = s * this.R + K + 1;
    const idf = u >= 0 ? (this.v.wordIdf[u] as number) : 0;
    const rows = this.rows;
    rows[o + K] = idf * idf;
    const base = u * K;
    const nz = u >= 0 && this.rowUsed[u] !== 0;
    const W = this.W;
    for (let c = 0; c < K; c++) rows[o + c] = nz ? idf * (W[base + c] as number) : 0;
  }

  /**
   * Computes the char parts of the rows of the documents' tokens not yet seen, all at once with
   * their n-grams in bucket order, so the weights and IDFs are read in order rather than at random.
   * Each row's sums are taken in the same order as in charPart (a token's n-grams are kept sorted).
   */
  prepare(docs: readonly Analyzed[]): void {
    // In chunks, which bounds the scratch arrays.
    for (let d = 0; d < docs.length; d += PREPARE_CHUNK) this.prepareChunk(docs.slice(d, d + PREPARE_CHUNK));
  }

  /** {@link prepare} for one chunk of documents. */
  private prepareChunk(docs: readonly Analyzed[]): void {
    const range = this.v.charNgrams;
    if (!range) return;
    const nNew = this.claimSlots(docs, range);
    if (nNew < 0) return;
    const n = this.listNewGrams(nNew);
    // Stable: a token's repeated n-gram stays together.
    sortPairs(this.entryKeys, this.entryVals, this.entryTmpK, this.entryTmpV, n, this.v.hashBits);
    const keys = this.entryKeys;
    const vals = this.entryVals;
    let q = 0;
    while (q < n) {
      const b = keys[q] as number;
      const s = vals[q] as number;
      let r = 1;
      while (q + r < n && keys[q + r] === b && vals[q + r] === s) r++;
      if (r > 1) this.info[3 * s + 2] = 1;
      this.addGram(s * this.R, b, r);
      q += r;
    }
  }

  /**
   * Gives the documents' tokens not yet seen a slot each (while slots are left), listing them in
   * newIds; returns how many, or −1 when looking ids up emptied the token table (a new generation:
   * then score() does it all).
   */
  private claimSlots(docs: readonly Analyzed[], range: readonly [number, number]): number {
    const g = tokenGeneration();
    let nNew = 0;
    let nEntries = 0;
    for (let d = 0; d < docs.length && this.used < this.limit; d++) {
      const ids = tokenIds((docs[d] as Analyzed).tokens);
      if (tokenGeneration() !== g) return -1;
      this.sync();
      poolGrams(ids, range, this.v.hashBits);
      for (let i = 0; i < ids.length && this.used < this.limit; i++) {
        const id = ids[i] as number;
        if ((this.tok[3 * id] as number) >= 0) continue;
        const s = this.used++;
        this.tok[3 * id] = s;
        this.ensureSlot(s);
        if (this.newIds.length === nNew) this.newIds = grown(this.newIds);
        this.newIds[nNew++] = id;
        nEntries += (gRange[2 * id + 1] as number) - (gRange[2 * id] as number);
      }
    }
    if (this.entryKeys.length < nEntries) {
      this.entryKeys = new Int32Array(2 * nEntries);
      this.entryVals = new Int32Array(2 * nEntries);
      this.entryTmpK = new Int32Array(2 * nEntries);
      this.entryTmpV = new Int32Array(2 * nEntries);
    }
    return nNew;
  }

  /** Clears the char parts of the nNew new tokens' rows and lists their (bucket, slot) pairs; returns how many. */
  private listNewGrams(nNew: number): number {
    let n = 0;
    for (let t = 0; t < nNew; t++) {
      const id = this.newIds[t] as number;
      const s = this.tok[3 * id] as number;
      const o = s * this.R;
      for (let c = 0; c <= this.K; c++) this.rows[o + c] = 0;
      this.info[3 * s + 2] = 0;
      const e = gRange[2 * id + 1] as number;
      for (let q = gRange[2 * id] as number; q < e; q++) {
        this.entryKeys[n] = gPool[q] as number;
        this.entryVals[n++] = s;
      }
    }
    return n;
  }
}
