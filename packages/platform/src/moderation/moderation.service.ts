import { decisionUseCases } from './decisions.ts';
import { moderationContext, type ModerationDeps } from './moderation.context.ts';
import { queueUseCases } from './queue.ts';
import { reportingUseCases } from './reporting.ts';
import { moderationPrivacy } from './privacy.ts';

/**
 * Moderation of residents' content across modules: reports, the moderators' queue, approve / hide / restore
 * / block (one by one or in bulk), every action audited; The content modules ask the same gate about blocks and
 * review requests (`createModerationGate`, wired by platform.ts).
 */
export function moderationService(deps: ModerationDeps) {
  const ctx = moderationContext(deps);
  return {
    ...reportingUseCases(ctx),
    ...queueUseCases(ctx),
    ...decisionUseCases(ctx),
    ...moderationPrivacy(deps.db),
  };
}

export type ModerationService = ReturnType<typeof moderationService>;
