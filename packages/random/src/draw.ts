// Draws from a RandomSource: integers, floats, shuffles and samples, each with a fixed use of the stream
// (stated per function) so a draw re-runs exactly from its seed.
import type { RandomSource } from './generator.ts';

/**
 * Uniform integer in [0, n) without modulo bias: draws 32-bit words until one falls below the largest
 * multiple of n (rejection sampling), then takes it modulo n. n must be an integer in [1, 2^32].
 */
export function randomInt(random: RandomSource, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 0x100000000) throw new RangeError(`randomInt: bad range ${n}`);
  const limit = 0x100000000 - (0x100000000 % n);
  for (;;) {
    const x = random.nextUint32();
    if (x < limit) return x % n;
  }
}

/** Uniform float in [0, 1) with 53 random bits: the top 27 bits of one word and the top 26 of the next. */
export function randomFloat(random: RandomSource): number {
  const hi = random.nextUint32() >>> 5;
  const lo = random.nextUint32() >>> 6;
  return (hi * 67108864 + lo) / 9007199254740992;
}

/**
 * A shuffled copy of `items` (Fisher–Yates from the end: for i = n−1 down to 1, swap item i with item
 * `randomInt(random, i + 1)`). Every order is equally likely.
 */
export function shuffle<T>(random: RandomSource, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(random, i + 1);
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}

/**
 * Chooses `count` distinct items of `items` uniformly (partial Fisher–Yates from the front: for i = 0 …
 * count−1, swap position i with i + `randomInt(random, n − i)`), returned in input order.
 */
export function sampleWithoutReplacement<T>(random: RandomSource, items: readonly T[], count: number): T[] {
  if (count > items.length) throw new RangeError(`cannot choose ${count} of ${items.length}`);
  const index = items.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + randomInt(random, index.length - i);
    const tmp = index[i]!;
    index[i] = index[j]!;
    index[j] = tmp;
  }
  return index
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}
