// What pages and the API see of a proposal: the shapes of proposalContracts' outputs, with `can` flags.
import type { Actor } from '../accounts/accounts.policy.ts';
import type { OutputOf } from '../edge/contract.ts';
import type { proposalContracts } from './proposals.contract.ts';
import { proposalsPolicy } from './proposals.policy.ts';
import { maxProposalImages, type ProposalView } from './proposals.context.ts';

/** A proposal as the contracts give it. */
export type PresentedProposal = OutputOf<typeof proposalContracts.getProposal>['proposal'];

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** What the actor may do with one proposal. */
export function proposalCan(actor: Actor | null, p: ProposalView, invited = false): PresentedProposal['can'] {
  const draft = p.stage === 'draft';
  const reached = p.stage === 'submitted' || p.stage === 'answered';
  return {
    sign: p.signingOpen && proposalsPolicy.participate(actor) && !p.mine && !p.signedByViewer,
    withdraw: p.signingOpen && p.signedByViewer,
    edit: draft && p.mine,
    publish: draft && p.mine,
    invite: draft && p.leadAuthor,
    addImage: draft && p.mine && p.images.length < maxProposalImages,
    acceptInvitation: invited && draft && !p.mine,
    flag: !draft && proposalsPolicy.participate(actor) && !p.mine && p.hidden === null,
    answer: reached && proposalsPolicy.answer(actor),
    addMilestone: p.stage === 'answered' && proposalsPolicy.addMilestone(actor),
    moderate: !draft && proposalsPolicy.moderate(actor),
    exportSignatures: !draft && proposalsPolicy.manage(actor),
  };
}

/** A proposal for a page or an API answer: no ids of people, only names its authors are known by. */
export function presentProposal(p: ProposalView, actor: Actor | null, invited = false): PresentedProposal {
  return {
    id: p.id,
    processId: p.processId,
    phaseId: p.phaseId,
    title: p.title,
    body: p.body,
    decision: p.decision,
    area: p.area,
    stage: p.stage,
    expired: p.expired,
    status: p.status,
    signatures: p.signatures,
    threshold: p.threshold,
    deadline: iso(p.deadline),
    publishedAt: iso(p.publishedAt),
    reachedAt: iso(p.reachedAt),
    answerDue: iso(p.answerDue),
    progressPercent: p.progressPercent,
    authorNames: p.authorNames,
    images: p.images.map((i) => ({ id: i.id, alt: i.alt, width: i.width, height: i.height, variantWidths: [...i.variantWidths] })),
    hidden: p.hidden,
    mine: p.mine,
    signedByViewer: p.signedByViewer,
    signingOpen: p.signingOpen,
    can: proposalCan(actor, p, invited),
  };
}
