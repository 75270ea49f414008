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
  /** Where the idea is about (a GeoJSON Point, LineString or Polygon), when its phase asks for one. */
  location: ColumnType<unknown, string | null | undefined, string | null>;
  /** The point that stands for the location on the map (WGS 84). */
  location_lon: ColumnType<number | null, number | null | undefined, number | null>;
  location_lat: ColumnType<number | null, number | null | undefined, number | null>;
  /** What the resident typed or picked (an address, a place's name, coordinates). */
  location_label: ColumnType<string | null, string | null | undefined, string | null>;
  /** The municipality's area the location lies in, when one holds it. */
  location_area: ColumnType<string | null, string | null | undefined, string | null>;
  /** The idea a moderator merged this one into (it is hidden, and its page leads there). */
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
  merged_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
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

/** Whether an ideas phase asks for a location, and which kinds a resident may mark. */
export interface IdeaLocationSettingsTable {
  phase_id: string;
  mode: 'none' | 'optional' | 'required';
  kinds: ColumnType<string[], string[], string[]>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A pair of ideas a moderator said are not duplicates (ids in order), never suggested again. */
export interface IdeaDuplicateDismissalsTable {
  idea_a: string;
  idea_b: string;
  dismissed_by: string | null;
  dismissed_at: Created;
}

export interface IdeasTables {
  idea_duplicate_dismissals: IdeaDuplicateDismissalsTable;
  idea_location_settings: IdeaLocationSettingsTable;
  ideas: IdeasTable;
  idea_supports: IdeaSupportsTable;
  idea_follows: IdeaFollowsTable;
  comments: CommentsTable;
  idea_edits: IdeaEditsTable;
}
