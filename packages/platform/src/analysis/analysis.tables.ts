import type { ColumnType, Generated } from 'kysely';

/** Where a run is: waiting for a worker, being computed, finished with a result, or failed. */
export type AnalysisState = 'queued' | 'running' | 'done' | 'failed';

export interface AnalysisRunsTable {
  id: Generated<string>;
  process_id: string;
  /** The staff member who asked for the run. */
  requested_by: string | null;
  /** The seed given to the topic finder, so a run can be repeated. */
  seed: string;
  state: ColumnType<AnalysisState, AnalysisState | undefined, AnalysisState>;
  requested_at: ColumnType<Date, Date | string | undefined, never>;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  idea_count: number | null;
  comment_count: number | null;
  topic_count: number | null;
  duplicate_group_count: number | null;
  /** The `AnalysisResult` as JSON. */
  result: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
}

/** A topic staff renamed, merged, split or pinned: kept with its inputs by every later run. */
export interface AnalysisTopicChoicesTable {
  id: Generated<string>;
  process_id: string;
  /** The phrases found for the topic's inputs when it was made. */
  label: string;
  /** The name staff gave it, if any. */
  name: string | null;
  /** Input keys (`i:<idea id>`, `c:<comment id>`) as JSON. */
  members: ColumnType<unknown, string, string>;
  /** Pinned: kept exactly as it is (no new inputs join it), and shown first. */
  pinned: ColumnType<boolean, boolean | undefined, boolean>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AnalysisTables {
  analysis_runs: AnalysisRunsTable;
  analysis_topic_choices: AnalysisTopicChoicesTable;
}
