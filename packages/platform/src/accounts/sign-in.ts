import { isLocale } from '../i18n/locales.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { AccountsContext } from './accounts.context.ts';
import type { SessionUser } from './accounts.types.ts';
import { verifyPassword } from './password.ts';
import { hashSecret } from './secrets.ts';

/** Password sign-in, and the sessions it starts: who is behind a cookie, signing out. */
export function signInUseCases(ctx: AccountsContext) {
  const { deps, repo } = ctx;
  return {
    /** Signs in with e-mail and password; returns a new session token for the cookie. */
    async signIn(input: {
      email: unknown;
      password: unknown;
    }): Promise<Result<{ token: string; expiresAt: Date; userId: string }>> {
      const errors: FieldError[] = [];
      if (typeof input.email !== 'string' || input.email.trim() === '')
        errors.push({ field: 'email', message: 'field.required' });
      if (typeof input.password !== 'string' || input.password === '')
        errors.push({ field: 'password', message: 'field.required' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const user = await repo.findUserByEmail(String(input.email).trim());
      // Hash even when the user is unknown so timing does not reveal which addresses have accounts.
      const hash =
        user?.password_hash ??
        'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      const valid = await verifyPassword(String(input.password), hash);
      if (!user || !user.password_hash || !valid) return fail('InvalidCredentials');
      const session = await ctx.startSession(user.id);
      return ok({ ...session, userId: user.id });
    },

    /**
     * The person behind a session cookie, or null when it is unknown or expired. Every request asks, so
     * an answer is remembered for two seconds in this process; changes made here (sign-out, roles, name,
     * deletion) forget it at once, and another server sees them within those two seconds.
     */
    async sessionUser(token: string | undefined): Promise<SessionUser | null> {
      if (!token) return null;
      const tokenHash = hashSecret(token);
      const now = deps.clock();
      const cached = ctx.sessions.get(tokenHash, now);
      if (cached) return cached;
      const row = await repo.findSession(tokenHash, now);
      if (!row) {
        ctx.sessions.forget(tokenHash);
        return null;
      }
      const user: SessionUser = {
        id: row.id,
        email: row.email,
        displayName: row.display_name,
        locale: isLocale(row.locale) ? row.locale : null,
        emailVerified: row.email_verified_at !== null,
        roles: row.roles,
      };
      ctx.sessions.remember(tokenHash, user, row.expires_at);
      return user;
    },

    /** Ends one session. */
    async signOut(token: string | undefined): Promise<void> {
      if (!token) return;
      ctx.sessions.forget(hashSecret(token));
      await repo.deleteSession(hashSecret(token));
    },
  };
}
