import type { SessionUser } from './accounts.types.ts';

/**
 * Recently resolved sessions, by token hash. Every request asks who is behind its session cookie, so an
 * answer is remembered for `rememberMs` in this process; changes made here (sign-out, roles, name, deletion)
 * forget it at once, and another server sees them within that time.
 *
 * Lifecycle: created with the service and never started or stopped (no timers); emptied when it reaches
 * `maxEntries`.
 */
export function createSessionCache(rememberMs = 2000, maxEntries = 10_000) {
  const entries = new Map<string, { user: SessionUser; until: number; expiresAt: Date }>();
  return {
    /** The remembered person behind a session, if remembered recently and the session has not expired. */
    get(tokenHash: string, now: Date): SessionUser | null {
      const cached = entries.get(tokenHash);
      return cached && cached.until > Date.now() && cached.expiresAt > now ? cached.user : null;
    },

    /** Remembers the person behind a session that expires at `expiresAt`. */
    remember(tokenHash: string, user: SessionUser, expiresAt: Date): void {
      if (entries.size >= maxEntries) entries.clear();
      entries.set(tokenHash, { user, until: Date.now() + rememberMs, expiresAt });
    },

    /** Forgets one session. */
    forget(tokenHash: string): void {
      entries.delete(tokenHash);
    },

    /** Forgets every session of a person whose account just changed. */
    forgetUser(userId: string): void {
      for (const [key, entry] of entries) if (entry.user.id === userId) entries.delete(key);
    },
  };
}
