import type { Failure } from './result.ts';

/** How many writes one person may make: a burst, then a steady number per second. */
export interface FloodLimit {
  readonly burst: number;
  readonly perSecond: number;
}

/**
 * The flood limit for votes, supports and ballots, per person (or anonymous visitor). Far above what a person
 * clicking does — a burst of 60, then 10 a second — and far below a script's flood. Kept in this server's
 * memory (a token bucket): checking costs no database write, which at thousands of votes a second matters;
 * with several servers each allows this much.
 */
export const voteFloodLimit: FloodLimit = { burst: 60, perSecond: 10 };

/**
 * A token bucket per key. `take(key)` spends one token: null when the write may go ahead, or a `RateLimited`
 * failure with the seconds until the next token. The map of buckets is emptied when it passes `maxKeys`, so
 * memory stays bounded. `now` gives milliseconds.
 */
export function createFloodGuard(limit: FloodLimit, now: () => number = () => performance.now(), maxKeys = 100_000) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key: string): Failure | null {
      const t = now();
      const bucket = buckets.get(key);
      const tokens = bucket ? Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond) : limit.burst;
      if (tokens < 1) {
        if (bucket) Object.assign(bucket, { tokens, at: t });
        return { ok: false, code: 'RateLimited', retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)) };
      }
      if (!bucket && buckets.size >= maxKeys) buckets.clear();
      if (bucket) Object.assign(bucket, { tokens: tokens - 1, at: t });
      else buckets.set(key, { tokens: tokens - 1, at: t });
      return null;
    },
  };
}

export type FloodGuard = ReturnType<typeof createFloodGuard>;
