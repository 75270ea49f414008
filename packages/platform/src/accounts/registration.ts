import { isLocale } from '../i18n/locales.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { checkEmail, checkText } from '../shared/validate.ts';
import { tokenFailure, type AccountsContext } from './accounts.context.ts';
import { checkPassword, hashPassword } from './password.ts';
import { hashSecret } from './secrets.ts';

/** Registration with e-mail and password, and confirming the address from the e-mailed link. */
export function registrationUseCases(ctx: AccountsContext) {
  const { deps, repo } = ctx;
  return {
    /** Registers a person with e-mail and password and e-mails a confirmation link. */
    async register(input: {
      email: unknown;
      displayName: unknown;
      password: unknown;
      locale?: unknown;
    }): Promise<Result<{ userId: string }>> {
      const errors: FieldError[] = [];
      const email = checkEmail(input.email);
      const name = checkText(input.displayName, 'displayName', { max: 100 });
      const password = typeof input.password === 'string' ? input.password : '';
      if ('error' in email) errors.push(email.error);
      if ('error' in name) errors.push(name.error);
      if (password === '') errors.push({ field: 'password', message: 'field.required' });
      else errors.push(...checkPassword(password, 'value' in email ? email.value : ''));
      if (input.locale !== undefined && input.locale !== '' && !isLocale(input.locale)) {
        errors.push({ field: 'locale', message: 'field.localeUnknown' });
      }
      if (errors.length > 0 || 'error' in email || 'error' in name) return fail('ValidationFailed', errors);
      const user = await repo.insertUser({
        email: email.value,
        displayName: name.value,
        passwordHash: await hashPassword(password),
        locale: isLocale(input.locale) ? input.locale : null,
        verified: false,
      });
      if (!user) return fail('EmailTaken', [{ field: 'email', message: 'field.emailTaken' }]);
      await repo.addRole(user.id, 'resident');
      await deps.audit.record({
        actorId: user.id,
        action: 'account.registered',
        subjectType: 'user',
        subjectId: user.id,
      });
      await ctx.sendTokenMail(user, 'verify_email');
      return ok({ userId: user.id });
    },

    /** Confirms an e-mail address from the link in the confirmation e-mail. */
    async verifyEmail(token: unknown): Promise<Result<{ userId: string }>> {
      if (typeof token !== 'string' || token === '') return tokenFailure('invalid');
      const used = await repo.consumeToken(hashSecret(token), 'verify_email', deps.clock());
      if (used.status !== 'ok') return tokenFailure(used.status);
      await repo.updateUser(used.userId, { emailVerified: true });
      ctx.sessions.forgetUser(used.userId);
      await deps.audit.record({
        actorId: used.userId,
        action: 'account.email_verified',
        subjectType: 'user',
        subjectId: used.userId,
      });
      return ok({ userId: used.userId });
    },
  };
}
