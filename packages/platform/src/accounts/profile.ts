import { isLocale } from '../i18n/locales.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { checkText } from '../shared/validate.ts';
import type { AccountsContext } from './accounts.context.ts';
import type { Actor } from './accounts.policy.ts';
import type { Role } from './accounts.tables.ts';

/** One's own account: name, language, e-mail frequency, the optional area and year of birth; contacts for notifications. */
export function profileUseCases(ctx: AccountsContext) {
  const { deps, repo } = ctx;
  return {
    /** How to reach people (for notifications): address, name, language and how often they want e-mail. */
    async contactsOf(userIds: readonly string[]) {
      if (userIds.length === 0) return [];
      const rows = await repo.contactsOf(userIds);
      return rows.map((r) => ({
        id: r.id,
        email: r.email,
        displayName: r.display_name,
        locale: isLocale(r.locale) ? r.locale : null,
        notifyMode: r.notify_mode,
      }));
    },

    /** Sets how often one hears by e-mail: immediately, in a daily digest, or never. */
    async setNotifyMode(actor: Actor, mode: unknown): Promise<Result<null>> {
      if (mode !== 'immediate' && mode !== 'daily' && mode !== 'none')
        return fail('ValidationFailed', [{ field: 'notifyMode', message: 'field.oneOf', params: { choices: 'immediate, daily, none' } }]);
      await repo.setNotifyMode(actor.id, mode);
      return ok(null);
    },

    /** One's own account as it is now (pages read it after a change in the same request). */
    async getAccount(actor: Actor) {
      const user = await repo.findUserById(actor.id);
      if (!user) return fail('NotFound');
      return ok({
        displayName: user.display_name,
        email: user.email,
        emailVerified: user.email_verified_at !== null,
        locale: isLocale(user.locale) ? user.locale : null,
        notifyMode: user.notify_mode,
        roles: await repo.rolesOf(user.id),
      });
    },

    /** Changes one's own name and language. */
    async updateProfile(
      actor: Actor,
      input: { displayName: unknown; locale: unknown },
    ): Promise<Result<null>> {
      const name = checkText(input.displayName, 'displayName', { max: 100 });
      const errors: FieldError[] = [];
      if ('error' in name) errors.push(name.error);
      if (
        input.locale !== '' &&
        input.locale !== undefined &&
        input.locale !== null &&
        !isLocale(input.locale)
      ) {
        errors.push({ field: 'locale', message: 'field.localeUnknown' });
      }
      if (errors.length > 0 || 'error' in name) return fail('ValidationFailed', errors);
      ctx.sessions.forgetUser(actor.id);
      await repo.updateUser(actor.id, {
        displayName: name.value,
        locale: isLocale(input.locale) ? input.locale : null,
      });
      return ok(null);
    },

    /** Display names by id, for other modules' lists (one query for a whole page). */
    async displayNamesOf(userIds: readonly string[]): Promise<Map<string, string>> {
      if (userIds.length === 0) return new Map();
      return new Map((await repo.displayNamesOf([...new Set(userIds)])).map((r) => [r.id, r.display_name]));
    },

    /**
     * The account with this e-mail address (any case), for staff who name a person by their address: a panel's
     * administrators, a member whose seat staff link. Null when there is none.
     */
    async accountByEmail(email: string): Promise<{ id: string; displayName: string; emailVerified: boolean } | null> {
      const user = await repo.findUserByEmail(email.trim());
      return user ? { id: user.id, displayName: user.display_name, emailVerified: user.email_verified_at !== null } : null;
    },

    /** Everyone who holds one of these roles (or is an administrator), to tell staff something needs them. */
    userIdsWithRoles: (roles: readonly Role[]) => repo.userIdsWithRoles([...new Set<Role>([...roles, 'administrator'])]),

    /** A person's roles (the moderation module refuses to block staff). */
    rolesOf: (userId: string) => repo.rolesOf(userId),

    /** Area and year of birth of many people, for participation reports (people who told nothing are left out). */
    async residentProfilesOf(userIds: readonly string[]): Promise<{ userId: string; area: string | null; birthYear: number | null }[]> {
      if (userIds.length === 0) return [];
      return (await repo.residentProfilesOf(userIds)).map((r) => ({ userId: r.user_id, area: r.area, birthYear: r.birth_year }));
    },

    /**
     * The people who told this area (when given) and a year of birth in the range (when given): the registered
     * residents of a group the census module's outreach reminds. Only their ids.
     */
    async residentsMatching(filter: { area: string | null; birthYears: { from: number; to: number } | null }): Promise<string[]> {
      return (await repo.residentsMatching(filter)).map((r) => r.user_id);
    },

    /** What the person told about themselves (area, year of birth), for the account page. */
    async getResidentProfile(actor: Actor): Promise<{ area: string | null; birthYear: number | null }> {
      const row = await repo.findResidentProfile(actor.id);
      return { area: row?.area ?? null, birthYear: row?.birth_year ?? null };
    },

    /**
     * Saves (or, when both are empty, deletes) the optional area and year of birth. The area must be one
     * of the municipality's; the year a four-digit year that makes the person 0–120 years old.
     */
    async updateResidentProfile(
      actor: Actor,
      input: { area: unknown; birthYear: unknown },
    ): Promise<Result<null>> {
      const errors: FieldError[] = [];
      const areaText = typeof input.area === 'string' ? input.area.trim() : '';
      const { areas } = await deps.municipality();
      if (areaText !== '' && !areas.includes(areaText))
        errors.push({ field: 'area', message: 'field.unknownChoice' });
      const yearText =
        typeof input.birthYear === 'string'
          ? input.birthYear.trim()
          : typeof input.birthYear === 'number'
            ? String(input.birthYear)
            : '';
      const thisYear = deps.clock().getUTCFullYear();
      const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
      if (yearText !== '' && !(year >= thisYear - 120 && year <= thisYear)) {
        errors.push({
          field: 'birthYear',
          message: 'field.birthYear',
          params: { from: thisYear - 120, to: thisYear },
        });
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      await repo.saveResidentProfile(actor.id, {
        area: areaText || null,
        birthYear: yearText === '' ? null : year,
      });
      await deps.audit.record({
        actorId: actor.id,
        action: 'account.profile_updated',
        subjectType: 'user',
        subjectId: actor.id,
      });
      return ok(null);
    },
  };
}
