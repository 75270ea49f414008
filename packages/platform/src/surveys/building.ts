import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import { isLocale } from '../i18n/locales.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import { questionKinds, type QuestionKind, type QuestionOptions } from './surveys.tables.ts';
import type { SurveysContext } from './surveys.context.ts';
import { choiceLines } from './editing.ts';

/** Building a survey: its questions, added by process managers. */
export function buildingUseCases(ctx: SurveysContext) {
  const { repo, questionsOf, surveyPhase } = ctx;
  return {
    /** The questions of a survey phase, in order (page breaks included). */
    questionsOf,

    /** Adds a question at the end (process managers). Choices need at least two options. */
    async addQuestion(
      actor: Actor | null,
      phaseId: string,
      input: { kind: unknown; prompt: unknown; locale: unknown; required?: unknown; choices?: unknown; min?: unknown; max?: unknown },
    ): Promise<Result<{ id: string }>> {
      if (!hasRole(actor, 'process_manager')) return fail('Forbidden');
      const found = await surveyPhase(phaseId);
      if (!found) return fail('NotFound');
      const errors: FieldError[] = [];
      if (!(questionKinds as readonly unknown[]).includes(input.kind)) errors.push({ field: 'kind', message: 'field.oneOf', params: { choices: questionKinds.join(', ') } });
      const kind = input.kind as QuestionKind;
      const locale = isLocale(input.locale) ? input.locale : 'nb';
      const prompt = typeof input.prompt === 'string' ? input.prompt.trim() : '';
      if (kind !== 'page_break' && prompt === '') errors.push({ field: 'prompt', message: 'field.required' });
      if (prompt.length > 500) errors.push({ field: 'prompt', message: 'field.tooLong', params: { max: 500 } });
      const options: QuestionOptions = {};
      if (kind === 'single_choice' || kind === 'multiple_choice') {
        const labels = choiceLines(input.choices);
        if (labels.length < 2) errors.push({ field: 'choices', message: 'field.choicesRequired' });
        if (new Set(labels).size !== labels.length) errors.push({ field: 'choices', message: 'field.duplicateChoice' });
        options.choices = labels.map((label, i) => ({ key: `c${i + 1}`, label: { [locale]: label } }));
      }
      if (kind === 'scale') {
        const min = input.min === undefined || input.min === '' ? 1 : Number(input.min);
        const max = input.max === undefined || input.max === '' ? 5 : Number(input.max);
        if (!Number.isInteger(min) || !Number.isInteger(max) || min >= max || max - min > 10) errors.push({ field: 'max', message: 'field.scaleRange' });
        options.min = min;
        options.max = max;
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      if (await repo.hasAnyResponse(phaseId)) {
        // A question added after people answered would have no answers from them: the results would mislead.
        return fail('InUse', [{ field: 'kind', message: 'field.surveyAnswered' }]);
      }
      const position = (await questionsOf(phaseId)).length + 1;
      const id = await repo.insertQuestion({ phaseId, position, kind, prompt: kind === 'page_break' ? {} : { [locale]: prompt }, required: kind !== 'page_break' && (input.required === true || input.required === 'on'), options });
      return ok({ id });
    },
  };
}
