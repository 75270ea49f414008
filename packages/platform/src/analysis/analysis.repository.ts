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

    /** The topics staff renamed, merged, split or pinned in a process, oldest change first. */
    async topicChoices(processId: string): Promise<{ id: string; label: string; name: string | null; members: string[]; pinned: boolean }[]> {
      const rows = await db
        .selectFrom('analysis_topic_choices')
        .select(['id', 'label', 'name', 'members', 'pinned'])
        .where('process_id', '=', processId)
        .orderBy('updated_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ id: r.id, label: r.label, name: r.name, members: r.members as string[], pinned: r.pinned }));
    },

    /**
     * In one transaction: drops the kept topics `remove`, takes the members of `add` out of the process's
     * other kept topics (an input is in one topic), and stores `add` (an `id` updates that topic). Returns the
     * ids of the topics stored, in the order of `add`.
     */
    async saveTopicChoices(
      processId: string,
      change: { remove: readonly string[]; add: readonly { id?: string; label: string; name: string | null; members: readonly string[]; pinned: boolean }[]; by: string; at: Date },
    ): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        if (change.remove.length > 0) await trx.deleteFrom('analysis_topic_choices').where('process_id', '=', processId).where('id', 'in', [...change.remove]).execute();
        const taken = new Set(change.add.flatMap((a) => a.members));
        const keep = new Set(change.add.flatMap((a) => (a.id ? [a.id] : [])));
        const others = await trx.selectFrom('analysis_topic_choices').select(['id', 'members']).where('process_id', '=', processId).execute();
        for (const o of others) {
          if (keep.has(o.id)) continue;
          const members = (o.members as string[]).filter((m) => !taken.has(m));
          if (members.length === (o.members as string[]).length) continue;
          if (members.length === 0) await trx.deleteFrom('analysis_topic_choices').where('id', '=', o.id).execute();
          else await trx.updateTable('analysis_topic_choices').set({ members: JSON.stringify(members) }).where('id', '=', o.id).execute();
        }
        const ids: string[] = [];
        for (const a of change.add) {
          const values = { label: a.label, name: a.name, members: JSON.stringify(a.members), pinned: a.pinned, updated_by: change.by, updated_at: change.at };
          if (a.id) {
            await trx.updateTable('analysis_topic_choices').set(values).where('id', '=', a.id).where('process_id', '=', processId).execute();
            ids.push(a.id);
          } else {
            const row = await trx.insertInto('analysis_topic_choices').values({ ...values, process_id: processId }).returning('id').executeTakeFirstOrThrow();
            ids.push(row.id);
          }
        }
        return ids;
      });
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
