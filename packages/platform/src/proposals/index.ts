// The proposals module's public entry point: the apps import from here, never the module's inner files.
export { proposalContracts } from './proposals.contract.ts';
export { proposalsPolicy } from './proposals.policy.ts';
export { presentProposal, type PresentedProposal } from './proposals.presenter.ts';
export { proposalsService, type ProposalsService, type ProposalView, type ModeratedProposal } from './proposals.service.ts';
export { signingIneligibility } from './signing.ts';
export { defineProposalJobs, expiryJob } from './jobs.ts';
