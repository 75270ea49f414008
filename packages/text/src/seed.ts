/**
 * The namespace of the text package's seeds: a seed's generator is `createRandom(seed, TEXT_NAMESPACE)` of
 * @tingsted/random, whose state is the first 16 bytes of SHA-256("tingsted-text:" + seed).
 */
export const TEXT_NAMESPACE = 'tingsted-text';
