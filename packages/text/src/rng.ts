// Kept only because topics.ts imports it while another helper splits that file; the coordinator deletes it once
// topics.ts draws with @tingsted/random directly. No generator of its own: @tingsted/random's, text namespace.
import { createRandom, randomFloat, randomInt, type RandomSource } from '@tingsted/random';
import { TEXT_NAMESPACE } from './seed.ts';

export { hashString } from './order.ts';

/** @deprecated A RandomSource with float and integer draws attached; use @tingsted/random's functions. */
export interface Rng extends RandomSource {
  next(): number;
  int(n: number): number;
}

/** @deprecated Use `createRandom(seed, TEXT_NAMESPACE)` of @tingsted/random. */
export function createRng(seed: string | number): Rng {
  const random = createRandom(seed, TEXT_NAMESPACE);
  return { nextUint32: () => random.nextUint32(), next: () => randomFloat(random), int: (n) => randomInt(random, n) };
}
