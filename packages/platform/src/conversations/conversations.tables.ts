import type { ColumnType, Generated } from 'kysely';

type Created = ColumnType<Date, Date | string | undefined, never>;

/** Whether a statement is shown (accepted), waits for a moderator (unmoderated), or was refused (rejected). */
export const statementModerations = ['accepted', 'unmoderated', 'rejected'] as const;
/** A statement's moderation. */
export type StatementModeration = (typeof statementModerations)[number];

export interface ConversationsTable {
  id: Generated<string>;
  phase_id: string;
  process_id: string;
  question: string;
  description: ColumnType<string, string | undefined, string>;
  allow_anonymous: ColumnType<boolean, boolean | undefined, boolean>;
  allow_statements: ColumnType<boolean, boolean | undefined, boolean>;
  pre_moderation: ColumnType<boolean, boolean | undefined, boolean>;
  /** Votes a participant needs to be placed on the map and in a group. */
  min_votes: ColumnType<number, number | undefined, number>;
  /** The smallest opinion group shown; smaller ones are drawn as people not in a group. */
  min_group_size: ColumnType<number, number | undefined, number>;
  closed_at: Date | null;
  /** When a facilitator published the report before the phase closed; null: not published. */
  report_published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  source_name: string | null;
  source_url: string | null;
  source_licence: string | null;
  created_by: string | null;
  created_at: Created;
}

export interface ConversationParticipantsTable {
  /** bigint identity, read as a number (see db/database.ts). */
  id: Generated<number>;
  conversation_id: string;
  user_id: string | null;
  /** SHA-256 of an anonymous visitor's cookie token. */
  anon_key: string | null;
  /** The participant id in an imported Pol.is export. */
  external_id: string | null;
  created_at: Created;
}

export interface ConversationStatementsTable {
  id: Generated<number>;
  conversation_id: string;
  /** The statement's number in its conversation (Pol.is's comment id), for citing and export. */
  number: number;
  body: string;
  text_key: string | null;
  moderation: ColumnType<StatementModeration, StatementModeration | undefined, StatementModeration>;
  is_seed: ColumnType<boolean, boolean | undefined, boolean>;
  is_meta: ColumnType<boolean, boolean | undefined, boolean>;
  author_participant_id: number | null;
  author_user_id: string | null;
  created_at: Created;
}

export interface ConversationVotesTable {
  participant_id: number;
  statement_id: number;
  conversation_id: string;
  /** agree = 1, disagree = -1, pass = 0 (Pol.is's export coding). */
  vote: number;
  seq: Generated<number>;
  voted_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ConversationResultsTable {
  conversation_id: string;
  revision: number;
  votes_seen: number;
  computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  view: ColumnType<unknown, string, string>;
  result: ColumnType<unknown, string, string>;
}

/** Every revision's results view (the report can be opened for an older revision). */
export interface ConversationResultRevisionsTable {
  conversation_id: string;
  revision: number;
  votes_seen: number;
  computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  view: ColumnType<unknown, string, string>;
}

/** A statement's machine translation into one language, cached. */
export interface ConversationStatementTranslationsTable {
  statement_id: number;
  locale: string;
  body: string;
  /** The service that translated it (its URL's host). */
  provider: string;
  created_at: Created;
}

/** The administrator's conversation settings: one row. */
export interface ConversationSettingsTable {
  id: ColumnType<number, number | undefined, never>;
  /** A LibreTranslate-compatible service; null: translation off. */
  translation_url: string | null;
  /** Origins (scheme://host[:port]) whose pages may embed a conversation. */
  embed_origins: ColumnType<string[], string[] | undefined, string[]>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ConversationsTables {
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  conversation_statements: ConversationStatementsTable;
  conversation_votes: ConversationVotesTable;
  conversation_results: ConversationResultsTable;
  conversation_result_revisions: ConversationResultRevisionsTable;
  conversation_statement_translations: ConversationStatementTranslationsTable;
  conversation_settings: ConversationSettingsTable;
}
