// Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018) seeded through SplitMix32 from a
// string hash, so a lot drawn for a tie can be re-run by anyone from the published seed.

/** A deterministic random source: `next()` returns a uniform 32-bit unsigned integer. */
export interface Rng {
  next(): number;
  /** Uniform integer in [0, n) without modulo bias. */
  below(n: number): number;
}

function hashString(seed: string): number {
  // FNV-1a over UTF-16 code units.
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Creates a xoshiro128** generator. The four state words come from SplitMix32 applied to the FNV-1a hash of
 * the seed (numbers are converted with String()). Same seed, same sequence, on every platform.
 */
export function createRng(seed: string | number): Rng {
  let x = hashString(String(seed));
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let s0 = splitmix();
  let s1 = splitmix();
  let s2 = splitmix();
  let s3 = splitmix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const rotl = (v: number, k: number): number => ((v << k) | (v >>> (32 - k))) >>> 0;
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    s0 >>>= 0;
    s1 >>>= 0;
    s2 >>>= 0;
    return result;
  };
  const below = (n: number): number => {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`below(${n})`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const v = next();
      if (v < limit) return v % n;
    }
  };
  return { next, below };
}
