import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { QuestionKind, QuestionOptions } from './surveys.tables.ts';

/** The only place with SQL for survey questions and responses. */
export function surveysRepository(db: Db) {
  return {
    /** A survey phase's question rows in order, page breaks included. */
    questionsOf(phaseId: string) {
      return db.selectFrom('survey_questions').selectAll().where('phase_id', '=', phaseId).orderBy('position').orderBy('id').execute();
    },

    /** Adds a question at `position`; returns its id. */
    async insertQuestion(input: { phaseId: string; position: number; kind: QuestionKind; prompt: Record<string, string>; required: boolean; options: QuestionOptions }): Promise<string> {
      const row = await db
        .insertInto('survey_questions')
        .values({ phase_id: input.phaseId, position: input.position, kind: input.kind, prompt: JSON.stringify(input.prompt), required: input.required, options: JSON.stringify(input.options) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** How many responses the survey of a phase has. */
    async responseCount(phaseId: string): Promise<number> {
      const row = await db.selectFrom('survey_responses').select((eb) => eb.fn.countAll<string>().as('n')).where('phase_id', '=', phaseId).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Whether anyone has answered the survey of the phase. */
    async hasAnyResponse(phaseId: string): Promise<boolean> {
      return (await db.selectFrom('survey_responses').select('id').where('phase_id', '=', phaseId).executeTakeFirst()) !== undefined;
    },

    /** Whether the person has answered the survey of the phase. */
    async hasResponse(phaseId: string, userId: string): Promise<boolean> {
      return (await db.selectFrom('survey_responses').select('id').where('phase_id', '=', phaseId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
    },

    /**
     * Runs `work` in one transaction holding the survey's lock: a change to the form (questions, choices,
     * order) and a response being stored never run at once, so a response is checked against the form it is
     * stored with, and a change sees every stored answer.
     */
    underSurveyLock<T>(phaseId: string, work: (trx: Db) => Promise<T>): Promise<T> {
      return db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`survey:${phaseId}`}, 0))`.execute(trx);
        return work(trx);
      });
    },

    /** A survey phase's question rows in order, read in the transaction `ex`. */
    questionsIn(ex: Db, phaseId: string) {
      return ex.selectFrom('survey_questions').selectAll().where('phase_id', '=', phaseId).orderBy('position').orderBy('id').execute();
    },

    /** The answers of a phase's responses, read in the transaction `ex`. */
    answersIn(ex: Db, phaseId: string) {
      return ex.selectFrom('survey_responses').select('answers').where('phase_id', '=', phaseId).execute();
    },

    /** Writes a question's prompt, whether it is required and its options. */
    async updateQuestion(ex: Db, questionId: string, set: { prompt: Record<string, string>; required: boolean; options: QuestionOptions }): Promise<void> {
      await ex.updateTable('survey_questions').set({ prompt: JSON.stringify(set.prompt), required: set.required, options: JSON.stringify(set.options) }).where('id', '=', questionId).execute();
    },

    /** Numbers the questions 1, 2, … in the order given. */
    async renumber(ex: Db, questionIds: readonly string[]): Promise<void> {
      for (const [i, id] of questionIds.entries()) await ex.updateTable('survey_questions').set({ position: i + 1 }).where('id', '=', id).execute();
    },

    async deleteQuestion(ex: Db, questionId: string): Promise<void> {
      await ex.deleteFrom('survey_questions').where('id', '=', questionId).execute();
    },

    /** Stores one person's answers unless they answered already; true when stored. */
    async insertResponseOnce(phaseId: string, userId: string, answers: Record<string, unknown>, ex: Db = db): Promise<boolean> {
      const inserted = await ex
        .insertInto('survey_responses')
        .values({ phase_id: phaseId, user_id: userId, answers: JSON.stringify(answers) })
        .onConflict((oc) => oc.columns(['phase_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 0;
    },

    /** The responses of a phase with their id and time, oldest first (for the export). */
    responsesForExport(phaseId: string) {
      return db.selectFrom('survey_responses').select(['id', 'answers', 'created_at']).where('phase_id', '=', phaseId).orderBy('created_at').orderBy('id').execute();
    },

    /** The answers of a phase's responses, oldest first (for the results). */
    answersOf(phaseId: string) {
      return db.selectFrom('survey_responses').select('answers').where('phase_id', '=', phaseId).orderBy('created_at').orderBy('id').execute();
    },

    /** Responses to the surveys of some phases per ISO week, with the different people who answered. */
    async responsesByWeek(phaseIds: readonly string[]) {
      const result = await sql<{ week: string; n: number; people: string[] }>`
        SELECT to_char(date_trunc('week', created_at), 'IYYY-"W"IW') AS week, count(*)::int AS n,
               coalesce(array_agg(DISTINCT user_id) FILTER (WHERE user_id IS NOT NULL), '{}') AS people
        FROM survey_responses WHERE phase_id = any(${[...phaseIds]}::uuid[]) GROUP BY 1 ORDER BY 1`.execute(db);
      return result.rows;
    },
  };
}
