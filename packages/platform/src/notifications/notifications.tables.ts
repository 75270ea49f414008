import type { ColumnType, Generated } from 'kysely';

/** How a person wants to hear about what happens to what they took part in. */
export type NotifyMode = 'immediate' | 'daily' | 'none';

export interface NotificationsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  payload: ColumnType<Record<string, string | number | null>, string | undefined, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  read_at: Date | null;
  emailed_at: Date | null;
}

export interface NotificationsTables {
  notifications: NotificationsTable;
}
