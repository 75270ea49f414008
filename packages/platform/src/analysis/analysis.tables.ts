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

/** A summary staff saved (edited or not) from a run, published on the "you said, we did" page or not. */
export interface AnalysisSummariesTable {
  id: Generated<string>;
  process_id: string;
  run_id: string | null;
  /** 'process' or 'topic-<n>' (the topic's place in its run); one saved summary per scope and process. */
  scope: string;
  title: string;
  position: number;
  /** The sentences with their sources (`StoredSentence[]`) as JSON. */
  sentences: ColumnType<unknown, string, string>;
  /** 'builtin', or the model provider that wrote its sentences. */
  written_by: string;
  /** Whether staff changed or removed any generated sentence. */
  edited: boolean;
  saved_by: string | null;
  saved_at: ColumnType<Date, Date | string, Date | string>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** The administrator's model provider (one row; none means off). */
export interface AnalysisTextProviderTable {
  id: number;
  enabled: boolean;
  base_url: string;
  embedding_model: string | null;
  chat_model: string | null;
  /** Never shown or logged once saved. */
  api_key: string | null;
  timeout_ms: number;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string, Date | string>;
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
  analysis_summaries: AnalysisSummariesTable;
  analysis_text_provider: AnalysisTextProviderTable;
  analysis_topic_choices: AnalysisTopicChoicesTable;
}
