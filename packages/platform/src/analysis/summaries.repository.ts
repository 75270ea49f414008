import type { Db } from '../db/database.ts';

const summaryColumns = ['id', 'process_id', 'run_id', 'scope', 'title', 'position', 'sentences', 'written_by', 'edited', 'saved_by', 'saved_at', 'published_at'] as const;

/** A saved summary row as read. */
export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summariesRepository>['savedOf']>>[number];

/** The only place with SQL for saved summaries and the model provider's settings. */
export function summariesRepository(db: Db) {
  return {
    /** The newest finished run of a process with its result, if any. */
    lastDoneRun(processId: string) {
      return db
        .selectFrom('analysis_runs')
        .select(['id', 'result'])
        .where('process_id', '=', processId)
        .where('state', '=', 'done')
        .orderBy('finished_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** The saved summaries of a process, by position. */
    savedOf(processId: string, publishedOnly = false) {
      let query = db.selectFrom('analysis_summaries').select(summaryColumns).where('process_id', '=', processId);
      if (publishedOnly) query = query.where('published_at', 'is not', null);
      return query.orderBy('position').orderBy('scope').execute();
    },

    findSaved(processId: string, scope: string) {
      return db.selectFrom('analysis_summaries').select(summaryColumns).where('process_id', '=', processId).where('scope', '=', scope).executeTakeFirst();
    },

    /** Saves (replaces) the summary of a scope; one statement, so nothing is half-written. */
    async save(row: { processId: string; runId: string | null; scope: string; title: string; position: number; sentences: unknown; writtenBy: string; edited: boolean; savedBy: string; at: Date; publish: boolean }): Promise<void> {
      const values = {
        run_id: row.runId,
        title: row.title,
        position: row.position,
        sentences: JSON.stringify(row.sentences),
        written_by: row.writtenBy,
        edited: row.edited,
        saved_by: row.savedBy,
        saved_at: row.at,
        published_at: row.publish ? row.at : null,
      };
      await db
        .insertInto('analysis_summaries')
        .values({ process_id: row.processId, scope: row.scope, ...values })
        .onConflict((oc) => oc.constraint('analysis_summaries_process_scope').doUpdateSet(values))
        .execute();
    },

    /** Takes a summary off the public page; false when there was no published summary of that scope. */
    async unpublish(processId: string, scope: string): Promise<boolean> {
      const result = await db
        .updateTable('analysis_summaries')
        .set({ published_at: null })
        .where('process_id', '=', processId)
        .where('scope', '=', scope)
        .where('published_at', 'is not', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    provider() {
      return db.selectFrom('analysis_text_provider').selectAll().where('id', '=', 1).executeTakeFirst();
    },

    async setProvider(values: { enabled: boolean; baseUrl: string; embeddingModel: string | null; chatModel: string | null; apiKey: string | null | undefined; timeoutMs: number; by: string; at: Date }): Promise<void> {
      // `apiKey` undefined keeps the key there is; null removes it.
      const set = {
        enabled: values.enabled,
        base_url: values.baseUrl,
        embedding_model: values.embeddingModel,
        chat_model: values.chatModel,
        timeout_ms: values.timeoutMs,
        updated_by: values.by,
        updated_at: values.at,
        ...(values.apiKey === undefined ? {} : { api_key: values.apiKey }),
      };
      await db
        .insertInto('analysis_text_provider')
        .values({ id: 1, ...set, api_key: values.apiKey ?? null })
        .onConflict((oc) => oc.column('id').doUpdateSet(set))
        .execute();
    },
  };
}
