import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import { isLocale } from '../i18n/locales.ts';
import { fail, ok, type Result } from '../shared/result.ts';
import type { LocalizedText } from '../shared/localized.ts';
import type { Answer } from './surveys.tables.ts';
import type { QuestionResult, SurveysContext, Tally } from './surveys.context.ts';

/** Round half away from zero to one decimal, so 2/3 shows as 66.7 and 1/8 as 12.5. */
function percent(count: number, of: number): number {
  return of === 0 ? 0 : Math.round((count * 1000) / of) / 10;
}

/** A survey's results: counts and percentages, the CSV export, and responses per week for read models. */
export function resultsUseCases(ctx: SurveysContext) {
  const { deps, repo, questionsOf, surveyPhase } = ctx;
  return {
    /** Every response as rows for a CSV file (process managers): one column per question, choices by their text. */
    async exportResponses(actor: Actor | null, phaseId: string, locale: string): Promise<Result<{ header: string[]; rows: string[][] }>> {
      if (!hasRole(actor, 'process_manager', 'decision_maker')) return fail('Forbidden');
      if (!(await surveyPhase(phaseId))) return fail('NotFound');
      const questions = (await questionsOf(phaseId)).filter((q) => q.kind !== 'page_break');
      const label = (text: LocalizedText) => (isLocale(locale) ? text[locale] : undefined) ?? Object.values(text)[0] ?? '';
      const responses = await repo.responsesForExport(phaseId);
      const rows = responses.map((r) => [
        r.id,
        r.created_at.toISOString(),
        ...questions.map((q) => {
          const answer = r.answers[q.id];
          if (answer === undefined) return '';
          const choices = new Map((q.options.choices ?? []).map((c) => [c.key, label(c.label)]));
          return (Array.isArray(answer) ? answer : [answer]).map((a) => choices.get(String(a)) ?? String(a)).join('; ');
        }),
      ]);
      await deps.audit.record({ actorId: actor?.id ?? null, action: 'survey.exported', subjectType: 'phase', subjectId: phaseId, details: { count: rows.length } });
      return ok({ header: ['response', 'submitted', ...questions.map((q) => label(q.prompt))], rows });
    },

    /** How many responses a phase's survey has: a phase with inputs is kept. */
    inputsOfPhase: (phaseId: string): Promise<number> => repo.responseCount(phaseId),

    /**
     * Responses to the surveys of some phases per ISO week (as `2026-W07`), with the different people who
     * answered, for read models such as the participation report (one query for all the phases).
     */
    async responsesByWeek(phaseIds: readonly string[]): Promise<{ week: string; count: number; people: string[] }[]> {
      if (phaseIds.length === 0) return [];
      const rows = await repo.responsesByWeek(phaseIds);
      return rows.map((r) => ({ week: r.week, count: r.n, people: r.people }));
    },

    /**
     * Results: counts and percentages per choice (of those who answered the question; for multiple choice
     * the percentages can add up to more than 100), scale distribution and mean, and free texts for staff.
     * Public only when the manager chose so.
     */
    async results(actor: Actor | null, phaseId: string): Promise<Result<{ respondents: number; questions: QuestionResult[] }>> {
      const found = await surveyPhase(phaseId);
      if (!found) return fail('NotFound');
      const staff = hasRole(actor, 'process_manager', 'decision_maker');
      if (!staff && found.phase.settings.publicResults !== true) return fail('Forbidden');
      const questions = (await questionsOf(phaseId)).filter((q) => q.kind !== 'page_break');
      const responses = await repo.answersOf(phaseId);
      const results = questions.map((q): QuestionResult => {
        const given = responses.map((r) => r.answers[q.id]).filter((a): a is Answer => a !== undefined);
        if (q.kind === 'single_choice' || q.kind === 'multiple_choice') {
          const tallies = (q.options.choices ?? []).map((c) => {
            const count = given.filter((a) => (Array.isArray(a) ? a.includes(c.key) : a === c.key)).length;
            return { key: c.key, label: c.label, count, percent: percent(count, given.length) };
          });
          return { question: q, answered: given.length, tallies, mean: null, texts: [] };
        }
        if (q.kind === 'scale') {
          const values = given.map(Number);
          const tallies: Tally[] = [];
          for (let v = q.options.min ?? 1; v <= (q.options.max ?? 5); v++) {
            const count = values.filter((x) => x === v).length;
            tallies.push({ key: String(v), label: {}, count, percent: percent(count, values.length) });
          }
          const mean = values.length === 0 ? null : Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100;
          return { question: q, answered: values.length, tallies, mean, texts: [] };
        }
        return { question: q, answered: given.length, tallies: [], mean: null, texts: staff ? given.map(String) : [] };
      });
      return ok({ respondents: responses.length, questions: results });
    },
  };
}
