import type { ProposalsContext } from './proposals.context.ts';

/** A proposal as the moderation module sees it. */
export interface ModeratedProposal {
  readonly id: string;
  readonly processId: string;
  readonly authorId: string | null;
  readonly title: string;
  readonly body: string;
  readonly hidden: { readonly reason: string } | null;
  readonly createdAt: Date;
  readonly link: string;
}

/** What moderation reads and sets on proposals (it comes after this module and is given these functions). */
export function moderationLookups(ctx: ProposalsContext) {
  const { deps, repo, proposalsPhase } = ctx;
  return {
    /** A published proposal for the moderators (drafts are nobody's to report). */
    async proposalForModeration(id: string): Promise<ModeratedProposal | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const row = await repo.findProposal(id);
      if (!row || row.stage === 'draft') return null;
      const phase = await proposalsPhase(row.phase_id);
      return {
        id: row.id,
        processId: row.process_id,
        authorId: row.author_id,
        title: row.title,
        body: `${row.body}\n\n${row.decision}`,
        hidden: row.hidden_at ? { reason: row.hidden_reason ?? '' } : null,
        createdAt: row.published_at ?? row.created_at,
        link: phase.ok ? `/processes/${phase.value.processSlug}/proposals/${row.id}` : '/',
      };
    },

    /** Hides a proposal with a moderator's reason (its authors are told) or shows it again. */
    async setProposalHidden(id: string, hidden: { reason: string; by: string } | null): Promise<void> {
      await repo.setHidden(id, hidden);
      if (!hidden) return;
      const row = await repo.findProposal(id);
      if (!row) return;
      const phase = await proposalsPhase(row.phase_id);
      await deps.notifications.notify({
        userIds: await ctx.authorIdsOf(row),
        kind: 'proposal_hidden',
        subjectType: 'proposal',
        subjectId: id,
        payload: { proposalTitle: row.title, reason: hidden.reason, link: phase.ok ? `/processes/${phase.value.processSlug}/proposals/${id}` : null },
      });
    },
  };
}
