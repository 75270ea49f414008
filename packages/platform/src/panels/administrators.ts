import type { Actor } from '../accounts/accounts.policy.ts';
import { checkEmail } from '../shared/validate.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { PanelsContext } from './panels.context.ts';
import { panelsPolicy } from './panels.policy.ts';

/** Hours a registration session may last at most (an evening's event, or a day at the town hall). */
export const maxSessionHours = 12;

/** The members needed for a decision: the panel's own quorum, else two thirds of its members rounded up. */
export function quorumOf(members: number, setting: number | null): number {
  if (setting !== null) return setting;
  return Math.ceil((2 * members) / 3);
}

/** Members and decisions: who administers a panel, its quorum, and registration sessions at events. */
export function administratorUseCases(ctx: PanelsContext) {
  const { deps, repo, allowed, invalid, audit, standing } = ctx;
  return {
    /**
     * Whether the actor may open the staff pages of the panel on a process: the roles that always
     * administer, and the people named on the panel (who may hold no staff role at all).
     */
    async administersPanelOf(actor: Actor | null, processId: string): Promise<boolean> {
      if (!actor) return false;
      if (panelsPolicy.administer(actor, { administrator: false, member: false })) return true;
      const panel = await repo.findPanelOfProcess(processId);
      return panel ? panelsPolicy.administer(actor, await standing(actor, panel.id)) : false;
    },

    /**
     * Who administers the panel: everyone with the administrator or process manager role always, and the
     * people named on the panel (its creator first), with who named them.
     */
    async listAdministrators(actor: Actor | null, panelId: string) {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const rows = await repo.administrators(panelId);
      const names = await deps.accounts.displayNamesOf(rows.flatMap((r) => (r.added_by ? [r.user_id, r.added_by] : [r.user_id])));
      const contacts = await deps.accounts.contactsOf(rows.map((r) => r.user_id));
      const st = await standing(actor, panelId);
      return ok({
        named: rows.map((r) => ({
          userId: r.user_id,
          name: names.get(r.user_id) ?? '',
          email: contacts.find((c) => c.id === r.user_id)?.email ?? '',
          creator: r.user_id === found.value.created_by,
          addedBy: r.added_by ? (names.get(r.added_by) ?? '') : null,
          addedAt: r.added_at,
        })),
        canName: panelsPolicy.nameAdministrators(actor, st),
      });
    },

    /** Names a person (by their account's e-mail address) as one of the panel's administrators. */
    async addAdministrator(actor: Actor | null, panelId: string, emailInput: unknown): Promise<Result<{ userId: string }>> {
      const found = await allowed(actor, panelId, panelsPolicy.nameAdministrators);
      if (!found.ok) return found;
      const email = checkEmail(emailInput, 'email');
      if ('error' in email) return fail('ValidationFailed', [email.error]);
      const account = await deps.accounts.accountByEmail(email.value);
      if (!account) return invalid('email', 'panels.admins.noAccount');
      if (!(await repo.addAdministrator(panelId, account.id, actor!.id))) return invalid('email', 'panels.admins.already');
      await audit(actor, 'panel.administrator_added', panelId, { userId: account.id });
      return ok({ userId: account.id });
    },

    /** Removes a named administrator; the creator stays (they started the panel and answer for it). */
    async removeAdministrator(actor: Actor | null, panelId: string, userId: string): Promise<Result<null>> {
      const found = await allowed(actor, panelId, panelsPolicy.nameAdministrators);
      if (!found.ok) return found;
      if (userId === found.value.created_by) return invalid('userId', 'panels.admins.creatorStays');
      if (!(await repo.removeAdministrator(panelId, userId))) return fail('NotFound');
      await audit(actor, 'panel.administrator_removed', panelId, { userId });
      return ok(null);
    },

    /** Sets the panel's quorum: a number of members from 1 to the panel's size, or empty for two thirds. */
    async setQuorum(actor: Actor | null, panelId: string, input: unknown): Promise<Result<{ quorum: number | null }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const empty = input === '' || input === null || input === undefined;
      const quorum = empty ? null : Number(input);
      if (quorum !== null && (!Number.isInteger(quorum) || quorum < 1 || quorum > found.value.size)) return invalid('quorum', 'panels.quorum.range', { size: found.value.size });
      await repo.setQuorum(panelId, quorum);
      await audit(actor, 'panel.quorum_set', panelId, { quorum });
      return ok({ quorum });
    },

    /**
     * Switches a registration session on for `hours` (1 to 12) or off (0): while it is on, the registration
     * form's per-address limit is lifted for this panel, so a town hall's shared connection does not stop
     * people registering. The per-person limit stays.
     */
    async setRegistrationSession(actor: Actor | null, panelId: string, hoursInput: unknown): Promise<Result<{ until: Date | null }>> {
      const found = await allowed(actor, panelId, panelsPolicy.administer);
      if (!found.ok) return found;
      const hours = Number(hoursInput);
      if (hoursInput === '' || !Number.isInteger(hours) || hours < 0 || hours > maxSessionHours) return invalid('hours', 'panels.session.hours', { max: maxSessionHours });
      const until = hours === 0 ? null : new Date(deps.clock().getTime() + hours * 3_600_000);
      await repo.setRegistrationSession(panelId, until, hours === 0 ? null : actor!.id);
      await audit(actor, hours === 0 ? 'panel.registration_session_ended' : 'panel.registration_session_started', panelId, { hours });
      return ok({ until });
    },
  };
}
