import { sha256Bytes } from './sha256.ts';

/**
 * A source of uniformly distributed 32-bit integers. Everything random in this package draws from one of
 * these, so a selection can be re-run from its published seed.
 */
export interface RandomSource {
  /** Next uniformly distributed integer in [0, 2^32). */
  nextUint32(): number;
}

/**
 * xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2018), a small,
 * fast generator with a 128-bit state. Not cryptographic: it is used so that draws are reproducible.
 */
export class Xoshiro128 implements RandomSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** Starts from four 32-bit state words; an all-zero state is replaced by a fixed non-zero one. */
  constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 >>> 0;
    this.s1 = s1 >>> 0;
    this.s2 = s2 >>> 0;
    this.s3 = s3 >>> 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 0x9e3779b9;
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0; this.s1 >>>= 0; this.s2 >>>= 0; this.s3 >>>= 0;
    return result;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A seed as users type it: a number is used through its decimal text, so 42 and "42" are the same seed. */
export type Seed = string | number;

/**
 * Deterministic generator for a seed: the 128-bit xoshiro128** state is the first 16 bytes of
 * SHA-256("tingsted-sortition:" + seed). Same seed, same stream, on every platform.
 */
export function createRandom(seed: Seed): RandomSource {
  const text = typeof seed === 'number' ? String(seed) : seed;
  const digest = sha256Bytes(new TextEncoder().encode(`tingsted-sortition:${text}`));
  const view = new DataView(digest.buffer);
  return new Xoshiro128(view.getUint32(0), view.getUint32(4), view.getUint32(8), view.getUint32(12));
}

/** Uniform integer in [0, n) without modulo bias (rejection sampling); n must be in [1, 2^32]. */
export function randomInt(random: RandomSource, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 0x100000000) throw new RangeError(`randomInt: bad range ${n}`);
  const limit = 0x100000000 - (0x100000000 % n);
  for (;;) {
    const x = random.nextUint32();
    if (x < limit) return x % n;
  }
}

/** Uniform float in [0, 1) with 53 random bits. */
export function randomFloat(random: RandomSource): number {
  const hi = random.nextUint32() >>> 5; // 27 bits
  const lo = random.nextUint32() >>> 6; // 26 bits
  return (hi * 67108864 + lo) / 9007199254740992;
}

/** Chooses `count` distinct items of `items` uniformly (partial Fisher–Yates), returned in input order. */
export function sampleWithoutReplacement<T>(random: RandomSource, items: readonly T[], count: number): T[] {
  if (count > items.length) throw new RangeError(`cannot choose ${count} of ${items.length}`);
  const index = items.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(random, index.length - i);
    const tmp = index[i]!;
    index[i] = index[j]!;
    index[j] = tmp;
  }
  return index.slice(0, count).sort((a, b) => a - b).map((i) => items[i]!);
}
