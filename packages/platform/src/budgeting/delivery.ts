import type { Actor } from '../accounts/accounts.policy.ts';
import type { InputOf, OutputOf } from '../edge/contract.ts';
import { isIsoDate } from '../shared/dates.ts';
import { resolveText } from '../shared/localized.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { budgetingContracts } from './budgeting.contract.ts';
import type { BudgetingContext } from './budgeting.context.ts';

type C = typeof budgetingContracts;

/** Delivery: a winning project moves along with the idea statuses, answers and milestones, and its voters hear of it. */
export function deliveryUseCases(ctx: BudgetingContext) {
  const { deps, repo, managedProject, audit } = ctx;
  return {
    /**
     * Adds a delivery update to a project: a status (one of the idea statuses) with an answer, or a milestone
     * (title, date) with progress. Sets the project's status and progress, and tells every person whose online
     * ballot included the project.
     */
    async addProjectUpdate(actor: Actor | null, input: InputOf<C['addProjectUpdate']>): Promise<Result<OutputOf<C['addProjectUpdate']>>> {
      const found = await managedProject(actor, input.projectId);
      if (!found.ok) return found;
      const { project, process } = found.value;
      const statusKey = input.status?.trim() || null;
      const body = input.body?.trim() || null;
      const title = input.title?.trim() || null;
      const happenedOn = input.happenedOn?.trim() || null;
      const progress = input.progressPercent ?? null;
      const errors: FieldError[] = [];
      const status = statusKey === null ? undefined : (await deps.feedback.statuses()).find((s) => s.key === statusKey);
      if (statusKey !== null && !status) errors.push({ field: 'status', message: 'field.unknownChoice' });
      if (status?.requiresAnswer && body === null) errors.push({ field: 'body', message: 'field.answerRequired' });
      if (happenedOn !== null && !isIsoDate(happenedOn)) errors.push({ field: 'happenedOn', message: 'field.dateInvalid' });
      if (progress !== null && (!Number.isInteger(progress) || progress < 0 || progress > 100)) errors.push({ field: 'progressPercent', message: 'field.between', params: { min: 0, max: 100 } });
      if (statusKey === null && body === null && title === null && progress === null) errors.push({ field: 'body', message: 'field.required' });
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const account = await deps.accounts.getAccount(found.value.actor);
      if (!account.ok) return account;
      const id = await repo.insertUpdate({
        projectId: project.id,
        status: statusKey,
        body,
        title,
        happenedOn,
        progressPercent: progress,
        authorId: found.value.actor.id,
        authorName: account.value.displayName,
      });
      await audit(found.value.actor, 'project_update_added', 'budget_project', project.id, { updateId: id, status: statusKey, progress });
      // The news is put together when it is read, in the reader's language: the status by its name there, the
      // milestone's title, the progress as that language writes a percentage; else the answer's first lines.
      await deps.notifications.notify({
        userIds: await repo.votersOfProject(project.id),
        kind: 'budget_project_update',
        subjectType: 'budget_project',
        subjectId: project.id,
        payload: {
          projectTitle: resolveText(project.title, 'nb', 'nb').text,
          status: statusKey,
          milestone: title,
          progress,
          answer: body ? body.slice(0, 1000) : null,
          processSlug: process.slug,
          link: `/processes/${process.slug}/budgeting/${project.phase_id}/projects/${project.id}`,
        },
      });
      return ok({ id });
    },
  };
}
