import { ok, type Result } from '../shared/result.ts';
import type { AccountsContext } from './accounts.context.ts';
import { hashSecret } from './secrets.ts';

/** Rate limits: attempts allowed per window, per bucket. */
export const rateLimits = {
  signIn: { limit: 10, windowSeconds: 15 * 60 },
  /** Account sign-up, per person (the e-mail address typed). */
  register: { limit: 5, windowSeconds: 60 * 60 },
  /**
   * Account sign-up, per network address: only a guard against floods, loose enough for a town hall or a
   * library where many people share one address.
   */
  registerAddress: { limit: 60, windowSeconds: 60 * 60 },
  /** A panel's registration form, per person (the invitation code). */
  panelRegistration: { limit: 5, windowSeconds: 60 * 60 },
  /** A panel's registration form, per network address and panel; lifted while a registration session is on. */
  panelRegistrationAddress: { limit: 20, windowSeconds: 60 * 60 },
  reset: { limit: 5, windowSeconds: 60 * 60 },
  /** Confirmation e-mails sent again on request, per person. */
  confirmation: { limit: 3, windowSeconds: 60 * 60 },
} as const;

/** Limits on sign-in, registration and reset attempts, per address or e-mail. */
export function rateLimitUseCases(ctx: AccountsContext) {
  const { deps, repo } = ctx;
  return {
    /**
     * Counts an attempt against a limit. The key (an address or e-mail) is stored only as a hash.
     * Returns a failure with the seconds to wait once the limit is passed.
     */
    async checkRateLimit(bucket: keyof typeof rateLimits, key: string): Promise<Result<null>> {
      const { limit, windowSeconds } = rateLimits[bucket];
      const row = await repo.hitRateLimit(bucket, hashSecret(key), windowSeconds);
      if (row.hits <= limit) return ok(null);
      const retry = Math.max(
        1,
        Math.ceil((row.window_start.getTime() + windowSeconds * 1000 - deps.clock().getTime()) / 1000),
      );
      return { ok: false, code: 'RateLimited', retryAfterSeconds: retry };
    },
  };
}
