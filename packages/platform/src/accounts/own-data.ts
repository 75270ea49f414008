import { fail, ok, type Result } from '../shared/result.ts';
import type { AccountsContext } from './accounts.context.ts';
import type { Actor } from './accounts.policy.ts';

/** One's own data: exporting all of it (GDPR art. 15 and 20) and deleting the account (art. 17). */
export function ownDataUseCases(ctx: AccountsContext) {
  const { deps, repo } = ctx;
  return {
    /** Everything the platform holds about the person, as one JSON-ready object (GDPR art. 15 and 20). */
    async exportMyData(actor: Actor) {
      const user = await repo.findUserById(actor.id);
      if (!user) return fail('NotFound');
      return ok({
        exportedAt: deps.clock().toISOString(),
        account: {
          id: user.id,
          email: user.email,
          displayName: user.display_name,
          locale: user.locale,
          emailVerifiedAt: user.email_verified_at,
          createdAt: user.created_at,
        },
        roles: await repo.rolesOf(user.id),
        aboutYou: (await repo.findResidentProfile(user.id)) ?? null,
        sessions: await repo.sessionsOf(user.id),
        identityProviders: await repo.identitiesOf(user.id),
        actions: await deps.audit.byActor(user.id),
      });
    },

    /** Deletes one's own account and everything tied to it (GDPR art. 17). */
    async deleteMyAccount(actor: Actor, confirmation: unknown): Promise<Result<null>> {
      if (confirmation !== 'DELETE')
        return fail('ValidationFailed', [{ field: 'confirm', message: 'field.confirmDelete' }]);
      ctx.sessions.forgetUser(actor.id);
      await repo.deleteUser(actor.id);
      // The trail keeps that an account was deleted, not whose: no personal data survives.
      await deps.audit.record({
        actorId: null,
        action: 'account.deleted',
        subjectType: 'user',
        subjectId: null,
      });
      return ok(null);
    },
  };
}
