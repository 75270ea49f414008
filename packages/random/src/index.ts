/**
 * @tingsted/random: the one seeded random generator of Tingsted (xoshiro128**) with its one seed derivation
 * (SHA-256 of `${namespace}:${seed}`), the draws made from it, and the SHA-256 it relies on. Pure: no I/O,
 * clock or Math.random().
 */
export { createRandom, seedState, Xoshiro128, type RandomSource, type Seed } from './generator.ts';
export { randomFloat, randomInt, sampleWithoutReplacement, shuffle } from './draw.ts';
export { sha256Bytes, sha256Hex } from './sha256.ts';
