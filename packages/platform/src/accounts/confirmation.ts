import { fail, ok, type Result } from '../shared/result.ts';
import type { AccountsContext } from './accounts.context.ts';
import type { Actor } from './accounts.policy.ts';
import { rateLimitUseCases } from './rate-limits.ts';

/**
 * Confirmed accounts: what posting, supporting, voting and joining a panel require, and sending the
 * confirmation e-mail again. An e-ID (OpenID Connect) sign-in confirms the address (see oidc.ts).
 */
export function confirmationUseCases(ctx: AccountsContext) {
  const { repo } = ctx;
  const { checkRateLimit } = rateLimitUseCases(ctx);
  return {
    /**
     * The one check every use case that lets a person post, support, vote or join calls first: ok when the
     * actor's e-mail address is confirmed, else `EmailNotConfirmed`. A session's actor carries the answer
     * (read with the session, so no query); any other actor is looked up by id.
     */
    async requireConfirmed(actor: Actor): Promise<Result<null>> {
      const confirmed = actor.emailVerified ?? Boolean((await repo.findUserById(actor.id))?.email_verified_at);
      return confirmed ? ok(null) : fail('EmailNotConfirmed');
    },

    /**
     * E-mails a new confirmation link to a signed-in person whose address is not confirmed yet (three per
     * hour); `sent: false` when the address was already confirmed.
     */
    async resendConfirmation(actor: Actor): Promise<Result<{ sent: boolean }>> {
      const user = await repo.findUserById(actor.id);
      if (!user) return fail('NotSignedIn');
      if (user.email_verified_at !== null) return ok({ sent: false });
      const limited = await checkRateLimit('confirmation', user.id);
      if (!limited.ok) return limited;
      await ctx.sendTokenMail(user, 'verify_email');
      await ctx.deps.audit.record({ actorId: user.id, action: 'account.confirmation_resent', subjectType: 'user', subjectId: user.id });
      return ok({ sent: true });
    },
  };
}
