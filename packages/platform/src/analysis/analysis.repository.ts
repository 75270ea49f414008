import type { Db } from '../db/database.ts';
import type { AnalysisState } from './analysis.tables.ts';

const runColumns = [
  'id',
  'process_id',
  'requested_by',
  'seed',
  'state',
  'requested_at',
  'started_at',
  'finished_at',
  'idea_count',
  'comment_count',
  'topic_count',
  'duplicate_group_count',
  'result',
  'error',
] as const;

/** The only place with SQL for analysis runs. */
export function analysisRepository(db: Db) {
  /** The newest run of a process in one of `states`, newest by `by` (then id). */
  function newestRun(processId: string, states: AnalysisState[], by: 'requested_at' | 'finished_at') {
    return db
      .selectFrom('analysis_runs')
      .select(runColumns)
      .where('process_id', '=', processId)
      .where('state', 'in', states)
      .orderBy(by, 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  return {
    async insertRun(input: { processId: string; requestedBy: string; seed: string; at: Date }): Promise<string> {
      const row = await db
        .insertInto('analysis_runs')
        .values({ process_id: input.processId, requested_by: input.requestedBy, seed: input.seed, requested_at: input.at })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    findRun(id: string) {
      return db.selectFrom('analysis_runs').select(runColumns).where('id', '=', id).executeTakeFirst();
    },

    /** The newest run of a process that is waiting or being computed, if any. */
    activeRun(processId: string) {
      return newestRun(processId, ['queued', 'running'], 'requested_at');
    },

    /** The newest run of a process that ended (done or failed), if any. */
    lastEndedRun(processId: string) {
      return newestRun(processId, ['done', 'failed'], 'finished_at');
    },

    /** Moves a queued run to running; false when it was not queued (already taken or ended). */
    async start(id: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('analysis_runs')
        .set({ state: 'running', started_at: at })
        .where('id', '=', id)
        .where('state', '=', 'queued')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async finish(
      id: string,
      values: { at: Date; ideas: number; comments: number; topics: number; duplicateGroups: number; result: unknown },
    ): Promise<void> {
      await db
        .updateTable('analysis_runs')
        .set({
          state: 'done',
          finished_at: values.at,
          idea_count: values.ideas,
          comment_count: values.comments,
          topic_count: values.topics,
          duplicate_group_count: values.duplicateGroups,
          result: JSON.stringify(values.result),
        })
        .where('id', '=', id)
        .execute();
    },

    async fail(id: string, at: Date, error: string, from: readonly AnalysisState[] = ['queued', 'running']): Promise<void> {
      await db
        .updateTable('analysis_runs')
        .set({ state: 'failed', finished_at: at, error })
        .where('id', '=', id)
        .where('state', 'in', from)
        .execute();
    },
  };
}
