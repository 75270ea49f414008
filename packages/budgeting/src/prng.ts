// Kept only because mes.test.ts imports it while another helper removes the MES import cycle; the coordinator
// deletes this file once mes.test.ts draws with @tingsted/random directly. Same generator and derivation.
import { createRandom, randomInt } from '@tingsted/random';
import { BUDGETING_NAMESPACE } from './tiebreak.ts';

/** @deprecated Use `createRandom(seed, BUDGETING_NAMESPACE)` and `randomInt` of @tingsted/random. */
export function createRng(seed: string | number): { next(): number; below(n: number): number } {
  const random = createRandom(seed, BUDGETING_NAMESPACE);
  return { next: () => random.nextUint32(), below: (n) => randomInt(random, n) };
}
