import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { localMidnightAfter, proposalLimits, text, type ProposalsContext } from './proposals.context.ts';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Drafting a proposal with co-authors, and publishing it to collect signatures. */
export function draftingUseCases(ctx: ProposalsContext) {
  const { deps, repo, proposalsPhase, resident, ownDraft } = ctx;

  /** The texts of a proposal, checked; its area one of the municipality's or none. */
  async function contents(input: { title: unknown; body: unknown; decision: unknown; area?: unknown }, errors: FieldError[]) {
    const title = text(input.title, 'title', proposalLimits.title, errors);
    const body = text(input.body, 'body', proposalLimits.body, errors);
    const decision = text(input.decision, 'decision', proposalLimits.decision, errors);
    const areaText = typeof input.area === 'string' ? input.area.trim() : '';
    if (areaText !== '' && !(await deps.areas()).includes(areaText)) errors.push({ field: 'area', message: 'field.unknownChoice' });
    return { title, body, decision, area: areaText === '' ? null : areaText };
  }

  return {
    /** Drafts a proposal in an open proposals phase (a confirmed account is needed). */
    async draftProposal(actor: Actor | null, input: { phaseId: string; title: unknown; body: unknown; decision: unknown; area?: unknown }): Promise<Result<{ id: string }>> {
      const who = await resident(actor);
      if (!who.ok) return who;
      const phase = await proposalsPhase(input.phaseId);
      if (!phase.ok) return phase;
      if (!phase.value.open) return fail('PhaseClosed');
      const errors: FieldError[] = [];
      const values = await contents(input, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const id = await repo.insertProposal({ processId: phase.value.processId, phaseId: input.phaseId, authorId: who.value.id, ...values, at: deps.clock() });
      await deps.audit.record({ actorId: who.value.id, action: 'proposal.drafted', subjectType: 'proposal', subjectId: id });
      return ok({ id });
    },

    /** Changes a draft (any of its authors), until it is published. */
    async editProposal(actor: Actor | null, input: { id: string; title: unknown; body: unknown; decision: unknown; area?: unknown }): Promise<Result<null>> {
      const who = await resident(actor);
      if (!who.ok) return who;
      const draft = await ownDraft(who.value, input.id);
      if (!draft.ok) return draft;
      const errors: FieldError[] = [];
      const values = await contents(input, errors);
      if (errors.length > 0) return fail('ValidationFailed', errors);
      if (!(await repo.updateDraft(input.id, values))) return fail('Conflict', [{ field: 'proposal', message: 'proposals.alreadyPublished' }]);
      return ok(null);
    },

    /**
     * Invites a co-author by e-mail address (the author, while it is a draft). Someone with an account at that
     * address is told at once; anyone who signs in with it later finds the invitation on the proposal's page.
     */
    async inviteCoauthor(actor: Actor | null, input: { id: string; email: unknown }): Promise<Result<{ hasAccount: boolean }>> {
      const who = await resident(actor);
      if (!who.ok) return who;
      const draft = await ownDraft(who.value, input.id);
      if (!draft.ok) return draft;
      if (draft.value.row.author_id !== who.value.id) return fail('Forbidden', [{ field: 'email', message: 'proposals.coauthors.authorOnly' }]);
      const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
      if (!emailPattern.test(email) || email.length > 254) return fail('ValidationFailed', [{ field: 'email', message: 'field.emailInvalid' }]);
      const account = await deps.accounts.accountByEmail(email);
      if (account?.id === who.value.id) return fail('ValidationFailed', [{ field: 'email', message: 'proposals.coauthors.self' }]);
      if (!(await repo.inviteCoauthor({ proposalId: input.id, email, invitedBy: who.value.id, at: deps.clock() })))
        return fail('Conflict', [{ field: 'email', message: 'proposals.coauthors.twice' }]);
      if (account) {
        const phase = await proposalsPhase(draft.value.row.phase_id);
        await deps.notifications.notify({
          userIds: [account.id],
          kind: 'proposal_invited',
          subjectType: 'proposal',
          subjectId: input.id,
          payload: { proposalTitle: draft.value.row.title, link: phase.ok ? `/processes/${phase.value.processSlug}/proposals/${input.id}` : null },
        });
      }
      await deps.audit.record({ actorId: who.value.id, action: 'proposal.coauthor_invited', subjectType: 'proposal', subjectId: input.id });
      return ok({ hasAccount: account !== null });
    },

    /** Accepts an invitation sent to one's own (confirmed) address while the proposal is a draft: one becomes a co-author. */
    async acceptCoauthorship(actor: Actor | null, input: { id: string }): Promise<Result<null>> {
      const who = await resident(actor);
      if (!who.ok) return who;
      const account = await deps.accounts.getAccount(who.value);
      if (!account.ok) return account;
      const row = await repo.findProposal(input.id);
      if (!row) return fail('NotFound');
      // Once published, the invitation lapses: whoever has signed it must not become one of its authors.
      if (row.stage !== 'draft') return fail('Conflict', [{ field: 'proposal', message: 'proposals.alreadyPublished' }]);
      if (!(await repo.acceptInvitation(input.id, account.value.email, who.value.id, deps.clock()))) return fail('NotFound');
      await deps.audit.record({ actorId: who.value.id, action: 'proposal.coauthor_accepted', subjectType: 'proposal', subjectId: input.id });
      return ok(null);
    },

    /**
     * Publishes a draft (any of its authors) while the phase is open: signatures are collected from now until
     * the end of the phase's signing period, counted against the threshold in force now.
     */
    async publishProposal(actor: Actor | null, input: { id: string }): Promise<Result<{ deadline: Date; threshold: number }>> {
      const who = await resident(actor);
      if (!who.ok) return who;
      const draft = await ownDraft(who.value, input.id);
      if (!draft.ok) return draft;
      const phase = await proposalsPhase(draft.value.row.phase_id);
      if (!phase.ok) return phase;
      if (!phase.value.open) return fail('PhaseClosed');
      const at = deps.clock();
      // Signing ends when the last day of the period ends where the municipality is.
      const deadline = localMidnightAfter(at, phase.value.settings.signingDays + 1, deps.timeZone);
      const threshold = phase.value.settings.threshold;
      if (!(await repo.publish(input.id, { at, deadline, threshold }))) return fail('Conflict', [{ field: 'proposal', message: 'proposals.alreadyPublished' }]);
      await deps.audit.record({ actorId: who.value.id, action: 'proposal.published', subjectType: 'proposal', subjectId: input.id, details: { threshold } });
      return ok({ deadline, threshold });
    },
  };
}
