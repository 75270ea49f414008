import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText } from '../shared/localized.ts';

export const processStatuses = ['draft', 'published', 'closed'] as const;
/** Draft → published → closed. */
export type ProcessStatus = (typeof processStatuses)[number];

type Json<T> = ColumnType<T, string, string>;

/** The charter's texts, each stored per language. */
export const charterFields = [
  'question',
  'why_involved',
  'scope_can_change',
  'scope_cannot_change',
  'decision_maker',
  'response_commitment',
  'target_groups',
  'outreach',
  'method_rationale',
  'funding',
] as const;
export type CharterField = (typeof charterFields)[number];

type LocalizedColumn = ColumnType<LocalizedText, string | undefined, string>;

export const phaseMethods = ['information', 'ideas', 'survey', 'conversation', 'budgeting', 'panel', 'stakeholders', 'event', 'proposals'] as const;
/** What residents do in a phase. */
export type PhaseMethod = (typeof phaseMethods)[number];

export interface PhasesTable {
  id: Generated<string>;
  process_id: string;
  method: PhaseMethod;
  title: LocalizedColumn;
  description: LocalizedColumn;
  starts_on: string;
  ends_on: string;
  settings: ColumnType<PhaseSettings, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Per-phase switches. */
export interface PhaseSettings {
  /** Ideas wait for a moderator before they are shown. */
  preScreening?: boolean;
  /** Survey results are visible to the public. */
  publicResults?: boolean;
  /** The categories residents file their ideas under (none: ideas have no category). */
  categories?: string[];
}

export interface ProcessesTable extends Record<CharterField, LocalizedColumn> {
  id: Generated<string>;
  slug: string;
  status: ColumnType<ProcessStatus, ProcessStatus | undefined, ProcessStatus>;
  title: Json<LocalizedText>;
  summary: LocalizedColumn;
  respond_by: string | null;
  published_at: Date | null;
  closed_at: Date | null;
  starts_on: string | null;
  ends_on: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProcessesTables {
  processes: ProcessesTable;
  phases: PhasesTable;
}
