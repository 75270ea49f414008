// Deterministic tie-breaking between projects.
import { createRandom, shuffle } from '@tingsted/random';
import type { Profile } from './model.ts';

/**
 * One tie-breaking criterion. 'lot' is a seeded random order of the projects; 'input-order' is the order of the
 * projects in the election (file order).
 */
export type TieBreakKey =
  | 'lowest-cost'
  | 'highest-cost'
  | 'most-votes'
  | 'fewest-votes'
  | 'most-score'
  | 'input-order'
  | 'lot';

/** Tie-breaking configuration: criteria applied in order, and the seed of the lot. */
export interface TieBreakOptions {
  readonly keys?: readonly TieBreakKey[];
  readonly seed?: string | number;
}

/** The default order used by Tingsted (and by the Assen and equalshares.net tallies): cost, votes, lot. */
export const DEFAULT_TIE_BREAK: readonly TieBreakKey[] = ['lowest-cost', 'most-votes', 'lot'];

/** The namespace of the lot's seed: the generator's state is the first 16 bytes of SHA-256("tingsted-budgeting:" + seed). */
export const BUDGETING_NAMESPACE = 'tingsted-budgeting';

/** Default lot seed when none is given. Publish the seed actually used with the results. */
export const DEFAULT_SEED = 'tingsted';

/** A total order on projects for breaking ties, plus a description of what decided a given pair. */
export interface TieBreaker {
  /** Negative when project a is preferred to b, positive when b is preferred; never 0 for a ≠ b. */
  compare(a: number, b: number): number;
  /** The criterion that separates a and b. */
  decidedBy(a: number, b: number): TieBreakKey;
  /** Picks the preferred project among `tied` (non-empty). */
  pick(tied: readonly number[]): number;
  readonly keys: readonly TieBreakKey[];
  readonly seed: string;
}

/**
 * Builds the tie-breaker for a profile. The lot is drawn once per tally, when a tie first needs it: project ids
 * are sorted by UTF-16 code units and shuffled by `shuffle` of @tingsted/random (Fisher–Yates, xoshiro128** with
 * the state from SHA-256 of `tingsted-budgeting:` + seed); a project's lot rank is its position.
 * If the keys end without 'lot' or 'input-order', 'input-order' is appended so that the order is total.
 */
export function createTieBreaker(profile: Profile, options: TieBreakOptions = {}): TieBreaker {
  const keys = [...(options.keys ?? DEFAULT_TIE_BREAK)];
  const last = keys[keys.length - 1];
  if (last !== 'lot' && last !== 'input-order') keys.push('input-order');
  const seed = String(options.seed ?? DEFAULT_SEED);
  const m = profile.ids.length;
  // The lot's order is drawn when a tie first reaches it (most tallies never do; the draw hashes with SHA-256).
  let lot: number[] | undefined;
  const lotOf = (j: number): number => {
    if (lot === undefined) {
      const sortedIdx = Array.from({ length: m }, (_, i) => i).sort((a, b) => {
        const x = profile.ids[a]!;
        const y = profile.ids[b]!;
        return x < y ? -1 : x > y ? 1 : a - b;
      });
      const drawn = new Array<number>(m);
      shuffle(createRandom(seed, BUDGETING_NAMESPACE), sortedIdx).forEach((k, pos) => (drawn[k] = pos));
      lot = drawn;
    }
    return lot[j]!;
  };
  const diff = (key: TieBreakKey, a: number, b: number): number => {
    switch (key) {
      case 'lowest-cost':
        return profile.cost[a]! - profile.cost[b]!;
      case 'highest-cost':
        return profile.cost[b]! - profile.cost[a]!;
      case 'most-votes':
        return profile.votes[b]! - profile.votes[a]!;
      case 'fewest-votes':
        return profile.votes[a]! - profile.votes[b]!;
      case 'most-score':
        return profile.score[b]! - profile.score[a]!;
      case 'input-order':
        return a - b;
      case 'lot':
        return lotOf(a) - lotOf(b);
    }
  };
  const compare = (a: number, b: number): number => {
    for (const k of keys) {
      const d = diff(k, a, b);
      if (d !== 0) return d;
    }
    return a - b;
  };
  const decidedBy = (a: number, b: number): TieBreakKey => {
    for (const k of keys) if (diff(k, a, b) !== 0) return k;
    return 'input-order';
  };
  const pick = (tied: readonly number[]): number => {
    let best = tied[0]!;
    for (const j of tied) if (compare(j, best) < 0) best = j;
    return best;
  };
  return { compare, decidedBy, pick, keys, seed };
}
