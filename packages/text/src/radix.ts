// Two-pass LSD radix sorts of small integer keys (hashed feature buckets), faster than a comparison sort
// for the thousands of buckets of a document or a batch.

// Digit counts, reused between calls (one digit of half the key's bits).
let radixCount = new Int32Array(0);

/** The reused digit-count array for digits of b1 bits. */
function countsFor(b1: number): Int32Array {
  const R = 1 << b1;
  if (radixCount.length !== R) radixCount = new Int32Array(R);
  return radixCount;
}

/**
 * Sorts the first n values of `a` (distinct, in [0, 2^bits)) ascending into `out` by a two-pass LSD
 * radix sort (`a` is used as the scratch of the first pass and left permuted).
 */
export function radixSort(a: Int32Array, n: number, out: Int32Array, bits: number): void {
  const b1 = Math.ceil(bits / 2);
  const R = 1 << b1;
  const mask = R - 1;
  const cnt = countsFor(b1);
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

/**
 * Sorts the first n (key, value) pairs by key (keys in [0, 2^bits)), stably, by a two-pass LSD
 * radix sort through the scratch arrays tk/tv.
 */
export function sortPairs(keys: Int32Array, vals: Int32Array, tk: Int32Array, tv: Int32Array, n: number, bits: number): void {
  const b1 = Math.ceil(bits / 2);
  const R = 1 << b1;
  const cnt = countsFor(b1);
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
