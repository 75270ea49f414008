import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { hasRole, type Actor } from '../accounts/accounts.policy.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import { isLocale } from '../i18n/locales.ts';
import { fail, ok, type FieldError, type Result } from '../shared/result.ts';
import type { LocalizedText } from '../shared/localized.ts';
import { questionKinds, type Answer, type QuestionKind, type QuestionOptions } from './surveys.tables.ts';

/** A question as forms and results show it. */
export interface Question {
  readonly id: string;
  readonly kind: QuestionKind;
  readonly prompt: LocalizedText;
  readonly required: boolean;
  readonly options: QuestionOptions;
}

/** Counts for one choice or scale value: how many respondents, and their share of those who answered. */
export interface Tally {
  readonly key: string;
  readonly label: LocalizedText;
  readonly count: number;
  /** Percent of the respondents who answered this question, one decimal. */
  readonly percent: number;
}

/** Results of one question. */
export interface QuestionResult {
  readonly question: Question;
  readonly answered: number;
  readonly tallies: Tally[];
  readonly mean: number | null;
  readonly texts: string[];
}

const textLimits: Record<'short_text' | 'long_text', number> = { short_text: 300, long_text: 5000 };

/** Round half away from zero to one decimal, so 2/3 shows as 66.7 and 1/8 as 12.5. */
function percent(count: number, of: number): number {
  return of === 0 ? 0 : Math.round((count * 1000) / of) / 10;
}

/** Surveys: a form builder for managers, one response per person, results with counts and percentages. */
export function surveysService(deps: { db: Db; audit: AuditService; processes: ProcessesService }) {
  async function questionsOf(phaseId: string): Promise<Question[]> {
    const rows = await deps.db.selectFrom('survey_questions').selectAll().where('phase_id', '=', phaseId).orderBy('position').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind, prompt: r.prompt, required: r.required, options: r.options }));
  }

  async function surveyPhase(phaseId: string) {
    const found = await deps.processes.getPhase(phaseId);
    if (!found || found.phase.method !== 'survey') return null;
    return found;
  }

  return {
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
      if (!(questionKinds as readonly unknown[]).includes(input.kind)) errors.push({ field: 'kind', message: 'field.invalid' });
      const kind = input.kind as QuestionKind;
      const locale = isLocale(input.locale) ? input.locale : 'nb';
      const prompt = typeof input.prompt === 'string' ? input.prompt.trim() : '';
      if (kind !== 'page_break' && prompt === '') errors.push({ field: 'prompt', message: 'field.required' });
      if (prompt.length > 500) errors.push({ field: 'prompt', message: 'field.tooLong', params: { max: 500 } });
      const options: QuestionOptions = {};
      if (kind === 'single_choice' || kind === 'multiple_choice') {
        const raw = Array.isArray(input.choices) ? input.choices : typeof input.choices === 'string' ? input.choices.split('\n') : [];
        const labels = raw.map((c) => String(c).trim()).filter((c) => c !== '');
        if (labels.length < 2) errors.push({ field: 'choices', message: 'field.choicesRequired' });
        if (new Set(labels).size !== labels.length) errors.push({ field: 'choices', message: 'field.invalid' });
        options.choices = labels.map((label, i) => ({ key: `c${i + 1}`, label: { [locale]: label } }));
      }
      if (kind === 'scale') {
        const min = input.min === undefined || input.min === '' ? 1 : Number(input.min);
        const max = input.max === undefined || input.max === '' ? 5 : Number(input.max);
        if (!Number.isInteger(min) || !Number.isInteger(max) || min >= max || max - min > 10) errors.push({ field: 'max', message: 'field.invalid' });
        options.min = min;
        options.max = max;
      }
      if (errors.length > 0) return fail('ValidationFailed', errors);
      if ((await deps.db.selectFrom('survey_responses').select('id').where('phase_id', '=', phaseId).executeTakeFirst()) !== undefined) {
        // Changing the form after people answered would make the results mean something else.
        return fail('Conflict');
      }
      const position = (await questionsOf(phaseId)).length + 1;
      const row = await deps.db
        .insertInto('survey_questions')
        .values({ phase_id: phaseId, position, kind, prompt: JSON.stringify(kind === 'page_break' ? {} : { [locale]: prompt }), required: kind !== 'page_break' && (input.required === true || input.required === 'on'), options: JSON.stringify(options) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return ok({ id: row.id });
    },

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
      const { clean, errors } = checkAnswers(
        (await questionsOf(phaseId)).filter((q) => q.kind !== 'page_break'),
        answers,
      );
      if (errors.length > 0) return fail('ValidationFailed', errors);
      const inserted = await deps.db
        .insertInto('survey_responses')
        .values({ phase_id: phaseId, user_id: actor.id, answers: JSON.stringify(clean) })
        .onConflict((oc) => oc.columns(['phase_id', 'user_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return fail('AlreadyResponded');
      return ok(null);
    },

    /** Every response as rows for a CSV file (process managers): one column per question, choices by their text. */
    async exportResponses(actor: Actor | null, phaseId: string, locale: string): Promise<Result<{ header: string[]; rows: string[][] }>> {
      if (!hasRole(actor, 'process_manager', 'decision_maker')) return fail('Forbidden');
      if (!(await surveyPhase(phaseId))) return fail('NotFound');
      const questions = (await questionsOf(phaseId)).filter((q) => q.kind !== 'page_break');
      const label = (text: LocalizedText) => (isLocale(locale) ? text[locale] : undefined) ?? Object.values(text)[0] ?? '';
      const responses = await deps.db.selectFrom('survey_responses').select(['id', 'answers', 'created_at']).where('phase_id', '=', phaseId).orderBy('created_at').orderBy('id').execute();
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

    /**
     * Responses to the surveys of some phases per ISO week (as `2026-W07`), with the different people who
     * answered, for read models such as the participation report (one query for all the phases).
     */
    async responsesByWeek(phaseIds: readonly string[]): Promise<{ week: string; count: number; people: string[] }[]> {
      if (phaseIds.length === 0) return [];
      const result = await sql<{ week: string; n: number; people: string[] }>`
        SELECT to_char(date_trunc('week', created_at), 'IYYY-"W"IW') AS week, count(*)::int AS n,
               coalesce(array_agg(DISTINCT user_id) FILTER (WHERE user_id IS NOT NULL), '{}') AS people
        FROM survey_responses WHERE phase_id = any(${[...phaseIds]}::uuid[]) GROUP BY 1 ORDER BY 1`.execute(deps.db);
      return result.rows.map((r) => ({ week: r.week, count: r.n, people: r.people }));
    },

    /** Whether the person has answered already. */
    async hasResponded(actor: Actor | null, phaseId: string): Promise<boolean> {
      if (!actor) return false;
      return (await deps.db.selectFrom('survey_responses').select('id').where('phase_id', '=', phaseId).where('user_id', '=', actor.id).executeTakeFirst()) !== undefined;
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
      const responses = await deps.db.selectFrom('survey_responses').select('answers').where('phase_id', '=', phaseId).orderBy('created_at').orderBy('id').execute();
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

export type SurveysService = ReturnType<typeof surveysService>;

/** The questions split into pages at page breaks; empty pages (two breaks in a row) are dropped. */
export function surveyPages<Q extends { kind: string }>(questions: readonly Q[]): Q[][] {
  const pages: Q[][] = [[]];
  for (const q of questions) {
    if (q.kind === 'page_break') pages.push([]);
    else pages[pages.length - 1]?.push(q);
  }
  return pages.filter((page) => page.length > 0);
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
        if (typeof raw !== 'string' || !keys.has(raw)) errors.push({ field, message: 'field.invalid' });
        else clean[q.id] = raw;
        break;
      case 'multiple_choice': {
        const list = (Array.isArray(raw) ? raw : [raw]).map(String);
        if (!list.every((k) => keys.has(k)) || new Set(list).size !== list.length) errors.push({ field, message: 'field.invalid' });
        else clean[q.id] = [...list].sort((a, b) => a.localeCompare(b));
        break;
      }
      case 'scale': {
        const value = Number(raw);
        if (!Number.isInteger(value) || value < (q.options.min ?? 1) || value > (q.options.max ?? 5)) errors.push({ field, message: 'field.invalid' });
        else clean[q.id] = value;
        break;
      }
      case 'page_break':
        break;
    }
  }
  return { clean, errors };
}
