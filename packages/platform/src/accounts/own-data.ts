import { fail, ok, type Result } from '../shared/result.ts';
import type { AccountsContext } from './accounts.context.ts';
import type { Actor } from './accounts.policy.ts';
import { linesWithContent, type DeletionLine } from '../shared/privacy.ts';

/** One's own data: exporting all of it (GDPR art. 15 and 20) and deleting the account (art. 17). */
export function ownDataUseCases(ctx: AccountsContext) {
  const { deps, repo } = ctx;
  return {
    /**
     * What the accounts module holds about the person, as one JSON-ready object: the account, roles, what
     * they told about themselves, sessions, sign-in providers and the audit entries by or about them. The
     * whole export (every module) is `reports.exportPersonalData`.
     */
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
        actions: (await deps.audit.aboutPerson(user.id)).map((e) => ({ at: e.at, action: e.action, subject_type: e.subject_type, subject_id: e.subject_id, byYou: e.actor_id === user.id, details: e.details })),
      });
    },

    /** What deleting the account removes from the accounts module (all of it: nothing here is kept). */
    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const [sessions, identities, profile] = await Promise.all([repo.sessionsOf(userId), repo.identitiesOf(userId), repo.findResidentProfile(userId)]);
      return linesWithContent([
        { section: 'account', count: 1, outcome: 'deleted' },
        { section: 'aboutYou', count: profile ? 1 : 0, outcome: 'deleted' },
        { section: 'sessions', count: sessions.length, outcome: 'deleted' },
        { section: 'identityProviders', count: identities.length, outcome: 'deleted' },
      ]);
    },

    /**
     * Deletes one's own account: the user row and, by the foreign keys, roles, sessions, links, sign-in
     * providers and profile (GDPR art. 17). The other modules' part comes first (`reports.deleteAccount`).
     */
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
