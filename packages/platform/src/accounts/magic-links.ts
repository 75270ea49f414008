import { fail, ok, type Result } from '../shared/result.ts';
import { checkEmail } from '../shared/validate.ts';
import { tokenFailure, type AccountsContext } from './accounts.context.ts';
import { hashSecret } from './secrets.ts';

/** Signing in with a one-time link sent by e-mail. */
export function magicLinkUseCases(ctx: AccountsContext) {
  const { deps, repo } = ctx;
  return {
    /** E-mails a sign-in link; says nothing about whether the address has an account. */
    async requestMagicLink(emailInput: unknown): Promise<Result<null>> {
      const email = checkEmail(emailInput);
      if ('error' in email) return fail('ValidationFailed', [email.error]);
      const user = await repo.findUserByEmail(email.value);
      if (user) await ctx.sendTokenMail(user, 'magic_link');
      return ok(null);
    },

    /** Signs in from a magic link, which also confirms the address. */
    async signInWithMagicLink(
      token: unknown,
    ): Promise<Result<{ token: string; expiresAt: Date; userId: string }>> {
      if (typeof token !== 'string' || token === '') return tokenFailure('invalid');
      const used = await repo.consumeToken(hashSecret(token), 'magic_link', deps.clock());
      if (used.status !== 'ok') return tokenFailure(used.status);
      await repo.updateUser(used.userId, { emailVerified: true });
      ctx.sessions.forgetUser(used.userId);
      const session = await ctx.startSession(used.userId);
      return ok({ ...session, userId: used.userId });
    },
  };
}
