import { feedbackContext, type FeedbackDeps } from './feedback.context.ts';
import { statusUseCases } from './statuses.ts';
import { answerUseCases } from './answers.ts';
import { answerQueries } from './queries.ts';

export type { FeedbackDeps, InputStatus } from './feedback.context.ts';
export type { OfficialAnswer } from './answers.ts';
export type { LatestAnswer } from './queries.ts';
export type { IdeaIdSet } from './feedback.repository.ts';

/**
 * Closing the loop: statuses, official answers and implementation progress. The views that join them with
 * other modules' data ("you said, we did", the participation report) are read models in reports/.
 */
export function feedbackService(deps: FeedbackDeps) {
  const ctx = feedbackContext(deps);
  return { ...statusUseCases(ctx), ...answerUseCases(ctx), ...answerQueries(ctx) };
}

export type FeedbackService = ReturnType<typeof feedbackService>;
