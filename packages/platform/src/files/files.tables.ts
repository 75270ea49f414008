import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText } from '../shared/localized.ts';

export interface FilesTable {
  id: Generated<string>;
  owner_type: string;
  owner_id: string;
  kind: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  alt_text: ColumnType<LocalizedText, string | undefined, string>;
  uploaded_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FilesTables {
  files: FilesTable;
}
