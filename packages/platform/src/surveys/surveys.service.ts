import { surveysContext, type SurveysDeps } from './surveys.context.ts';
import { buildingUseCases } from './building.ts';
import { editingUseCases } from './editing.ts';
import { respondingUseCases } from './responding.ts';
import { resultsUseCases } from './results.ts';
import { surveysPrivacyUseCases } from './privacy.ts';

export { surveyPages } from './surveys.context.ts';
export type { Question, QuestionResult, SurveysDeps, Tally } from './surveys.context.ts';

/**
 * Surveys: a form builder for managers, one response per person, results with counts and percentages. The
 * shared context is built once and each use-case file adds its functions (building, responding, results).
 */
export function surveysService(deps: SurveysDeps) {
  const ctx = surveysContext(deps);
  return {
    ...buildingUseCases(ctx),
    ...editingUseCases(ctx),
    ...respondingUseCases(ctx),
    ...resultsUseCases(ctx),
    ...surveysPrivacyUseCases(ctx),
  };
}

export type SurveysService = ReturnType<typeof surveysService>;
