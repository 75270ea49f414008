import { proposalsContext, type ProposalsDeps } from './proposals.context.ts';
import { draftingUseCases } from './drafting.ts';
import { signingUseCases } from './signing.ts';
import { readingUseCases } from './reading.ts';
import { settingsUseCases } from './settings.ts';
import { answerUseCases } from './answers.ts';
import { exportingUseCases } from './exporting.ts';
import { expiryUseCases } from './expiry.ts';
import { imageUseCases } from './images.ts';
import { moderationLookups } from './moderation.ts';
import { proposalsPrivacyUseCases } from './privacy.ts';

export type { ProposalsDeps } from './proposals.context.ts';
export type { ProposalView } from './proposals.context.ts';
export type { ModeratedProposal } from './moderation.ts';

/**
 * Citizen proposals (issue 19): drafting with co-authors and images, publishing, signing until the deadline, the
 * threshold that sends a proposal to the municipality (or the notice that it fell short), its answer and milestones, the phase's rules, the
 * signature counts, what moderation reads and sets, and one person's data (export and deletion).
 */
export function proposalsService(deps: ProposalsDeps) {
  const ctx = proposalsContext(deps);
  return {
    ...draftingUseCases(ctx),
    ...imageUseCases(ctx),
    ...signingUseCases(ctx),
    ...readingUseCases(ctx),
    ...settingsUseCases(ctx),
    ...answerUseCases(ctx),
    ...exportingUseCases(ctx),
    ...expiryUseCases(ctx),
    ...moderationLookups(ctx),
    ...proposalsPrivacyUseCases(ctx),
  };
}

export type ProposalsService = ReturnType<typeof proposalsService>;
