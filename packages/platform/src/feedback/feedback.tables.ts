import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText } from '../shared/localized.ts';

type Created = ColumnType<Date, Date | string | undefined, never>;

export interface InputStatusesTable {
  key: string;
  label: ColumnType<LocalizedText, string | undefined, string>;
  position: number;
  requires_answer: ColumnType<boolean, boolean | undefined, boolean>;
  allows_progress: ColumnType<boolean, boolean | undefined, boolean>;
  built_in: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface OfficialAnswersTable {
  id: Generated<string>;
  idea_id: string;
  status: string;
  body: string | null;
  author_id: string | null;
  author_name: string;
  author_role: string;
  created_at: Created;
}

export interface MilestonesTable {
  id: Generated<string>;
  idea_id: string;
  title: string;
  happened_on: string;
  progress_percent: number;
  author_id: string | null;
  created_at: Created;
}

export interface FeedbackTables {
  input_statuses: InputStatusesTable;
  official_answers: OfficialAnswersTable;
  milestones: MilestonesTable;
}
