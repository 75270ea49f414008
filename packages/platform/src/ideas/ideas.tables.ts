import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, Date | string | undefined, never>;

/** Whether an idea waits for a moderator (pre-screening), is shown, or was refused. */
export type Screening = 'pending' | 'published' | 'refused';

export interface IdeasTable {
  id: Generated<string>;
  process_id: string;
  phase_id: string;
  author_id: string | null;
  title: string;
  body: string;
  category: string | null;
  status: ColumnType<string, string | undefined, string>;
  screening: ColumnType<Screening, Screening | undefined, Screening>;
  hidden_at: Date | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  support_count: ColumnType<number, number | undefined, number>;
  comment_count: ColumnType<number, number | undefined, number>;
  progress_percent: number | null;
  created_at: Created;
  edited_at: Date | null;
}

export interface IdeaSupportsTable {
  idea_id: string;
  user_id: string;
  created_at: Created;
}

export interface IdeaFollowsTable {
  idea_id: string;
  user_id: string;
  created_at: Created;
}

export interface CommentsTable {
  id: Generated<string>;
  idea_id: string;
  parent_id: string | null;
  author_id: string | null;
  body: string;
  hidden_at: Date | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  created_at: Created;
}

/** What an idea said before its author changed it (the edit history staff see). */
export interface IdeaEditsTable {
  id: Generated<string>;
  idea_id: string;
  editor_id: string | null;
  previous_title: string;
  previous_body: string;
  previous_category: string | null;
  created_at: Created;
}

export interface IdeasTables {
  ideas: IdeasTable;
  idea_supports: IdeaSupportsTable;
  idea_follows: IdeaFollowsTable;
  comments: CommentsTable;
  idea_edits: IdeaEditsTable;
}
