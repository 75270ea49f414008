// Per-document counts of word features: a small open-addressing table (key → count) that stays in the
// CPU's fastest cache, with the list of its used positions, so it is emptied in time proportional to
// what the document put in it.

/** A count table of non-negative integer keys; see the file comment. */
export class CountTable {
  /** Key per position (−1: empty). */
  keys = new Int32Array(2048).fill(-1);
  counts = new Int32Array(2048);
  /** Positions in use, in the order their keys were first counted; the first `size` are valid. */
  used = new Int32Array(2048);
  size = 0;
  private mask = 2047;
  private shift = 21;

  /** Makes room for `m` distinct keys in the (empty) table. */
  reserve(m: number): void {
    let cap = this.keys.length;
    if (cap >= 2 * m) return;
    while (cap < 2 * m) cap *= 2;
    this.keys = new Int32Array(cap).fill(-1);
    this.counts = new Int32Array(cap);
    this.used = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
  }

  /** Counts one occurrence of a non-negative key (Fibonacci hashing to the table's slot). */
  add(key: number): void {
    const keys = this.keys;
    let h = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[h] as number;
      if (k === key) {
        this.counts[h] = (this.counts[h] as number) + 1;
        return;
      }
      if (k === -1) {
        keys[h] = key;
        this.counts[h] = 1;
        this.used[this.size++] = h;
        return;
      }
      h = (h + 1) & this.mask;
    }
  }
}
