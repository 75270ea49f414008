import { factUseCases } from './facts.ts';
import { introductionUseCases } from './introductions.ts';
import { invitationUseCases } from './invitations.ts';
import { meetingUseCases } from './meetings.ts';
import { panelUseCases } from './panel.ts';
import { publicPageUseCases } from './public-page.ts';
import { recommendationCommentUseCases } from './recommendation-comments.ts';
import { draftingUseCases } from './recommendation-drafting.ts';
import { supportUseCases } from './recommendation-support.ts';
import { recommendationUseCases } from './recommendations.ts';
import { stakeholdersContext, type StakeholdersDeps } from './stakeholders.context.ts';
import { timelineUseCases } from './timeline.ts';
import { stakeholdersPrivacyUseCases } from './privacy.ts';

// The names callers imported from this file before it was split; new code imports them from './index.ts'.
export { stakeholdersPolicy } from './stakeholders.policy.ts';
export { stakeholderLimits, type FactDocument, type FactSource, type FactView, type SourceUpload } from './stakeholders.types.ts';
export type { StakeholdersDeps } from './stakeholders.context.ts';

/**
 * Stakeholder panels in the manner of vTaiwan: invitations by e-mail with a role (and onward invitations up to
 * a limit), public introductions, a timeline, facts with sources reviewed by facilitators into a citable fact
 * sheet, live meetings, and recommendations drafted together (versions, comments, the panel's support) that a
 * decision-maker accepts, partly accepts or rejects with reasons.
 */
export function stakeholdersService(deps: StakeholdersDeps) {
  const ctx = stakeholdersContext(deps);
  return {
    ...panelUseCases(ctx),
    ...invitationUseCases(ctx),
    ...introductionUseCases(ctx),
    ...timelineUseCases(ctx),
    ...factUseCases(ctx),
    ...meetingUseCases(ctx),
    ...recommendationUseCases(ctx),
    ...draftingUseCases(ctx),
    ...supportUseCases(ctx),
    ...recommendationCommentUseCases(ctx),
    ...publicPageUseCases(ctx),
    ...stakeholdersPrivacyUseCases(ctx),
  };
}

export type StakeholdersService = ReturnType<typeof stakeholdersService>;
