import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import type { Role } from '../accounts/accounts.tables.ts';
import { isIsoDate } from '../shared/dates.ts';
import { isUuid } from '../shared/validate.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { FeedbackContext } from './feedback.context.ts';

/** An official answer, signed with the author's name and role. */
export interface OfficialAnswer {
  readonly status: string;
  readonly body: string | null;
  readonly authorName: string;
  readonly authorRole: Role;
  readonly createdAt: Date;
}

/** The role an answer is signed with: the most accountable one the author has. */
const signingOrder: Role[] = ['decision_maker', 'process_manager', 'moderator', 'administrator'];

/** Closing the loop on one idea: its status with an official answer, and the milestones of its implementation. */
export function answerUseCases(ctx: FeedbackContext) {
  const { deps, repo, statuses } = ctx;

  /**
   * An official answer's status and text checked (a known status; the text required where the status says so, at
   * most 5,000 characters), with the name and role it is signed with. Ideas and proposals answer through it.
   */
  async function checkAnswer(actor: Actor, input: { status: unknown; body?: unknown }) {
    const status = (await statuses()).find((s) => s.key === input.status);
    const body = typeof input.body === 'string' ? input.body.trim() : '';
    const errors: FieldError[] = [];
    if (!status) errors.push({ field: 'status', message: 'field.unknownChoice' });
    if (status?.requiresAnswer && body === '') errors.push({ field: 'body', message: 'field.answerRequired' });
    if (body.length > 5000) errors.push({ field: 'body', message: 'field.tooLong', params: { max: 5000 } });
    if (errors.length > 0 || !status) return fail('ValidationFailed', errors);
    const account = await deps.accounts.getAccount(actor);
    if (!account.ok) return account;
    const authorRole = signingOrder.find((r) => actor.roles.includes(r)) ?? 'process_manager';
    return ok({ status, body, authorName: account.value.displayName, authorRole });
  }

  async function ideaContext(ideaId: string) {
    const idea = await deps.ideas.findIdea(ideaId);
    if (!idea) return null;
    const process = await deps.processes.getProcessById(idea.process_id);
    return process ? { idea, process } : null;
  }

  /**
   * Staff set an idea's status with an official answer (required for statuses such as "rejected"),
   * signed with their name and role. Author, supporters and followers are told.
   */
  async function answerIdea(actor: Actor | null, ideaId: string, input: { status: unknown; body: unknown }): Promise<Result<null>> {
    if (!actor || !hasRole(actor, 'process_manager', 'decision_maker', 'moderator')) return fail('Forbidden');
    const context = await ideaContext(ideaId);
    if (!context) return fail('NotFound');
    const checked = await checkAnswer(actor, input);
    if (!checked.ok) return checked;
    const { status, body, authorName, authorRole } = checked.value;
    await repo.insertAnswer({ ideaId, status: status.key, body: body || null, authorId: actor.id, authorName, authorRole });
    await deps.ideas.applyStatus(ideaId, status.key, status.allowsProgress ? undefined : null);
    await deps.audit.record({ actorId: actor.id, action: 'idea.answered', subjectType: 'idea', subjectId: ideaId, details: { status: status.key } });
    await deps.notifications.notify({
      userIds: await deps.ideas.audienceOf(ideaId),
      kind: body ? 'answered' : 'status_changed',
      subjectType: 'idea',
      subjectId: ideaId,
      payload: { ideaId, ideaTitle: context.idea.title, processSlug: context.process.slug, status: status.key, answer: body ? body.slice(0, 1000) : null },
    });
    return ok(null);
  }

  return {
    checkAnswer,
    answerIdea,

    /**
     * The same status and official answer for several ideas of one process (the inputs manager's bulk
     * action). Everything is checked before anything is written: the answer once, and that every idea exists
     * in the process (else NotFound, nothing answered). Each idea is then answered as `answerIdea` does.
     */
    async answerIdeas(actor: Actor | null, processId: string, ideaIds: readonly string[], input: { status: unknown; body: unknown }): Promise<Result<{ answered: number }>> {
      if (!actor || !hasRole(actor, 'process_manager', 'decision_maker', 'moderator')) return fail('Forbidden');
      const unique = [...new Set(ideaIds)];
      if (!unique.every((id) => isUuid(id))) return fail('NotFound');
      if (unique.length === 0) return fail('ValidationFailed', [{ field: 'ideaIds', message: 'field.chooseInputs' }]);
      if (unique.length > 500) return fail('ValidationFailed', [{ field: 'ideaIds', message: 'field.tooMany', params: { max: 500 } }]);
      const checked = await checkAnswer(actor, input);
      if (!checked.ok) return checked;
      const contexts = await Promise.all(unique.map((id) => ideaContext(id)));
      if (contexts.some((c) => !c || c.process.id !== processId)) return fail('NotFound');
      for (const id of unique) {
        const result = await answerIdea(actor, id, input);
        if (!result.ok) return result;
      }
      return ok({ answered: unique.length });
    },

    /** Adds a dated milestone to an accepted idea and moves its progress. */
    async addMilestone(actor: Actor | null, ideaId: string, input: { title: unknown; date: unknown; progress: unknown }): Promise<Result<null>> {
      if (!actor || !hasRole(actor, 'process_manager', 'decision_maker')) return fail('Forbidden');
      const context = await ideaContext(ideaId);
      if (!context) return fail('NotFound');
      const status = (await statuses()).find((s) => s.key === context.idea.status);
      if (!status?.allowsProgress) return fail('Conflict');
      const errors: FieldError[] = [];
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      if (title === '') errors.push({ field: 'title', message: 'field.required' });
      else if (title.length > 200) errors.push({ field: 'title', message: 'field.tooLong', params: { max: 200 } });
      if (!isIsoDate(input.date)) errors.push({ field: 'date', message: 'field.dateInvalid' });
      const progress = typeof input.progress === 'number' ? input.progress : Number(input.progress);
      if (!Number.isInteger(progress) || progress < 0 || progress > 100) errors.push({ field: 'progress', message: 'field.between', params: { min: 0, max: 100 } });
      if (errors.length > 0 || !isIsoDate(input.date)) return fail('ValidationFailed', errors);
      await repo.insertMilestone({ ideaId, title, date: input.date, progress, authorId: actor.id });
      await deps.ideas.applyStatus(ideaId, context.idea.status, progress);
      await deps.audit.record({ actorId: actor.id, action: 'idea.milestone_added', subjectType: 'idea', subjectId: ideaId, details: { progress } });
      await deps.notifications.notify({
        userIds: await deps.ideas.audienceOf(ideaId),
        kind: 'milestone',
        subjectType: 'idea',
        subjectId: ideaId,
        payload: { ideaId, ideaTitle: context.idea.title, processSlug: context.process.slug, milestone: title, progress },
      });
      return ok(null);
    },

    /** The answers and milestones of one idea, oldest first. */
    async historyOf(ideaId: string) {
      const [answers, milestones] = await Promise.all([repo.answersOf(ideaId), repo.milestonesOf(ideaId)]);
      return {
        answers: answers.map((a): OfficialAnswer => ({
          status: a.status,
          body: a.body,
          authorName: a.author_name,
          authorRole: a.author_role as Role,
          createdAt: a.created_at,
        })),
        milestones: milestones.map((m) => ({ title: m.title, date: m.happened_on, progress: m.progress_percent })),
      };
    },
  };
}
