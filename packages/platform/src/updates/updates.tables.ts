import type { ColumnType, Generated } from 'kysely';

/** Who an update is for: people who took part in the process, people following its ideas, or both. */
export const audiences = ['participants', 'followers', 'both'] as const;
export type Audience = (typeof audiences)[number];

/** Where an update stands: waiting for its time, being sent, sent, or cancelled before its time. */
export const updateStatuses = ['scheduled', 'sending', 'sent', 'cancelled'] as const;
export type UpdateStatus = (typeof updateStatuses)[number];

export interface ProcessUpdatesTable {
  id: Generated<string>;
  process_id: string;
  phase_id: string | null;
  audience: Audience;
  /** The language the update was written in; the text falls back to it where no translation exists. */
  language: string;
  subject: ColumnType<Record<string, string>, string, string>;
  body: ColumnType<Record<string, string>, string, string>;
  status: UpdateStatus;
  send_at: Date;
  sent_at: Date | null;
  reached: ColumnType<number, number | undefined, number>;
  emailed: ColumnType<number, number | undefined, number>;
  listed: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  cancelled_at: Date | null;
}

export interface ProcessUpdateDeliveriesTable {
  update_id: string;
  user_id: string;
  locale: string;
  listed: boolean;
  emailed_at: Date | null;
  email_failed: ColumnType<boolean, boolean | undefined, boolean>;
  unsubscribe_hash: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface ProcessUpdateUnsubscribesTable {
  process_id: string;
  user_id: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface UpdatesTables {
  process_updates: ProcessUpdatesTable;
  process_update_deliveries: ProcessUpdateDeliveriesTable;
  process_update_unsubscribes: ProcessUpdateUnsubscribesTable;
}
