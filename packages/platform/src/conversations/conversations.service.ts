import { conversationsContext, type ConversationsDeps } from './conversations.context.ts';
import { polisUseCases } from './polis-io.ts';
import { recomputeUseCases } from './recomputing.ts';
import { resultsUseCases } from './results.ts';
import { seedingUseCases } from './seeding.ts';
import { setupUseCases } from './setup.ts';
import { statementUseCases } from './statements.ts';
import { votingUseCases } from './voting.ts';
import { conversationsPrivacyUseCases } from './privacy.ts';
import { conversationsReportRepository } from './conversations.report.repository.ts';
import { settingsUseCases } from './conversation-settings.ts';
import { reportUseCases } from './report.ts';
import { translationUseCases } from './translation.ts';

// The names callers imported from this file before it was split; new code imports them from './index.ts'.
export { conversationLimits, recomputeJob, statementLimits } from './conversations.types.ts';
export type { ConversationView, PolisFiles, StatementView, Voter } from './conversations.types.ts';
export type { ConversationsDeps } from './conversations.context.ts';
export { statementKey } from './statements.ts';

/**
 * Conversations: a question, seed statements and participants' own statements; votes one statement at a time
 * in routing-priority order; the opinion map recomputed in a background job and stored, so results are read,
 * never computed, on a page view; import and export in Pol.is's openData format.
 */
export function conversationsService(deps: ConversationsDeps) {
  const ctx = conversationsContext(deps);
  const reports = conversationsReportRepository(deps.db);
  const settings = settingsUseCases(ctx, reports);
  return {
    ...setupUseCases(ctx),
    ...seedingUseCases(ctx),
    ...statementUseCases(ctx),
    ...votingUseCases(ctx),
    ...resultsUseCases(ctx),
    ...recomputeUseCases(ctx),
    ...polisUseCases(ctx),
    ...conversationsPrivacyUseCases(ctx),
    ...reportUseCases(ctx, reports),
    ...settings,
    ...translationUseCases(ctx, reports, settings.conversationSettings),

    /** Forgets cached rows (tests that change dates or settings behind the service's back). */
    clearCaches(): void {
      ctx.rows.clear();
      ctx.stored.clear();
    },

    /** Cancels the recompute requests still waiting for their window; platform.close() calls it first. */
    stop(): void {
      ctx.stopThrottle();
    },
  };
}

export type ConversationsService = ReturnType<typeof conversationsService>;
