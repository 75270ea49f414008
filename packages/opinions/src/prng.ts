/**
 * Opinions draws uniform floats: a `Random` is a function returning floats in [0, 1), made from the one
 * generator of @tingsted/random (xoshiro128**, 53-bit floats) in the namespace `tingsted-opinions`.
 * Never Math.random(): results can be re-run from their seed.
 */
import { createRandom as createSource, randomFloat } from '@tingsted/random';

/** The namespace of opinions' seeds: the generator's state is the first 16 bytes of SHA-256("tingsted-opinions:" + seed). */
export const OPINIONS_NAMESPACE = 'tingsted-opinions';

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * A deterministic source of floats for a seed: `randomFloat` over `createRandom(seed, OPINIONS_NAMESPACE)` of
 * @tingsted/random. A number seed is its decimal text. The same seed always yields the same sequence.
 */
export function createRandom(seed: string | number): Random {
  const source = createSource(seed, OPINIONS_NAMESPACE);
  return () => randomFloat(source);
}
