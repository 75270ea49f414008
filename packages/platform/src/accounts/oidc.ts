import { fail, ok, type Result } from '../shared/result.ts';
import type { AccountsContext } from './accounts.context.ts';

/** Signing in through an OpenID Connect provider. */
export function oidcUseCases(ctx: AccountsContext) {
  const { deps, repo } = ctx;
  return {
    /**
     * Signs in a person an OpenID provider vouched for: by a known identity, else by linking a verified
     * e-mail address to an existing account, else by creating an account.
     */
    async signInWithOidc(claims: {
      issuer: string;
      subject: string;
      email?: string | undefined;
      emailVerified?: boolean | undefined;
      name?: string | undefined;
    }): Promise<Result<{ token: string; expiresAt: Date; userId: string }>> {
      let userId = (await repo.findIdentity(claims.issuer, claims.subject))?.user_id;
      if (!userId) {
        if (!claims.email || !claims.emailVerified) return fail('OidcFailed');
        const existing = await repo.findUserByEmail(claims.email);
        if (existing) userId = existing.id;
        else {
          const created = await repo.insertUser({
            email: claims.email,
            displayName: claims.name?.trim() || claims.email.split('@')[0] || claims.email,
            passwordHash: null,
            locale: null,
            verified: true,
          });
          if (!created) return fail('Conflict');
          userId = created.id;
          await repo.addRole(userId, 'resident');
        }
        await repo.insertIdentity(claims.issuer, claims.subject, userId);
        await deps.audit.record({
          actorId: userId,
          action: 'account.oidc_linked',
          subjectType: 'user',
          subjectId: userId,
          details: { issuer: claims.issuer },
        });
      }
      // An e-ID or other provider vouched for the person: that counts as a confirmed address.
      await repo.updateUser(userId, { emailVerified: true });
      ctx.sessions.forgetUser(userId);
      const session = await ctx.startSession(userId);
      return ok({ ...session, userId });
    },
  };
}
