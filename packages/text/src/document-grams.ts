// The distinct char n-grams of one document being scored, for the scorer (scorer.ts), which adds cached
// sums per distinct token: an n-gram that two distinct tokens share must then be corrected, and this
// table finds those.

import { grown, grownF } from './buffers.ts';
import { sublinear } from './tfidf.ts';

/**
 * A document's distinct n-grams in a small open-addressing table, which uses only as many positions as
 * the document needs, so it stays in the CPU's fastest cache: keys hold bucket | stamp << hashBits (a
 * stamp of an earlier document: free; the stamps run through 1 … 2^(31 − hashBits) − 1, and the table
 * is emptied when they start again), vals m·r of the token the n-gram came from or, once a second token
 * has it, −1 − k for shared n-gram k. The shared n-grams are listed with their bucket, Σ m·r,
 * Σ (1 + ln m·r) and Σ (1 + ln m·r)².
 */
export class DocumentGrams {
  private keys = new Int32Array(1024);
  private vals = new Int32Array(1024);
  private stamp = 0;
  private readonly stampEnd: number;
  private mask = 0;
  private shift = 0;
  private tag = 0;
  /** Shared n-grams of the current document: the first `shared` entries are valid. */
  shared = 0;
  sharedList = new Int32Array(64);
  sharedCount = new Float64Array(64);
  sharedSum = new Float64Array(64);
  sharedSq = new Float64Array(64);

  private readonly hashBits: number;

  constructor(hashBits: number) {
    this.hashBits = hashBits;
    this.stampEnd = 1 << (31 - hashBits);
  }

  /** Starts a new document: every position becomes free. */
  nextDocument(): void {
    if (++this.stamp === this.stampEnd) {
      this.keys.fill(0);
      this.stamp = 1;
    }
  }

  /** Sizes the table for a document with `total` n-gram entries (over its distinct tokens) and empties the shared list. */
  begin(total: number): void {
    let cap = 256;
    while (cap < 2 * total) cap *= 2;
    if (this.keys.length < cap) {
      this.keys = new Int32Array(cap);
      this.vals = new Int32Array(cap);
    }
    this.mask = cap - 1;
    this.shift = Math.clz32(cap) + 1;
    this.tag = this.stamp << this.hashBits;
    this.shared = 0;
  }

  /** Records bucket b, occurring n = m·r times through one distinct token; a bucket seen before becomes (or stays) shared. */
  add(b: number, n: number): void {
    const keys = this.keys;
    const key = this.tag | b;
    let h = Math.imul(b, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const at = keys[h] as number;
      if (at >>> this.hashBits !== this.stamp) {
        keys[h] = key;
        this.vals[h] = n;
        return;
      }
      if (at === key) {
        this.addShared(h, b, n);
        return;
      }
      h = (h + 1) & this.mask;
    }
  }

  /** Adds n occurrences to the shared n-gram at table position h (making it shared first if needed). */
  private addShared(h: number, b: number, n: number): void {
    let k = this.vals[h] as number;
    if (k >= 0) {
      if (this.shared === this.sharedList.length) {
        this.sharedList = grown(this.sharedList);
        this.sharedCount = grownF(this.sharedCount);
        this.sharedSum = grownF(this.sharedSum);
        this.sharedSq = grownF(this.sharedSq);
      }
      const x0 = sublinear(k);
      const ns = this.shared;
      this.sharedList[ns] = b;
      this.sharedCount[ns] = k;
      this.sharedSum[ns] = x0;
      this.sharedSq[ns] = x0 * x0;
      k = this.shared++;
      this.vals[h] = -1 - k;
    } else k = -1 - k;
    const x = sublinear(n);
    this.sharedCount[k] = (this.sharedCount[k] as number) + n;
    this.sharedSum[k] = (this.sharedSum[k] as number) + x;
    this.sharedSq[k] = (this.sharedSq[k] as number) + x * x;
  }
}
