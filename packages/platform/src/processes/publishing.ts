import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { hasText, requiredForPublishing, type ProcessesContext } from './processes.context.ts';

/** A process's status: publishing a complete draft and closing a published process. */
export function publishingUseCases(ctx: ProcessesContext) {
  const { deps, repo, invalidate, managed } = ctx;
  return {
    /** Publishes a draft once its charter is complete and it has a timeline. */
    async publishProcess(actor: Actor | null, processId: string): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      const row = found.value;
      if (row.status !== 'draft') return fail('Conflict');
      const missing: FieldError[] = requiredForPublishing.filter((f) => !hasText(row[f])).map((field) => ({ field, message: 'field.requiredToPublish' }));
      if (!row.respond_by) missing.push({ field: 'respondBy', message: 'field.requiredToPublish' });
      if ((await repo.phasesOf(processId)).length === 0) missing.push({ field: 'phases', message: 'field.phasesRequired' });
      if (missing.length > 0) return fail('ValidationFailed', missing);
      invalidate();
      await repo.setStatus(processId, 'published');
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.published', subjectType: 'process', subjectId: processId });
      return ok(null);
    },

    /** Closes a published process. */
    async closeProcess(actor: Actor | null, processId: string): Promise<Result<null>> {
      const found = await managed(actor, processId);
      if (!found.ok) return found;
      if (found.value.status !== 'published') return fail('Conflict');
      invalidate();
      await repo.setStatus(processId, 'closed');
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'process.closed', subjectType: 'process', subjectId: processId });
      return ok(null);
    },
  };
}
