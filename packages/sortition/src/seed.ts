// Sortition's seeds: the generator and derivation are @tingsted/random's; this file fixes the namespace, so
// every draw published before the generator moved to its own package re-runs to the same panel.
import { createRandom as createNamespacedRandom, type RandomSource, type Seed } from '@tingsted/random';

/** The namespace of every sortition seed: the state is SHA-256("tingsted-sortition:" + seed), first 16 bytes. */
export const SORTITION_NAMESPACE = 'tingsted-sortition';

/**
 * Sortition's generator for a seed: xoshiro128** from the first 16 bytes of SHA-256("tingsted-sortition:" +
 * seed), i.e. `createRandom(seed, SORTITION_NAMESPACE)` of @tingsted/random. Same seed, same stream.
 */
export function createRandom(seed: Seed): RandomSource {
  return createNamespacedRandom(seed, SORTITION_NAMESPACE);
}
