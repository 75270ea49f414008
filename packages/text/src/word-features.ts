// Word features: stemmed unigrams and adjacent stem pairs, counted by stem id so that no "a b" string
// is built for a pair that is not kept, and the lookup tables that find a document's word features
// without building those strings either.

import type { Analyzed } from './tokenize.ts';
import type { Vectorizer } from './tfidf.ts';

/**
 * Document frequencies of the word features (stems, and adjacent stem pairs when `ngrams` is 2),
 * counted by stem id, with a term string made only for features passing the frequency filter.
 */
export function wordDocumentFrequencies(docs: readonly Analyzed[], ngrams: 1 | 2, minDf: number, maxDf: number): [string, number][] {
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
        ({ cap, pKeys, pDf, pLast } = rehashPairs(cap, pKeys, pDf, pLast));
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

/** The pair table of {@link wordDocumentFrequencies} moved into one of twice the capacity. */
function rehashPairs(
  cap: number,
  pKeys: Int32Array,
  pDf: Int32Array,
  pLast: Int32Array,
): { cap: number; pKeys: Int32Array<ArrayBuffer>; pDf: Int32Array<ArrayBuffer>; pLast: Int32Array<ArrayBuffer> } {
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
  return { cap: c2, pKeys: k2, pDf: df2, pLast: l2 };
}

// Per-vectoriser lookup tables built on first use by `transform` (the vectoriser itself stays plain
// data): stem → stem id, unigram feature per stem id, and an open-addressing table (stem id pair →
// bigram feature), so a document's word features are found without building "a b" strings.
export interface WordTables {
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

/** Slot of a stem id pair in an open-addressing table (a hash of (a, b) masked to the table). */
export function pairSlot(a: number, b: number, mask: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  return (h ^ (h >>> 16)) & mask;
}

/** A second hash of a stem id pair (for the bigram filter), independent of {@link pairSlot}. */
function pairBit(a: number, b: number, mask: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x27d4eb2d), 0x165667b1);
  return (h ^ (h >>> 15)) & mask;
}

/** The word lookup tables of a vectoriser, built on first use and kept while the vectoriser lives. */
export function tablesFor(v: Vectorizer): WordTables {
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

/** The bigram feature of the stem id pair (a, b), or −1 when the pair is not a feature. */
export function pairFeature(t: WordTables, a: number, b: number): number {
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
