// Hashed character n-grams inside word boundaries (like scikit-learn's `char_wb`; Weinberger et al. 2009,
// feature hashing), computed once per distinct token and kept in a pool shared by the vectoriser
// (features.ts) and the scorer (scorer.ts). The pool and the buffers below are module state, reused
// between calls; other modules read them (ES module bindings are live) and change them only through the
// functions here.

import { tokenCount, tokenGeneration, tokenIds, tokenText } from './tokenize.ts';

// The hashed char n-grams of every token seen, by token id (see tokenize.ts), for one setting and
// one generation of ids: token id's n-grams are gPool[gRange[2·id], gRange[2·id + 1]) (gRange[2·id]
// −1: not yet computed), one entry per occurrence, so an n-gram repeated inside a token is listed
// twice, in ascending bucket order (so sums over a token's n-grams are taken in one fixed order,
// however they are computed).
let poolKey = 0;
let poolGeneration = 0;
export let gRange = new Int32Array(0);
export let gPool = new Int32Array(1 << 16);
let gUsed = 0;

// Reused buffers (grown as needed): hashed char n-gram counts of one document (cleared by whoever
// reads them), and the list of the buckets it touched.
export let scratch = new Int32Array(0);
export let touchedBuf = new Int32Array(1024);

/** Key of a char n-gram setting (n range and hash bits) for the gram pool. */
function gramKeyOf(range: readonly [number, number], bits: number): number {
  return 1 + range[0] + 16 * range[1] + 256 * bits;
}

/** Makes `scratch` a zeroed count array of `size` buckets (kept when it has that size already). */
export function ensureScratch(size: number): void {
  if (scratch.length !== size) scratch = new Int32Array(size);
}

/**
 * Makes sure the n-grams of the tokens `ids` are in the pool (computing those not yet seen).
 * Hash: FNV-1a over the n-gram's UTF-16 code units (the token padded with a space each side), then
 * the length n mixed in (so a gram and a longer one with a colliding prefix hash differ) and a
 * murmur-style finaliser, masked to the table.
 */
export function poolGrams(ids: Int32Array, range: readonly [number, number], bits: number): void {
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
    sortTokenGrams(gRange[2 * id] as number);
    gRange[2 * id + 1] = gUsed;
  }
}

/** Sorts the pool's last token's n-grams, from `first` to the end, by bucket (insertion sort: a token has few). */
function sortTokenGrams(first: number): void {
  for (let q = first + 1; q < gUsed; q++) {
    const b = gPool[q] as number;
    let k = q;
    while (k > first && (gPool[k - 1] as number) > b) {
      gPool[k] = gPool[k - 1] as number;
      k--;
    }
    gPool[k] = b;
  }
}

/**
 * Counts the char n-grams of every token into `scratch` (which must have 2^bits buckets, see
 * {@link ensureScratch}), listing each bucket the first time it is seen in `touchedBuf`; returns how
 * many buckets were touched.
 */
export function countCharGrams(tokens: readonly string[], range: readonly [number, number], bits: number): number {
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
