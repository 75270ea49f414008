import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText } from '../shared/localized.ts';

export const questionKinds = ['short_text', 'long_text', 'single_choice', 'multiple_choice', 'scale', 'page_break'] as const;
/** What a survey question asks for; a page break splits the form into pages. */
export type QuestionKind = (typeof questionKinds)[number];

/** A choice's stable key and its text per language; a scale's range. */
export interface QuestionOptions {
  choices?: { key: string; label: LocalizedText }[];
  min?: number;
  max?: number;
}

export interface SurveyQuestionsTable {
  id: Generated<string>;
  phase_id: string;
  position: number;
  kind: QuestionKind;
  prompt: ColumnType<LocalizedText, string | undefined, string>;
  required: ColumnType<boolean, boolean | undefined, boolean>;
  options: ColumnType<QuestionOptions, string | undefined, string>;
}

/** One answer: text, one choice key, several choice keys, or a scale value. */
export type Answer = string | string[] | number;

export interface SurveyResponsesTable {
  id: Generated<string>;
  phase_id: string;
  user_id: string | null;
  answers: ColumnType<Record<string, Answer>, string, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface SurveysTables {
  survey_questions: SurveyQuestionsTable;
  survey_responses: SurveyResponsesTable;
}
