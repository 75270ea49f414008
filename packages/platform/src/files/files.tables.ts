import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText } from '../shared/localized.ts';

/** A smaller copy of an image, as its row lists it. */
export interface StoredVariant {
  readonly width: number;
  readonly height: number;
  readonly key: string;
  readonly sizeBytes: number;
}

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
  /** An image's size as shown (its EXIF orientation applied); null for documents and images uploaded before. */
  width: ColumnType<number | null, number | null | undefined, number | null>;
  height: ColumnType<number | null, number | null | undefined, number | null>;
  /** An image's smaller copies (WebP), narrowest first; each has its own key in the file store. */
  variants: ColumnType<StoredVariant[], string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FilesTables {
  files: FilesTable;
}
