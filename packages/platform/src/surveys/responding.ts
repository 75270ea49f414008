import type { Actor } from '../accounts/accounts.policy.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { Answer } from './surveys.tables.ts';
import { surveyPages, type Question, type SurveysContext } from './surveys.context.ts';

const textLimits: Record<'short_text' | 'long_text', number> = { short_text: 300, long_text: 5000 };

/** Answering a survey: checking a page, recording one person's response, and whether they have answered. */
export function respondingUseCases(ctx: SurveysContext) {
  const { repo, questionsOf, surveyPhase } = ctx;
  return {
    /**
     * Checks the answers on one page of a survey (pages are separated by page breaks, counted from 0)
     * before the respondent moves on; nothing is saved. Returns how many pages the survey has.
     */
    async checkSurveyPage(actor: Actor | null, phaseId: string, page: number, answers: Record<string, unknown>): Promise<Result<{ pages: number }>> {
      if (!actor) return fail('NotSignedIn');
      const found = await surveyPhase(phaseId);
      if (!found) return fail('NotFound');
      if (found.phase.state !== 'open' || found.process.status !== 'published') return fail('PhaseClosed');
      const pages = surveyPages(await questionsOf(phaseId));
      const questions = pages[page];
      if (!questions) return fail('NotFound');
      const { errors } = checkAnswers(questions, answers);
      return errors.length > 0 ? fail('ValidationFailed', errors) : ok({ pages: pages.length });
    },

    /** Records one person's answers; every answer is checked before anything is saved. */
    async submitResponse(actor: Actor | null, phaseId: string, answers: Record<string, unknown>): Promise<Result<null>> {
      if (!actor) return fail('NotSignedIn');
      const found = await surveyPhase(phaseId);
      if (!found) return fail('NotFound');
      if (found.phase.state !== 'open' || found.process.status !== 'published') return fail('PhaseClosed');
      // Checked and stored under the survey's lock, so a manager's change to the form cannot fall in between.
      return repo.underSurveyLock(phaseId, async (trx): Promise<Result<null>> => {
        const questions = (await repo.questionsIn(trx, phaseId)).map((r) => ({ id: r.id, kind: r.kind, prompt: r.prompt, required: r.required, options: r.options }));
        const { clean, errors } = checkAnswers(
          questions.filter((q) => q.kind !== 'page_break'),
          answers,
        );
        if (errors.length > 0) return fail('ValidationFailed', errors);
        if (!(await repo.insertResponseOnce(phaseId, actor.id, clean, trx))) return fail('AlreadyResponded');
        return ok(null);
      });
    },

    /** Whether the person has answered already. */
    async hasResponded(actor: Actor | null, phaseId: string): Promise<boolean> {
      if (!actor) return false;
      return repo.hasResponse(phaseId, actor.id);
    },
  };
}

/** Validates answers to `questions` (answers to other questions are ignored): clean values and field errors. */
function checkAnswers(questions: readonly Question[], answers: Record<string, unknown>): { clean: Record<string, Answer>; errors: FieldError[] } {
  const clean: Record<string, Answer> = {};
  const errors: FieldError[] = [];
  for (const q of questions) {
    const raw = answers[q.id];
    const field = `q-${q.id}`;
    const empty = raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (q.required) errors.push({ field, message: 'field.required' });
      continue;
    }
    const keys = new Set((q.options.choices ?? []).map((c) => c.key));
    switch (q.kind) {
      case 'short_text':
      case 'long_text': {
        const text = String(raw).trim();
        if (text.length > textLimits[q.kind]) errors.push({ field, message: 'field.tooLong', params: { max: textLimits[q.kind] } });
        else if (text !== '') clean[q.id] = text;
        else if (q.required) errors.push({ field, message: 'field.required' });
        break;
      }
      case 'single_choice':
        if (typeof raw !== 'string' || !keys.has(raw)) errors.push({ field, message: 'field.unknownChoice' });
        else clean[q.id] = raw;
        break;
      case 'multiple_choice': {
        const list = (Array.isArray(raw) ? raw : [raw]).map(String);
        if (!list.every((k) => keys.has(k)) || new Set(list).size !== list.length) errors.push({ field, message: 'field.unknownChoice' });
        else clean[q.id] = [...list].sort((a, b) => a.localeCompare(b));
        break;
      }
      case 'scale': {
        const value = Number(raw);
        if (!Number.isInteger(value) || value < (q.options.min ?? 1) || value > (q.options.max ?? 5)) errors.push({ field, message: 'field.between', params: { min: q.options.min ?? 1, max: q.options.max ?? 5 } });
        else clean[q.id] = value;
        break;
      }
      case 'page_break':
        break;
    }
  }
  return { clean, errors };
}
