// The contracts of the surveys module's use cases: building the form, answering it, and reading the results.
// Shared by the /api/v1 routes and the survey and management pages' form actions.
import Type from 'typebox';
import { contract } from '../edge/contract.ts';
import { Created, Done, Id, Localized, LocaleSchema, oneOf } from '../edge/schemas.ts';
import { questionKinds } from './surveys.tables.ts';

const QuestionSchema = Type.Object({
  id: Type.String(),
  kind: oneOf(questionKinds),
  prompt: Localized,
  required: Type.Boolean(),
  choices: Type.Array(Type.Object({ key: Type.String(), label: Localized })),
  min: Type.Union([Type.Integer(), Type.Null()]),
  max: Type.Union([Type.Integer(), Type.Null()]),
});

const AnswerSchema = Type.Union([Type.String({ maxLength: 5000 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 }), Type.Integer()]);

/** Survey contracts by use case. */
export const surveyContracts = {
  surveyQuestions: contract({
    name: 'surveyQuestions',
    summary: "A survey's questions in order; a page break starts a new page",
    input: Type.Object({ phaseId: Id }),
    output: Type.Object({ questions: Type.Array(QuestionSchema) }),
  }),
  addQuestion: contract({
    name: 'addQuestion',
    summary: 'Add a question at the end of a survey (process managers; 409 once anyone has answered)',
    input: Type.Object({
      phaseId: Id,
      kind: oneOf(questionKinds),
      prompt: Type.String({ maxLength: 500 }),
      locale: Type.Optional(LocaleSchema),
      required: Type.Optional(Type.Boolean()),
      choices: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 100, description: 'At least two, for single and multiple choice' })),
      min: Type.Optional(Type.Integer({ description: 'Scale: lowest value (1 when left out)' })),
      max: Type.Optional(Type.Integer({ description: 'Scale: highest value (5 when left out); at most 10 above min' })),
    }),
    output: Created,
  }),
  updateQuestion: contract({
    name: 'updateQuestion',
    summary:
      "Change a question's wording (in one language), whether it is required, and its choices (the whole list, one per line). Once it has answers, each choice keeps its line: wording fixes and new choices at the end are allowed; moving a choice or removing an answered one is 409 InUse with the reason",
    input: Type.Object({
      phaseId: Id,
      questionId: Id,
      prompt: Type.String({ maxLength: 500 }),
      locale: Type.Optional(LocaleSchema),
      required: Type.Optional(Type.Boolean()),
      choices: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 100, description: 'Choice questions: at least two' })),
    }),
    output: Done,
  }),
  moveQuestion: contract({
    name: 'moveQuestion',
    summary: 'Move a question or page break one place earlier (up) or later (down); answers are kept (they are stored by question)',
    input: Type.Object({ phaseId: Id, questionId: Id, direction: oneOf(['up', 'down'] as const) }),
    output: Done,
  }),
  removeQuestion: contract({
    name: 'removeQuestion',
    summary: 'Remove a question or page break; 409 InUse with the number of answers once it has any',
    input: Type.Object({ phaseId: Id, questionId: Id }),
    output: Done,
  }),
  submitResponse: contract({
    name: 'submitResponse',
    summary: "Answer a survey, once per person; every answer is checked first (a field `q-<questionId>` names a wrong one)",
    input: Type.Object({
      phaseId: Id,
      answers: Type.Record(Type.String(), AnswerSchema, { description: 'By question id: text, a choice key, choice keys, or a scale value' }),
    }),
    output: Done,
  }),
  surveyResults: contract({
    name: 'surveyResults',
    summary: 'Counts and percentages per choice, scale distribution and mean, free texts for staff (public only when the manager chose so)',
    input: Type.Object({ phaseId: Id }),
    output: Type.Object({
      respondents: Type.Integer(),
      questions: Type.Array(
        Type.Object({
          id: Type.String(),
          kind: oneOf(questionKinds),
          prompt: Localized,
          answered: Type.Integer(),
          tallies: Type.Array(Type.Object({ key: Type.String(), label: Localized, count: Type.Integer(), percent: Type.Number() })),
          mean: Type.Union([Type.Number(), Type.Null()]),
          texts: Type.Array(Type.String()),
        }),
      ),
    }),
  }),
  exportResponses: contract({
    name: 'exportResponses',
    summary: "A survey's responses as CSV, one row per response, choices by their text (staff)",
    input: Type.Object({ phaseId: Id }),
    output: Type.String({ description: 'text/csv' }),
  }),
};
