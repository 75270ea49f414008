import type { Actor } from '../accounts/accounts.policy.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DeletionLine, PersonalSections } from '../shared/privacy.ts';
import { fail, ok, type Result } from '../shared/result.ts';

/** A module's part in a person's export and in deleting their account (each module's `privacy.ts`). */
export interface PersonalDataSource {
  exportFor(userId: string): Promise<PersonalSections>;
  deletionPlanFor(userId: string): Promise<DeletionLine[]>;
  /** Removes or unlinks what the foreign keys alone would not, before the user row goes. */
  forgetUser?(userId: string): Promise<void>;
}

/** What the personal-data read model reads: every module that holds something about a person. */
export interface PersonalDataDeps {
  readonly accounts: Pick<AccountsService, 'exportMyData' | 'deletionPlanFor' | 'deleteMyAccount'>;
  readonly audit: Pick<AuditService, 'forgetPerson' | 'aboutPerson'>;
  /** In the order the export shows them. */
  readonly sources: readonly PersonalDataSource[];
}

/** The whole export: the account part as before, then every module's sections. */
export type PersonalDataExport = Extract<Awaited<ReturnType<AccountsService['exportMyData']>>, { ok: true }>['value'] & { readonly sections: PersonalSections };

/** What deleting the account does, split into what goes and what stays without the person. */
export interface DeletionPreview {
  readonly deleted: Extract<DeletionLine, { outcome: 'deleted' }>[];
  readonly kept: Extract<DeletionLine, { outcome: 'kept' }>[];
}

/**
 * One's own data across the platform (GDPR art. 15, 17 and 20): the export, the preview of a deletion and
 * the deletion itself. Each module tells its own part through its exported `exportFor`, `deletionPlanFor`
 * and `forgetUser`; this read model only composes them.
 */
export function personalDataUseCases(deps: PersonalDataDeps) {
  return {
    /** Everything the platform holds about the signed-in person, with timestamps, grouped by section. */
    async exportPersonalData(actor: Actor): Promise<Result<PersonalDataExport>> {
      const account = await deps.accounts.exportMyData(actor);
      if (!account.ok) return account;
      const parts = await Promise.all(deps.sources.map((source) => source.exportFor(actor.id)));
      return ok({ ...account.value, sections: Object.assign({}, ...parts) as PersonalSections });
    },

    /**
     * What deleting the person's account would delete and what would stay, anonymised, with the reason for
     * each kind (the account page shows it before the person confirms). Rules: docs/decisions/0011-personal-data-export-and-deletion.md.
     */
    async deletionPreview(actor: Actor): Promise<Result<DeletionPreview>> {
      const lines = (await Promise.all([deps.accounts.deletionPlanFor(actor.id), ...deps.sources.map((source) => source.deletionPlanFor(actor.id))])).flat();
      // The audit trail keeps what happened and when, without who.
      const trail = (await deps.audit.aboutPerson(actor.id)).length;
      if (trail > 0) lines.push({ section: 'auditTrail', count: trail, outcome: 'kept', reason: 'auditTrail' });
      return ok({
        deleted: lines.filter((l): l is Extract<DeletionLine, { outcome: 'deleted' }> => l.outcome === 'deleted'),
        kept: lines.filter((l): l is Extract<DeletionLine, { outcome: 'kept' }> => l.outcome === 'kept'),
      });
    },

    /**
     * Deletes the account as the preview said: each module removes or unlinks its part, the audit trail
     * forgets who, then the account goes (and with it, by the foreign keys, every remaining link). Running it
     * again after an interruption finishes the job.
     */
    async deleteAccount(actor: Actor, confirmation: unknown): Promise<Result<null>> {
      if (confirmation !== 'DELETE') return fail('ValidationFailed', [{ field: 'confirm', message: 'field.confirmDelete' }]);
      for (const source of deps.sources) await source.forgetUser?.(actor.id);
      await deps.audit.forgetPerson(actor.id);
      return deps.accounts.deleteMyAccount(actor, confirmation);
    },
  };
}

export type PersonalDataService = ReturnType<typeof personalDataUseCases>;
