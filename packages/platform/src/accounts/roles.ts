import type { Locale } from '../i18n/locales.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { AccountsContext } from './accounts.context.ts';
import { accountsPolicy, type Actor } from './accounts.policy.ts';
import { roles as allRoles, type Role } from './accounts.tables.ts';
import { hashPassword } from './password.ts';

/** People and their roles, for administrators; accounts created directly for seeding and imports. */
export function roleUseCases(ctx: AccountsContext) {
  const { deps, repo } = ctx;
  return {
    /** Lists people with their roles, for administrators. */
    async listUsers(actor: Actor, query: { search?: string; page?: number }) {
      if (!accountsPolicy.manageUsers(actor)) return fail('Forbidden');
      const pageSize = 50;
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const search = query.search?.trim();
      return ok(
        await repo.listUsers({
          ...(search ? { search } : {}),
          limit: pageSize,
          offset: (page - 1) * pageSize,
        }),
      );
    },

    /** Sets a person's roles; only administrators may, and they cannot remove their own administrator role. */
    async assignRoles(actor: Actor, userId: string, rolesInput: unknown): Promise<Result<{ roles: Role[] }>> {
      if (!accountsPolicy.manageUsers(actor)) return fail('Forbidden');
      const list = Array.isArray(rolesInput) ? rolesInput : rolesInput === undefined ? [] : [rolesInput];
      const wanted = [...new Set(list)];
      if (!wanted.every((r): r is Role => (allRoles as readonly unknown[]).includes(r))) {
        return fail('ValidationFailed', [{ field: 'roles', message: 'field.roleUnknown' }]);
      }
      if (userId === actor.id && !wanted.includes('administrator')) {
        return fail('ValidationFailed', [{ field: 'roles', message: 'field.keepOwnAdministrator' }]);
      }
      const user = await repo.findUserById(userId);
      if (!user) return fail('NotFound');
      const sorted = [...wanted].sort((a, b) => allRoles.indexOf(a) - allRoles.indexOf(b));
      await repo.setRoles(userId, sorted, actor.id);
      ctx.sessions.forgetUser(userId);
      await deps.audit.record({
        actorId: actor.id,
        action: 'account.roles_set',
        subjectType: 'user',
        subjectId: userId,
        details: { roles: sorted },
      });
      return ok({ roles: sorted });
    },

    /** Creates an account directly (seeding and administrators' imports); idempotent by e-mail. */
    async ensureUser(input: {
      email: string;
      displayName: string;
      password: string | null;
      roles: readonly Role[];
      locale?: Locale;
    }) {
      let user = await repo.findUserByEmail(input.email);
      if (!user) {
        user = await repo.insertUser({
          email: input.email,
          displayName: input.displayName,
          passwordHash: input.password ? await hashPassword(input.password) : null,
          locale: input.locale ?? null,
          verified: true,
        });
        user ??= await repo.findUserByEmail(input.email);
        if (!user) throw new Error(`could not create ${input.email}`);
      }
      for (const role of input.roles) await repo.addRole(user.id, role);
      return user.id;
    },
  };
}
