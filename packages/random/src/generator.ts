import { sha256Bytes } from './sha256.ts';

/**
 * A source of uniformly distributed 32-bit integers. Everything random in Tingsted draws from one of these,
 * so a lottery, a tie-break or an analysis can be re-run from its published seed.
 */
export interface RandomSource {
  /** Next uniformly distributed integer in [0, 2^32). */
  nextUint32(): number;
}

/**
 * xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2018), a small, fast
 * generator with a 128-bit state. Not cryptographic: it is used so that draws are reproducible.
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
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    this.s3 >>>= 0;
    return result;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A seed as people type it: a number is used through its decimal text, so 42 and "42" are the same seed. */
export type Seed = string | number;

/**
 * The one seed derivation: the four xoshiro128** state words are the first 16 bytes of
 * SHA-256(UTF-8 of `${namespace}:${seed}`), read as big-endian 32-bit words. The namespace keeps the
 * streams of different uses apart (`tingsted-sortition`, `tingsted-opinions`, …).
 */
export function seedState(seed: Seed, namespace: string): [number, number, number, number] {
  const text = typeof seed === 'number' ? String(seed) : seed;
  const digest = sha256Bytes(new TextEncoder().encode(`${namespace}:${text}`));
  const view = new DataView(digest.buffer);
  return [view.getUint32(0), view.getUint32(4), view.getUint32(8), view.getUint32(12)];
}

/**
 * A deterministic generator for a seed within a namespace (see `seedState`). Same seed and namespace, same
 * stream, on every platform.
 */
export function createRandom(seed: Seed, namespace: string): RandomSource {
  const [s0, s1, s2, s3] = seedState(seed, namespace);
  return new Xoshiro128(s0, s1, s2, s3);
}
