import type { Db } from '../db/database.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ProcessesService } from '../processes/processes.service.ts';
import type { LocalizedText } from '../shared/localized.ts';
import type { QuestionKind, QuestionOptions } from './surveys.tables.ts';
import { surveysRepository } from './surveys.repository.ts';

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

/** What the surveys module needs from the platform. */
export interface SurveysDeps {
  readonly db: Db;
  readonly audit: AuditService;
  readonly processes: ProcessesService;
}

/**
 * What the use-case files share: the dependencies, a survey phase's questions and the check that a phase is
 * a survey. Built once per platform by `surveysService`.
 */
export function surveysContext(deps: SurveysDeps) {
  const repo = surveysRepository(deps.db);

  /** A survey phase's questions in order, page breaks included. */
  async function questionsOf(phaseId: string): Promise<Question[]> {
    const rows = await repo.questionsOf(phaseId);
    return rows.map((r) => ({ id: r.id, kind: r.kind, prompt: r.prompt, required: r.required, options: r.options }));
  }

  /** The phase and its process when the phase is a survey, else null. */
  async function surveyPhase(phaseId: string) {
    const found = await deps.processes.getPhase(phaseId);
    if (!found || found.phase.method !== 'survey') return null;
    return found;
  }

  return { deps, repo, questionsOf, surveyPhase };
}

export type SurveysContext = ReturnType<typeof surveysContext>;

/** The questions split into pages at page breaks; empty pages (two breaks in a row) are dropped. */
export function surveyPages<Q extends { kind: string }>(questions: readonly Q[]): Q[][] {
  const pages: Q[][] = [[]];
  for (const q of questions) {
    if (q.kind === 'page_break') pages.push([]);
    else pages[pages.length - 1]?.push(q);
  }
  return pages.filter((page) => page.length > 0);
}
