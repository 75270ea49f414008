import { fail, ok, type Result } from '../shared/result.ts';
import { checkEmail } from '../shared/validate.ts';
import { tokenFailure, type AccountsContext } from './accounts.context.ts';
import { checkPassword, hashPassword } from './password.ts';
import { hashSecret } from './secrets.ts';

/** Resetting a forgotten password from a one-time link sent by e-mail. */
export function passwordResetUseCases(ctx: AccountsContext) {
  const { deps, repo } = ctx;
  return {
    /** E-mails a password reset link; says nothing about whether the address has an account. */
    async requestPasswordReset(emailInput: unknown): Promise<Result<null>> {
      const email = checkEmail(emailInput);
      if ('error' in email) return fail('ValidationFailed', [email.error]);
      const user = await repo.findUserByEmail(email.value);
      if (user) await ctx.sendTokenMail(user, 'reset_password');
      return ok(null);
    },

    /** Sets a new password from a reset link and signs the person out everywhere. */
    async resetPassword(input: { token: unknown; password: unknown }): Promise<Result<{ userId: string }>> {
      if (typeof input.token !== 'string' || input.token === '') return tokenFailure('invalid');
      const password = typeof input.password === 'string' ? input.password : '';
      // Check the password before using up the link, so a weak password does not cost the person their link.
      const tokenHash = hashSecret(input.token);
      const ownerEmail = await repo.tokenOwnerEmail(tokenHash);
      const problems =
        password === ''
          ? [{ field: 'password', message: 'field.required' }]
          : checkPassword(password, ownerEmail ?? '');
      if (problems.length > 0) return fail('ValidationFailed', problems);
      const used = await repo.consumeToken(tokenHash, 'reset_password', deps.clock());
      if (used.status !== 'ok') return tokenFailure(used.status);
      await repo.updateUser(used.userId, { passwordHash: await hashPassword(password), emailVerified: true });
      await repo.deleteSessionsOf(used.userId);
      ctx.sessions.forgetUser(used.userId);
      await deps.audit.record({
        actorId: used.userId,
        action: 'account.password_reset',
        subjectType: 'user',
        subjectId: used.userId,
      });
      return ok({ userId: used.userId });
    },
  };
}
