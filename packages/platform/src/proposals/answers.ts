import type { Actor } from '../accounts/accounts.policy.ts';
import { isIsoDate } from '../shared/dates.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { ProposalsContext } from './proposals.context.ts';
import { proposalsPolicy } from './proposals.policy.ts';

/**
 * The municipality's answer to a proposal that reached its threshold: a status from the same list as ideas,
 * an official answer signed with name and role, and milestones. Authors and signers are told each time.
 */
export function answerUseCases(ctx: ProposalsContext) {
  const { deps, repo, proposalsPhase, authorIdsOf } = ctx;

  async function submitted(id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return fail('NotFound');
    const row = await repo.findProposal(id);
    if (!row) return fail('NotFound');
    if (row.stage !== 'submitted' && row.stage !== 'answered') return fail('Conflict', [{ field: 'proposal', message: 'proposals.answer.notSubmitted' }]);
    const phase = await proposalsPhase(row.phase_id);
    if (!phase.ok) return phase;
    return ok({ row, link: `/processes/${phase.value.processSlug}/proposals/${row.id}` });
  }

  async function audience(row: NonNullable<Awaited<ReturnType<typeof repo.findProposal>>>): Promise<string[]> {
    return [...(await authorIdsOf(row)), ...(await repo.signerIds(row.id))];
  }

  return {
    /** Staff give a proposal that reached its threshold a status with an official answer (required where the status says so). */
    async answerProposal(actor: Actor | null, input: { id: string; status: unknown; body?: unknown }): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!proposalsPolicy.answer(actor)) return fail('Forbidden');
      const found = await submitted(input.id);
      if (!found.ok) return found;
      const checked = await deps.feedback.checkAnswer(actor, input);
      if (!checked.ok) return checked;
      const { status, body, authorName, authorRole } = checked.value;
      await repo.answer({ proposalId: input.id, status: status.key, body: body || null, authorId: actor.id, authorName, authorRole, progress: status.allowsProgress ? undefined : null, at: deps.clock() });
      await deps.audit.record({ actorId: actor.id, action: 'proposal.answered', subjectType: 'proposal', subjectId: input.id, details: { status: status.key } });
      await deps.notifications.notify({
        userIds: await audience(found.value.row),
        kind: 'proposal_answered',
        subjectType: 'proposal',
        subjectId: input.id,
        payload: { proposalTitle: found.value.row.title, status: status.key, answer: body ? body.slice(0, 1000) : null, link: found.value.link },
      });
      return ok(null);
    },

    /** Adds a dated milestone to an answered proposal whose status carries progress. */
    async addProposalMilestone(actor: Actor | null, input: { id: string; title: unknown; date: unknown; progress: unknown }): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      if (!proposalsPolicy.addMilestone(actor)) return fail('Forbidden');
      const found = await submitted(input.id);
      if (!found.ok) return found;
      const status = (await deps.feedback.statuses()).find((s) => s.key === found.value.row.status);
      if (found.value.row.stage !== 'answered' || !status?.allowsProgress) return fail('Conflict', [{ field: 'proposal', message: 'proposals.milestone.notAccepted' }]);
      const errors: FieldError[] = [];
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      if (title === '') errors.push({ field: 'title', message: 'field.required' });
      else if (title.length > 200) errors.push({ field: 'title', message: 'field.tooLong', params: { max: 200 } });
      if (!isIsoDate(input.date)) errors.push({ field: 'date', message: 'field.dateInvalid' });
      const progress = typeof input.progress === 'number' ? input.progress : Number(input.progress);
      if (!Number.isInteger(progress) || progress < 0 || progress > 100) errors.push({ field: 'progress', message: 'field.between', params: { min: 0, max: 100 } });
      if (errors.length > 0 || !isIsoDate(input.date)) return fail('ValidationFailed', errors);
      await repo.addMilestone({ proposalId: input.id, title, date: input.date, progress, authorId: actor.id });
      await deps.audit.record({ actorId: actor.id, action: 'proposal.milestone_added', subjectType: 'proposal', subjectId: input.id, details: { progress } });
      await deps.notifications.notify({
        userIds: await audience(found.value.row),
        kind: 'proposal_milestone',
        subjectType: 'proposal',
        subjectId: input.id,
        payload: { proposalTitle: found.value.row.title, milestone: title, progress, link: found.value.link },
      });
      return ok(null);
    },
  };
}
