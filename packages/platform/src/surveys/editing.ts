import type { Actor } from '../accounts/accounts.policy.ts';
import { isLocale } from '../i18n/locales.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { Answer, QuestionOptions } from './surveys.tables.ts';
import type { SurveysContext } from './surveys.context.ts';
import { surveysPolicy } from './surveys.policy.ts';

/** The lines of a choices field (text with one per line, or a list), trimmed, empty ones left out. */
export function choiceLines(value: unknown): string[] {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split('\n') : [];
  return raw.map((c) => String(c).trim()).filter((c) => c !== '');
}

/** How many responses answered a question, and chose each of its choice keys. */
function answerCounts(answers: readonly { answers: Record<string, Answer> }[], questionId: string) {
  const byKey = new Map<string, number>();
  let answered = 0;
  for (const response of answers) {
    const answer = response.answers[questionId];
    if (answer === undefined) continue;
    answered += 1;
    for (const key of Array.isArray(answer) ? answer : [String(answer)]) byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  return { answered, byKey };
}

/**
 * The choices after an edit in `locale`. Before anyone answered the question the list is free: keys follow
 * the lines, and a line that keeps an earlier choice's text (or its place) keeps that choice's other languages.
 * Once it has answers each line keeps its place: wording is fixed in place, new choices are added at the end,
 * a choice that moved or an answered choice that was removed is refused with the reason.
 */
function editChoices(
  old: NonNullable<QuestionOptions['choices']>,
  lines: readonly string[],
  locale: string,
  counts: { answered: number; byKey: ReadonlyMap<string, number> },
): { choices: NonNullable<QuestionOptions['choices']> } | { error: FieldError } {
  const text = (label: LocalizedText) => (isLocale(locale) ? label[locale] : undefined) ?? Object.values(label)[0] ?? '';
  const matchOf = (line: string) => old.findIndex((c) => (isLocale(locale) ? c.label[locale] : undefined) === line);
  if (counts.answered === 0) {
    const matched = new Set(lines.map(matchOf).filter((j) => j >= 0));
    return {
      choices: lines.map((line, i) => {
        const j = matchOf(line);
        const carried = j >= 0 ? old[j]?.label : !matched.has(i) ? old[i]?.label : undefined;
        return { key: `c${i + 1}`, label: { ...(carried ?? {}), [locale]: line } };
      }),
    };
  }
  for (const [i, line] of lines.entries()) {
    const j = matchOf(line);
    if (j >= 0 && j !== i) return { error: { field: 'choices', message: 'field.choicesKeepPlaces', params: { choice: line } } };
  }
  for (const removed of old.slice(lines.length)) {
    const count = counts.byKey.get(removed.key) ?? 0;
    if (count > 0) return { error: { field: 'choices', message: 'field.choiceAnswered', params: { choice: text(removed.label), count } } };
  }
  let next = Math.max(0, ...old.map((c) => Number(c.key.replace(/^c/, '')) || 0));
  return {
    choices: lines.map((line, i) => {
      const kept = old[i];
      if (kept) return { key: kept.key, label: { ...kept.label, [locale]: line } };
      next += 1;
      return { key: `c${next}`, label: { [locale]: line } };
    }),
  };
}

/**
 * Editing a survey's questions after they were added (process managers): wording, whether an answer is
 * required and the choices; their order; removing them. Each change runs under the survey's lock and reads
 * every stored answer, so what residents answered is never lost: once a question has answers, wording fixes
 * are allowed, removing it or removing or reordering its answered choices is refused with the reason.
 */
export function editingUseCases(ctx: SurveysContext) {
  const { deps, repo, surveyPhase } = ctx;
  return {
    /** Changes a question's prompt (in one language), whether it is required, and its choices (the whole list). */
    async updateQuestion(actor: Actor | null, phaseId: string, questionId: string, input: { prompt: unknown; locale: unknown; required?: unknown; choices?: unknown }): Promise<Result<null>> {
      if (!surveysPolicy.build(actor)) return fail('Forbidden');
      if (!(await surveyPhase(phaseId))) return fail('NotFound');
      const locale = isLocale(input.locale) ? input.locale : 'nb';
      const result = await repo.underSurveyLock(phaseId, async (trx): Promise<Result<null>> => {
        const question = (await repo.questionsIn(trx, phaseId)).find((q) => q.id === questionId);
        if (!question) return fail('NotFound');
        const errors: FieldError[] = [];
        const prompt = typeof input.prompt === 'string' ? input.prompt.trim() : '';
        if (question.kind !== 'page_break' && prompt === '') errors.push({ field: 'prompt', message: 'field.required' });
        if (prompt.length > 500) errors.push({ field: 'prompt', message: 'field.tooLong', params: { max: 500 } });
        let options: QuestionOptions = question.options;
        if (question.kind === 'single_choice' || question.kind === 'multiple_choice') {
          const lines = choiceLines(input.choices);
          if (lines.length < 2) errors.push({ field: 'choices', message: 'field.choicesRequired' });
          else if (new Set(lines).size !== lines.length) errors.push({ field: 'choices', message: 'field.duplicateChoice' });
          else {
            const edited = editChoices(question.options.choices ?? [], lines, locale, answerCounts(await repo.answersIn(trx, phaseId), question.id));
            if ('error' in edited) return fail('InUse', [edited.error]);
            options = { ...question.options, choices: edited.choices };
          }
        }
        if (errors.length > 0) return fail('ValidationFailed', errors);
        await repo.updateQuestion(trx, questionId, {
          prompt: question.kind === 'page_break' ? {} : { ...question.prompt, [locale]: prompt },
          required: question.kind !== 'page_break' && (input.required === true || input.required === 'on'),
          options,
        });
        return ok(null);
      });
      if (result.ok) await deps.audit.record({ actorId: actor?.id ?? null, action: 'survey.question_changed', subjectType: 'phase', subjectId: phaseId, details: { questionId } });
      return result;
    },

    /**
     * Moves a question (or page break) one place earlier (`up`) or later. Answers are stored by question, so
     * the order can change after people have answered.
     */
    async moveQuestion(actor: Actor | null, phaseId: string, questionId: string, direction: unknown): Promise<Result<null>> {
      if (!surveysPolicy.build(actor)) return fail('Forbidden');
      if (!(await surveyPhase(phaseId))) return fail('NotFound');
      if (direction !== 'up' && direction !== 'down') return fail('ValidationFailed', [{ field: 'direction', message: 'field.oneOf', params: { choices: 'up, down' } }]);
      const result = await repo.underSurveyLock(phaseId, async (trx): Promise<Result<null>> => {
        const ids = (await repo.questionsIn(trx, phaseId)).map((q) => q.id);
        const index = ids.indexOf(questionId);
        if (index < 0) return fail('NotFound');
        const other = direction === 'up' ? index - 1 : index + 1;
        const neighbour = ids[other];
        if (neighbour === undefined) return fail('ValidationFailed', [{ field: 'direction', message: direction === 'up' ? 'field.questionFirst' : 'field.questionLast' }]);
        ids[other] = questionId;
        ids[index] = neighbour;
        await repo.renumber(trx, ids);
        return ok(null);
      });
      if (result.ok) await deps.audit.record({ actorId: actor?.id ?? null, action: 'survey.question_moved', subjectType: 'phase', subjectId: phaseId, details: { questionId, direction } });
      return result;
    },

    /** Removes a question or page break; refused (field `questionId`) once the question has answers. */
    async removeQuestion(actor: Actor | null, phaseId: string, questionId: string): Promise<Result<null>> {
      if (!surveysPolicy.build(actor)) return fail('Forbidden');
      if (!(await surveyPhase(phaseId))) return fail('NotFound');
      const result = await repo.underSurveyLock(phaseId, async (trx): Promise<Result<null>> => {
        const questions = await repo.questionsIn(trx, phaseId);
        if (!questions.some((q) => q.id === questionId)) return fail('NotFound');
        const { answered } = answerCounts(await repo.answersIn(trx, phaseId), questionId);
        if (answered > 0) return fail('InUse', [{ field: 'questionId', message: 'field.questionAnswered', params: { count: answered } }]);
        await repo.deleteQuestion(trx, questionId);
        await repo.renumber(trx, questions.map((q) => q.id).filter((id) => id !== questionId));
        return ok(null);
      });
      if (result.ok) await deps.audit.record({ actorId: actor?.id ?? null, action: 'survey.question_removed', subjectType: 'phase', subjectId: phaseId, details: { questionId } });
      return result;
    },
  };
}
