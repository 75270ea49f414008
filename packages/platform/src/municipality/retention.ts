import type { AuditService } from '../audit/audit.service.ts';
import { accountsPolicy, type Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { municipalityRepository } from './municipality.repository.ts';

/** The longest retention an administrator may choose: ten years. */
export const maxRetentionDays = 3650;

/** The municipality's retention settings for personal data. */
export interface RetentionSettings {
  /** Days after a citizens' panel ends before its registrations' personal data is deleted; null: not set. */
  readonly panelRegistrationDays: number | null;
}

/** Retention settings: what administrators choose, and what the daily purge reads. */
export function retentionUseCases(repo: ReturnType<typeof municipalityRepository>, audit: Pick<AuditService, 'record'>) {
  return {
    /** The days after a panel ends before its registrations' personal data goes, for the daily job (null: not set). */
    async panelRetentionDays(): Promise<number | null> {
      return repo.panelRetentionDays();
    },

    /** The retention settings, for administrators. */
    async retentionSettings(actor: Actor | null): Promise<Result<RetentionSettings>> {
      if (!actor) return fail('NotSignedIn');
      if (!accountsPolicy.manageMunicipality(actor)) return fail('Forbidden');
      return ok({ panelRegistrationDays: await repo.panelRetentionDays() });
    },

    /** Sets the retention settings (administrators; audited). Left out or empty: not set. */
    async setRetentionSettings(actor: Actor | null, input: { panelRegistrationDays?: unknown }): Promise<Result<RetentionSettings>> {
      if (!actor) return fail('NotSignedIn');
      if (!accountsPolicy.manageMunicipality(actor)) return fail('Forbidden');
      const raw = input.panelRegistrationDays;
      const days = raw === undefined || raw === null || raw === '' ? null : Number(raw);
      if (days !== null && !(Number.isInteger(days) && days >= 0 && days <= maxRetentionDays)) {
        return fail('ValidationFailed', [{ field: 'panelRegistrationDays', message: 'field.retentionDays', params: { min: 0, max: maxRetentionDays } }]);
      }
      if (!(await repo.setPanelRetentionDays(days))) return fail('NotFound');
      await audit.record({ actorId: actor.id, action: 'municipality.retention_set', subjectType: 'municipality', subjectId: '1', details: { panelRegistrationDays: days } });
      return ok({ panelRegistrationDays: days });
    },
  };
}
