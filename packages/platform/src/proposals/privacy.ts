import { linesWithContent, type DeletionLine, type PersonalSections } from '../shared/privacy.ts';
import type { ProposalsContext } from './proposals.context.ts';
import { proposalsPrivacyRepository } from './proposals.privacy.repository.ts';

/** One person's data in the proposals module: their export, what deleting their account does, and doing it. */
export function proposalsPrivacyUseCases(ctx: ProposalsContext) {
  const privacy = proposalsPrivacyRepository(ctx.deps.db);
  return {
    /** The proposals they wrote, the co-authorships they accepted, and their signatures (with what they told when signing). */
    async exportFor(userId: string): Promise<PersonalSections> {
      const [proposals, signatures, coauthorships] = await Promise.all([privacy.proposalsBy(userId), privacy.signaturesBy(userId), privacy.coauthorshipsOf(userId)]);
      return {
        proposals: proposals.map((p) => ({ id: p.id, processId: p.process_id, phaseId: p.phase_id, title: p.title, body: p.body, decision: p.decision, area: p.area, stage: p.stage, status: p.status, signatureCount: p.signature_count, publishedAt: p.published_at, deadline: p.deadline, hiddenAt: p.hidden_at, hiddenReason: p.hidden_reason, createdAt: p.created_at })),
        proposalCoauthorships: coauthorships.map((c) => ({ proposalId: c.proposal_id, proposalTitle: c.title, email: c.email, invitedAt: c.invited_at, acceptedAt: c.accepted_at })),
        proposalSignatures: signatures.map((s) => ({ proposalId: s.proposal_id, proposalTitle: s.title, nameShown: s.show_name, area: s.area, birthYear: s.birth_year, createdAt: s.created_at })),
      };
    },

    /** What deleting the account does: unsigned proposals, signatures and co-authorships go; signed proposals stay without their author. */
    async deletionPlanFor(userId: string): Promise<DeletionLine[]> {
      const n = await privacy.deletionCounts(userId);
      return linesWithContent([
        { section: 'proposals', count: n.proposals, outcome: 'deleted' },
        { section: 'proposals', count: n.proposals_kept, outcome: 'kept', reason: 'othersReacted' },
        { section: 'proposalSignatures', count: n.signatures, outcome: 'deleted' },
        { section: 'proposalCoauthorships', count: n.coauthorships, outcome: 'deleted' },
      ]);
    },

    /** Carries out the plan before the account goes; the images of the proposals deleted go with them. */
    async forgetUser(userId: string): Promise<void> {
      const removed = await privacy.forget(userId);
      const images = await ctx.deps.files.listFor('proposal', removed);
      for (const id of removed) {
        const mine = images.filter((f) => f.ownerId === id).map((f) => f.id);
        if (mine.length > 0) await ctx.deps.files.detach(null, 'proposal', id, mine);
      }
    },
  };
}
