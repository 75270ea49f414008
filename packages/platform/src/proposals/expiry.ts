import type { ProposalsContext } from './proposals.context.ts';

/** Telling people when a proposal's signing period ends short of its threshold. */
export function expiryUseCases(ctx: ProposalsContext) {
  const { deps, repo, authorIdsOf } = ctx;
  return {
    /**
     * Tells the authors and signers of each proposal whose deadline passed short of its threshold, once each:
     * how many signed against how many were needed. A hidden proposal's signers are not told (they cannot open
     * it); its authors are. Returns how many proposals were noticed.
     */
    async noticeExpiredProposals(): Promise<number> {
      const expired = await repo.claimExpired(deps.clock());
      for (const row of expired) {
        const found = await deps.processes.getPhase(row.phase_id);
        const authors = await authorIdsOf(row);
        const signers = row.hidden_at === null ? await repo.signerIds(row.id) : [];
        await deps.notifications.notify({
          userIds: [...new Set([...authors, ...signers])],
          kind: 'proposal_expired',
          subjectType: 'proposal',
          subjectId: row.id,
          payload: { proposalTitle: row.title, signatures: row.signature_count, threshold: row.threshold ?? 0, link: found ? `/processes/${found.process.slug}/proposals/${row.id}` : null },
        });
        await deps.audit.record({ actorId: null, action: 'proposal.expired', subjectType: 'proposal', subjectId: row.id, details: { signatures: row.signature_count, threshold: row.threshold } });
      }
      return expired.length;
    },
  };
}
